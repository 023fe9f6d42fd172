// The TUI's exports (`:write FILE`, `y` in the detail), done here because they need output/
// (and tap/ for a recording), which the UI may not import: runTui receives this Exporter.
// Files are never replaced unless the user confirmed (`:write!`).
import {writeFile} from 'node:fs/promises';
import {type Exporter, exportFormatOf, type WriteRequest} from '../model/export.js';
import {formatBytes} from '../model/format.js';
import {recordEvents, type TimedEvent} from '../model/record-events.js';
import {encodeRecord, encodeRecordingHeader, RECORDING_VERSION} from '../model/recording.js';
import {maskEvent} from '../model/secrets.js';
import type {RequestRecord} from '../model/types.js';
import {createEventFormatter} from '../output/index.js';
import {HarStream, harPrefix, harSuffix} from '../output/har.js';
import {encodeTapEvent} from '../tap/encode.js';

function eventsText(records: readonly RequestRecord[], format: 'json' | 'jsonl', showSecrets: boolean): string {
	const formatter = createEventFormatter(format, {showSecrets});
	return records.map(record => recordEvents(record).map(timed => formatter(timed.event)).join('')).join('');
}

function recordingBytes(request: WriteRequest, version: string): Uint8Array {
	const spec = request.source.spec;
	if (!spec) throw new Error('nothing is tapped: a recording needs the tap it came from');
	const timed: TimedEvent[] = request.records.flatMap(recordEvents).sort((a, b) => a.at - b.at);
	const startedAt = timed[0]?.at ?? 0;
	const header = encodeRecordingHeader({format: RECORDING_VERSION, meshtop: version, context: request.source.context, server: request.source.server, spec, startedAt, showSecrets: request.showSecrets});
	const parts = [header, ...timed.map(t => encodeRecord(encodeTapEvent(maskEvent(t.event, request.showSecrets)), t.at, startedAt))];
	return Buffer.concat(parts);
}

export function createExporter(version: string): Exporter {
	return {
		requestJson: (record, showSecrets) => eventsText([record], 'json', showSecrets),
		async write(request) {
			const format = exportFormatOf(request.path);
			if (!format) throw new Error(`:write picks the format by extension: .har, .json, .jsonl or .mtap (a recording), got ${request.path}`);
			let data: string | Uint8Array;
			let count = request.records.length;
			if (format === 'har') {
				const har = new HarStream({showSecrets: request.showSecrets});
				const done = request.records.filter(record => record.state === 'done');
				data = harPrefix(version) + done.map(record => har.entry(record)).join('') + harSuffix();
				count = done.length;
			} else if (format === 'recording') data = recordingBytes(request, version);
			else data = eventsText(request.records, format, request.showSecrets);
			try {
				await writeFile(request.path, data, {flag: request.overwrite ? 'w' : 'wx', mode: 0o600});
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'EEXIST') throw new Error(`${request.path} exists; :write! ${request.path} replaces it`);
				throw new Error(`cannot write ${request.path}: ${code ?? String(error)}`);
			}
			const what = format === 'har' ? 'completed requests' : 'requests';
			return `wrote ${count} ${what} to ${request.path} (${format === 'recording' ? 'recording' : format.toUpperCase()}, ${formatBytes(typeof data === 'string' ? Buffer.byteLength(data) : data.length)})`;
		},
	};
}
