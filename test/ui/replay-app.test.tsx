// `meshtop replay`'s screen: the App on a recording through sources/replay.ts and the store on
// the recorded clock. The header says REPLAY, of what file and when, with the recorded time;
// the stream shows the requests with the newest selected; `y` copies the linkerd -o json
// objects (as OSC 52 bytes); `:write` writes each format and refuses to replace a file.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import React from 'react';
import {afterAll, describe, expect, it} from 'vitest';
import {createExporter} from '../../source/commands/export.js';
import {decodeRecording, encodeRecord, encodeRecordingHeader, type RecordingHeader} from '../../source/model/recording.js';
import {replaySources} from '../../source/sources/replay.js';
import {createStore} from '../../source/store/store.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {App} from '../../source/ui/app.js';
import {osc52} from '../../source/ui/osc52.js';
import {initialUi} from '../../source/ui/ui-state.js';
import {harProblems} from '../output/har-validator.js';
import {ManualTime, requestEvents} from './fixtures.js';
import {keys, renderAt} from './render.js';

const dir = mkdtempSync(join(tmpdir(), 'meshtop-replay-ui-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const startedAt = Date.UTC(2024, 2, 1, 10, 0, 0);
const header: RecordingHeader = {
	format: 1,
	meshtop: '0.1.0',
	context: 'prod-eu',
	server: 'https://10.0.0.1:6443',
	spec: {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 100, extractHeaders: true},
	startedAt,
	showSecrets: false,
};

function recording(): Uint8Array {
	const parts = [encodeRecordingHeader(header)];
	const requests = [
		{stream: 1, path: '/api/list', status: 200},
		{stream: 2, path: '/api/vote', status: 500, requestHeaders: [{name: 'authorization', valueStr: '[masked]'}, {name: 'user-agent', valueStr: 'curl/8'}]},
	];
	let at = startedAt + 1000;
	for (const spec of requests) {
		for (const event of requestEvents(spec)) {
			parts.push(encodeRecord(encodeTapEvent(event), at, startedAt));
			at += 100;
		}
	}
	return Buffer.concat(parts);
}

async function until(what: string, check: () => boolean, settle: () => Promise<void>, advance: () => void): Promise<void> {
	// Polls (file writes and renders take their time on a busy machine); asserts nothing about time.
	for (let i = 0; i < 500; i++) {
		if (check()) return;
		advance();
		await settle();
		await new Promise(resolve => setTimeout(resolve, 10));
	}
	throw new Error(`never happened: ${what}`);
}

describe('meshtop replay: the TUI on a recording', () => {
	it('says REPLAY with the file and recorded times, selects the newest request; y copies its -o json; :write writes every format', async () => {
		const decoded = decodeRecording(recording());
		const {sources, clock} = replaySources(decoded, join(dir, 'incident.mtap'));
		const schedule = new ManualTime();
		const store = createStore({sources, model: {bufferSize: 100, ttlMs: 30_000, maxRoutes: 100, rpsWindowMs: 10_000}, clock: clock.now, schedule: schedule.schedule, refreshMs: 1000, spec: header.spec});
		const copies: string[] = [];
		const app = renderAt(
			stdout => (
				<App store={store} initialUi={initialUi(true)} showSecrets={false} stdout={stdout} onQuit={() => undefined} onCopy={text => copies.push(osc52(text))} exporter={createExporter('9.9.9')} version="9.9.9" />
			),
			120,
			40,
		);
		store.start(header.spec.target);
		const advance = () => schedule.advance(100);
		await until('both requests on screen', () => app.lines().some(line => line.includes('/api/vote')), app.settle, advance);
		const lines = app.lines();
		expect(lines[0]).toMatch(/^meshtop {2}REPLAY incident\.mtap {2}recorded 2024-03-01 10:00:00 UTC {2}ctx prod-eu {2}https:\/\/10\.0\.0\.1:6443 {2}at 10:00:01 UTC/);
		expect(lines.join('\n')).toContain('/api/list');
		// Nothing in a recording is live: the stream stays on the newest request and says so.
		expect(lines.join('\n')).toMatch(/Requests {2}2\/2 · at the newest/);
		expect(lines.join('\n')).not.toContain('live');
		// The newest request is the selected one: enter opens it.
		await app.press(keys.enter);
		expect(app.lines().join('\n')).toContain('/api/vote');
		await app.press('y');
		expect(copies).toHaveLength(1);
		const copied = Buffer.from(copies[0]!.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
		expect(copies[0]!.startsWith('\u001B]52;c;')).toBe(true);
		expect(copies[0]!.endsWith('\u0007')).toBe(true);
		const objects = copied.split(/\n(?=\{)/).map(text => JSON.parse(text) as Record<string, unknown>);
		expect(objects.map(o => Object.keys((o as {requestInitEvent?: unknown; responseInitEvent?: unknown; responseEndEvent?: unknown}) ).filter(k => k.endsWith('Event')))).toEqual([['requestInitEvent'], ['responseInitEvent'], ['responseEndEvent']]);
		expect(copied).toContain('"path": "/api/vote"');
		expect(copied).toContain('"valueStr": "[masked]"');
		expect(app.lines().join('\n')).toContain('copied request #');
		await app.press(keys.escape);

		const write = async (name: string, bang = false) => {
			await app.press(':', `write${bang ? '!' : ''} ${join(dir, name)}`, keys.enter);
			await until(`the notice for ${name}`, () => app.lines().some(line => line.includes(`to ${join(dir, name)} (`)), app.settle, () => undefined);
			return app.lines().join('\n');
		};
		expect(await write('out.json')).toContain(`wrote 2 requests to ${join(dir, 'out.json')} (JSON,`);
		expect(readFileSync(join(dir, 'out.json'), 'utf8').match(/^\{$/gm)).toHaveLength(6);
		expect(await write('out.jsonl')).toContain('wrote 2 requests');
		expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(6);
		expect(await write('out.har')).toContain('wrote 2 completed requests');
		const har = JSON.parse(readFileSync(join(dir, 'out.har'), 'utf8')) as {log: {entries: unknown[]}};
		expect(harProblems(har)).toEqual([]);
		expect(har.log.entries).toHaveLength(2);
		expect(await write('out.mtap')).toContain('wrote 2 requests');
		const again = decodeRecording(readFileSync(join(dir, 'out.mtap')));
		expect(again.frames).toHaveLength(6);
		expect(again.header).toMatchObject({context: 'prod-eu', meshtop: '9.9.9', spec: header.spec, startedAt: startedAt + 1000});
		// An existing file is kept; :write! replaces it.
		await app.press(':', `write ${join(dir, 'out.json')}`, keys.enter);
		await until('the refusal', () => app.lines().some(line => line.includes(':write! ')), app.settle, () => undefined);
		expect(await write('out.json', true)).toContain('wrote 2 requests');
		expect(existsSync(join(dir, 'out.txt'))).toBe(false);
		// P: a recording holds no Prometheus or metrics-api figures, and says so.
		await app.press('P');
		expect(app.lines().join(' ')).toContain('this is a replay. Route metrics (Prometheus) and authorization');
		await app.press(keys.escape);
		// R / :record: a replay has delivered every frame; a new recording would stay empty.
		await app.press(keys.escape);
		await app.press('R');
		expect(app.lines().join('\n')).toContain('nothing new to record in a replay; :write FILE.mtap saves what is shown');
		expect(app.lines()[0]).not.toContain('REC');
		await app.press(':', `record ${join(dir, 'again.mtap')}`, keys.enter);
		await app.settle();
		expect(app.lines()[0]).not.toContain('REC');
		expect(existsSync(join(dir, 'again.mtap'))).toBe(false);
		// :tap and tap-side filters need a cluster: refused with a hint, the replay left as it was.
		await app.press(':', 'tap deploy/api -n shop', keys.enter);
		await app.settle();
		expect(app.lines().join('\n')).toContain('a replay cannot tap again; filter what it holds with / (client-side)');
		expect(app.lines()[1]).toMatch(/^tap deploy\/web -n emojivoto {2}stopped/);
		await app.press(':', 'method GET', keys.enter);
		await app.settle();
		expect(app.lines()[1]).not.toContain('failed');
		expect(app.lines()[2]).toBe('filters: none');
		app.unmount();
		store.close();
		sources.close();
	}, 30_000);
});
