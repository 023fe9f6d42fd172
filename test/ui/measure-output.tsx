// Terminal output cost and key latency of the full TUI under a steady event rate
// (issue 5: bytesPerSec300, bytesPerSec20k, keyToScreenMs). Not a test: figures are
// printed, never asserted. Real time, in process: FakeSources get `rate` tap
// events/s in 10 ms slices; a 160x45 fake TTY counts the bytes written to it.
// Run: CI=false NODE_ENV=production npx tsx test/ui/measure-output.tsx [seconds]
// (CI must be unset or false: Ink writes nothing but the last frame in CI.)
// Modes: runTui as shipped (our frame writer), the writer without gap merging
// limits (whole changed span per line), and Ink's own standard and incremental
// log-update with the same frame cap, for comparison.
import React from 'react';
import {render} from 'ink';
import {createStore} from '../../source/store/store.js';
import {App} from '../../source/ui/app.js';
import {frameStream} from '../../source/ui/output-proxy.js';
import {FrameWriter} from '../../source/ui/output-writer.js';
import {runTui} from '../../source/ui/run.js';
import {ThemeContext} from '../../source/ui/theme-context.js';
import {themeFor} from '../../source/ui/theme.js';
import {initialUi} from '../../source/ui/ui-state.js';
import {FakeSources, requestEvents} from './fixtures.js';
import {FakeStdin, FakeStdout} from './render.js';

const seconds = Number(process.argv[2] ?? 5);
const target = {namespace: 'emojivoto', type: 'deployment', name: 'web'};
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

class CountingStdout extends FakeStdout {
	bytes = 0;
	writes = 0;
	onWrite: ((data: string) => void) | undefined;
	override write = (data: string): boolean => {
		this.bytes += Buffer.byteLength(data);
		this.writes++;
		this.onWrite?.(data);
		return true;
	};
}

/** Feeds `rate` events/s (3 per request) until stopped. */
function feed(sources: FakeSources, rate: number): () => void {
	let stream = 0;
	let owed = 0;
	const timer = setInterval(() => {
		owed += rate / 100 / 3;
		const events = [];
		for (; owed >= 1; owed--, stream++) {
			events.push(
				...requestEvents({
					stream: stream % 1_000_000,
					base: Math.floor(stream / 1_000_000) + 1,
					path: `/api/r${stream % 500}`,
					status: stream % 17 === 0 ? 503 : 200,
					latencyMs: 1 + (stream % 300),
					tls: stream % 11 === 0 ? 'no_tls_from_remote' : 'true',
					from: `client-${stream % 25}`,
				}),
			);
		}
		if (events.length > 0 && sources.taps.length > 0) sources.lastTap.handlers.onEvents(events);
	}, 10);
	return () => clearInterval(timer);
}

type Mode = 'runTui' | 'writer-no-gap-limit' | 'ink-standard' | 'ink-incremental';

/** Starts the UI in a mode; returns a stop function. */
function start(mode: Mode, sources: FakeSources, stdout: CountingStdout, stdin: FakeStdin): () => Promise<void> {
	const io = {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new FakeStdout(160, 45) as unknown as NodeJS.WriteStream};
	if (mode === 'runTui') {
		const exit = runTui({sources, target, showSecrets: false, color: true, bufferSize: 10_000, ...io});
		return async () => {
			stdin.write('q');
			await exit;
		};
	}
	const store = createStore({sources, model: {bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000}, clock: Date.now});
	const writer = new FrameWriter({out: stdout, size: () => ({columns: 160, rows: 45}), minIntervalMs: 50, gap: 1e9});
	const app = (
		<ThemeContext.Provider value={themeFor(true)}>
			<App store={store} initialUi={initialUi(true)} showSecrets={false} stdout={stdout} onQuit={() => {}} onKeys={() => writer.expedite()} />
		</ThemeContext.Provider>
	);
	const instance =
		mode === 'writer-no-gap-limit'
			? render(app, {...io, stdout: frameStream(stdout, writer) as unknown as NodeJS.WriteStream, debug: true, exitOnCtrlC: false, patchConsole: false})
			: render(app, {...io, exitOnCtrlC: false, patchConsole: false, maxFps: 20, incrementalRendering: mode === 'ink-incremental'});
	store.start(target);
	return async () => {
		instance.unmount();
		writer.close();
		store.close();
	};
}

async function bandwidth(mode: Mode, rate: number): Promise<{perSecond: number; writesPerSecond: number}> {
	const sources = new FakeSources();
	const stdout = new CountingStdout(160, 45);
	stdout.isTTY = true;
	const stdin = new FakeStdin();
	const stop = start(mode, sources, stdout, stdin);
	const stopFeed = feed(sources, rate);
	await sleep(1500);
	const bytes0 = stdout.bytes;
	const writes0 = stdout.writes;
	const t0 = performance.now();
	await sleep(seconds * 1000);
	const elapsed = (performance.now() - t0) / 1000;
	const perSecond = (stdout.bytes - bytes0) / elapsed;
	const writesPerSecond = (stdout.writes - writes0) / elapsed;
	stopFeed();
	await stop();
	return {perSecond, writesPerSecond};
}

/** Press `?` at random moments while `rate` events/s stream in; time until the help table is written. */
async function keyLatency(rate: number, presses: number): Promise<number[]> {
	const sources = new FakeSources();
	const stdout = new CountingStdout(160, 45);
	stdout.isTTY = true;
	const stdin = new FakeStdin();
	const stop = start('runTui', sources, stdout, stdin);
	const stopFeed = feed(sources, rate);
	await sleep(1500);
	const samples: number[] = [];
	for (let i = 0; i < presses; i++) {
		await sleep(50 + Math.random() * 150);
		let shown = 0;
		stdout.onWrite = data => {
			if (!shown && data.includes('KEYS')) shown = performance.now();
		};
		const t0 = performance.now();
		stdin.write('?');
		while (!shown && performance.now() - t0 < 2000) await sleep(1);
		if (!shown) throw new Error('the help overlay did not appear within 2 s');
		samples.push(shown - t0);
		stdin.write('?');
		await sleep(150);
	}
	stdout.onWrite = undefined;
	stopFeed();
	await stop();
	return samples;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB/s`;
const figures: Record<string, number> = {};
for (const mode of ['runTui', 'writer-no-gap-limit', 'ink-standard', 'ink-incremental'] as const) {
	for (const rate of [300, 20_000]) {
		const {perSecond, writesPerSecond} = await bandwidth(mode, rate);
		console.log(`${mode.padEnd(20)} ${String(rate).padStart(6)} events/s: ${kb(perSecond).padStart(11)}, ${writesPerSecond.toFixed(1)} writes/s`);
		if (mode === 'runTui') figures[rate === 300 ? 'bytesPerSec300' : 'bytesPerSec20k'] = Math.round(perSecond);
	}
}
const samples = (await keyLatency(20_000, 20)).sort((a, b) => a - b);
const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
console.log(`key to screen at 20k events/s ('?' until the help table is written): median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`);
figures.keyToScreenMs = Math.round(at(0.5) * 10) / 10;
console.log(JSON.stringify(figures));
