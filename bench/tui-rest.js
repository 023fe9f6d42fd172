// The TUI left open (issue 12): the real runTui drawing into a fake 160x45 TTY (writes
// replayed onto bench/lib/screen.js), BenchSources decoding pre-encoded frames at a steady
// rate in this process, CPU from process.cpuUsage, RSS from the kernel's high-water mark.
//   rest RATE SECONDS [WARMUP_S]  CPU share of a core, bytes and writes to the TTY per second
//                                 over SECONDS after WARMUP_S, peak RSS over the whole run
//   key RATE PRESSES              ms from a key (`?` or `space`, alternately opened and closed)
//                                 to the write after which the screen shows its effect
// Run with NODE_ENV=production FORCE_COLOR=1 (as bench/run.js does):
//   node bench/tui-rest.js rest 10 20
import v8 from 'node:v8';
import {buildEvents, encodeStream} from './lib/events.js';
import {BenchSources, splitFrames} from './lib/fake-sources.js';
import {loadHarness} from './lib/load-harness.js';
import {cpuMs, median, report, round, sleep} from './lib/stats.js';

const mode = process.argv[2] ?? 'rest';
const rate = Number(process.argv[3] ?? 300);

// How often the fake tap hands over what arrived: a real socket delivers a read per few
// events at low rates; the timer itself costs CPU, so it is not run faster than needed.
const deliverEveryMs = rate >= 2000 ? 10 : rate >= 100 ? 20 : 100;
// A small pool (2,000 requests, 6,000 events, 1.3 MB) so the bench's own data hardly shows in RSS.
// runTui keeps V8's young generation at its initial size; do it before the bench builds its
// pool too, or the pool's allocations grow it first and the RSS figure measures the bench.
v8.setFlagsFromString('--semi-space-growth-factor=1');
// The TUI as it ships: bundled with esbuild and the bundle's aliases.
const {startTui} = await loadHarness();
const frames = splitFrames(encodeStream(buildEvents(2_000)));
globalThis.gc?.();
const sources = new BenchSources(frames, rate, deliverEveryMs);
// MESHTOP_REFRESH_MS: another data refresh interval than the default (to take frames out of a figure).
const tui = startTui(sources, {refreshMs: process.env.MESHTOP_REFRESH_MS ? Number(process.env.MESHTOP_REFRESH_MS) : undefined});
const {stdout, stdin, screen} = tui;
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

if (mode === 'rest') {
	const seconds = Number(process.argv[4] ?? 20);
	const warmup = Number(process.argv[5] ?? 5);
	await sleep(warmup * 1000);
	// MESHTOP_PROFILE=FILE: a CPU profile of the measured window only (start-up left out).
	const profile = process.env.MESHTOP_PROFILE ? await startProfile() : null;
	const b0 = stdout.bytes;
	const w0 = stdout.writes;
	const e0 = sources.delivered;
	const c0 = cpuMs();
	const t0 = performance.now();
	let rssSampledMax = 0;
	const sampler = setInterval(() => {
		rssSampledMax = Math.max(rssSampledMax, process.memoryUsage.rss() / 2 ** 20);
	}, 1000);
	await sleep(seconds * 1000);
	clearInterval(sampler);
	await profile?.(process.env.MESHTOP_PROFILE);
	const elapsed = (performance.now() - t0) / 1000;
	const cpuShare = (cpuMs() - c0) / 1000 / elapsed;
	const bytesPerSec = (stdout.bytes - b0) / elapsed;
	const writesPerSec = (stdout.writes - w0) / elapsed;
	const eventsPerSec = (sources.delivered - e0) / elapsed;
	const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
	console.log(
		`rate ${rate}: CPU ${(cpuShare * 100).toFixed(2)}% of a core, ${Math.round(bytesPerSec)} B/s in ${writesPerSec.toFixed(2)} writes/s, ` +
			`${Math.round(eventsPerSec)} ev/s delivered, RSS peak ${maxRssMB().toFixed(1)} MB (sampled max ${rssSampledMax.toFixed(1)}), heap used ${heapMB.toFixed(1)} MB`,
	);
	report({
		mode,
		rate,
		seconds: round(elapsed, 1),
		cpuShare: round(cpuShare, 4),
		bytesPerSec: Math.round(bytesPerSec),
		writesPerSec: round(writesPerSec, 2),
		eventsPerSec: Math.round(eventsPerSec),
		rssPeakMB: round(maxRssMB(), 1),
		rssSampledMaxMB: round(rssSampledMax, 1),
		heapUsedMB: round(heapMB, 1),
	});
} else {
	const presses = Number(process.argv[4] ?? 12);
	await sleep(3000);
	// Each step: a key, what the screen must show after it, and whether that is a press we time.
	const steps = [
		{key: '?', shows: () => screen.shows('esc close') || screen.shows('help: list every key'), timed: true, name: '? open'},
		{key: '\u001B', shows: () => !screen.shows('help: list every key'), timed: false, name: 'esc'},
		{key: ' ', shows: () => screen.shows('PAUSED'), timed: true, name: 'space pause'},
		{key: ' ', shows: () => !screen.shows('PAUSED'), timed: true, name: 'space resume'},
	];
	const samples = [];
	const byName = {};
	let done = 0;
	for (let i = 0; done < presses; i++) {
		const step = steps[i % steps.length];
		const shown = new Promise(resolve => {
			stdout.onScreen = () => {
				if (step.shows()) resolve(performance.now());
			};
		});
		const t0 = performance.now();
		stdin.type(step.key);
		const t1 = await Promise.race([shown, sleep(5000).then(() => NaN)]);
		stdout.onScreen = null;
		if (step.timed) {
			samples.push(t1 - t0);
			(byName[step.name] ??= []).push(round(t1 - t0, 1));
			done++;
		}
		// Vary the phase against the store's refresh so presses land anywhere in its cycle.
		await sleep(150 + ((i * 97) % 400));
	}
	const lost = samples.filter(Number.isNaN).length;
	const shownSamples = samples.filter(s => !Number.isNaN(s));
	console.log(`rate ${rate}: key to screen ${Object.entries(byName).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ')} ms; ${lost} never shown`);
	report({mode, rate, keyToScreenMs: round(median(shownSamples), 1), keyToScreenMaxMs: round(Math.max(...shownSamples), 1), keyLost: lost});
}
async function startProfile() {
	const {Session} = await import('node:inspector/promises');
	const {writeFileSync} = await import('node:fs');
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.start');
	return async file => {
		const {profile} = await session.post('Profiler.stop');
		writeFileSync(file, JSON.stringify(profile));
		session.disconnect();
	};
}

const code = await tui.quit();
sources.close();
process.exit(code === 0 ? 0 : 1);
