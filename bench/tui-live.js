// The running TUI (ui/run.tsx's runTui, with its real render options) drawing into a
// fake 160x45 TTY while BenchSources streams decoded events at a steady rate.
//   bytes RATE: bytes written per second once the buffer has settled.
//   key RATE:   ms from typing `?` until the help overlay is written, repeated.
// Run with NODE_ENV=production FORCE_COLOR=1 (as bench/run.js does):
//   node bench/tui-live.js bytes 300
import {runTui} from '../dist/ui/run.js';
import {buildEvents, encodeStream} from './lib/events.js';
import {BenchSources, splitFrames} from './lib/fake-sources.js';
import {FakeTtyIn, FakeTtyOut} from './lib/fake-tty.js';
import {cpuMs, median, report, round, sleep} from './lib/stats.js';

const mode = process.argv[2] ?? 'bytes';
const rate = Number(process.argv[3] ?? 300);
const warmupMs = Number(process.argv[4] ?? 3000);
const windowMs = Number(process.argv[5] ?? 5000);

const frames = splitFrames(encodeStream(buildEvents(20_000)));
const sources = new BenchSources(frames, rate);
const stdout = new FakeTtyOut(160, 45);
const stdin = new FakeTtyIn();
const stderr = new FakeTtyOut(160, 45);
const done = runTui({
	sources,
	target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
	showSecrets: false,
	color: true,
	bufferSize: 10_000,
	stdin,
	stdout,
	stderr,
});

await sleep(warmupMs);
if (mode === 'bytes') {
	const b0 = stdout.bytes;
	const w0 = stdout.writes;
	const e0 = sources.delivered;
	const c0 = cpuMs();
	const t0 = performance.now();
	await sleep(windowMs);
	const seconds = (performance.now() - t0) / 1000;
	const bytesPerSec = (stdout.bytes - b0) / seconds;
	const writesPerSec = (stdout.writes - w0) / seconds;
	const eventsPerSec = (sources.delivered - e0) / seconds;
	const cpuShare = (cpuMs() - c0) / 1000 / seconds;
	console.log(`rate ${rate}: ${Math.round(bytesPerSec)} B/s, ${writesPerSec.toFixed(1)} writes/s, ${Math.round(eventsPerSec)} events/s delivered, CPU ${(cpuShare * 100).toFixed(0)}% of a core`);
	report({mode, rate, bytesPerSec: Math.round(bytesPerSec), writesPerSec: round(writesPerSec, 1), eventsPerSec: Math.round(eventsPerSec), cpuShare: round(cpuShare, 3)});
} else {
	const samples = [];
	for (let i = 0; i < 7; i++) {
		const shown = new Promise(resolve => {
			stdout.watch = text => {
				if (text.includes('esc close')) resolve(performance.now());
			};
		});
		const t0 = performance.now();
		stdin.type('?');
		const t1 = await Promise.race([shown, sleep(5000).then(() => NaN)]);
		stdout.watch = null;
		samples.push(t1 - t0);
		await sleep(150);
		stdin.type('\u001B');
		await sleep(250 + 37 * i);
	}
	console.log(`rate ${rate}: key to screen ${samples.map(s => s.toFixed(1)).join(', ')} ms`);
	report({mode, rate, keyToScreenMs: round(median(samples), 1), keyToScreenMaxMs: round(Math.max(...samples), 1)});
}
stdin.type('q');
const code = await Promise.race([done, sleep(2000).then(() => 'timeout')]);
sources.close();
process.exit(code === 0 ? 0 : 1);
