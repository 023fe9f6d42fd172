// `meshtop replay FILE`: the full-screen UI on a recording, with no cluster. The store runs
// on the recording's clock (the replay session moves it frame by frame), so ages, rates and
// the header's time are the recorded ones.
import process from 'node:process';
import {describeCut} from '../model/recording.js';
import {sanitize} from '../model/sanitize.js';
import {type Options, resolveTap} from '../options.js';
import {meshtopVersion} from './shared.js';

export async function runReplayCommand(options: Options): Promise<number> {
	process.env.NODE_ENV ??= 'production';
	const {readRecordingFile} = await import('../sources/recording-file.js');
	const {replaySources} = await import('../sources/replay.js');
	const recording = readRecordingFile(options.replay!);
	const cut = describeCut(recording);
	// Said before the screen opens, and again in the UI's notice line.
	if (cut) process.stderr.write(`meshtop: ${sanitize(cut)}\n`);
	const {sources, clock} = replaySources(recording, options.replay!);
	const {clientFilter} = resolveTap(options, recording.header.spec.target.namespace || 'default');
	const {runTui} = await import('../ui/run.js');
	const {createExporter} = await import('./export.js');
	const version = meshtopVersion();
	try {
		return await runTui({
			sources,
			clock: clock.now,
			target: recording.header.spec.target,
			spec: recording.header.spec,
			clientFilter,
			showSecrets: options.showSecrets,
			color: options.color,
			bufferSize: options.bufferSize,
			refreshMs: options.refreshMs,
			notice: cut,
			exporter: createExporter(version),
			version,
		});
	} finally {
		sources.close();
	}
}
