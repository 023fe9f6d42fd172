// `npm run bench`: every performance figure of issue 5, each section in its own child
// process so one cannot skew another, then a table and one JSON line of the figures.
// Sections print a line `RESULT {json}`; everything else they print is passed through.
// Takes about five minutes on 2 cores (the soak alone ~1.5). See docs/performance.md.
import {spawn} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {median} from './lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const env = {...process.env, NODE_ENV: 'production', FORCE_COLOR: '1'};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;

function section(script, args = [], nodeFlags = ['--expose-gc']) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, [...nodeFlags, path.join(here, script), ...args.map(String)], {cwd: root, env, stdio: ['ignore', 'pipe', 'inherit']});
		let result;
		let buffered = '';
		child.stdout.on('data', d => {
			buffered += d;
			let nl;
			while ((nl = buffered.indexOf('\n')) >= 0) {
				const line = buffered.slice(0, nl);
				buffered = buffered.slice(nl + 1);
				if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7));
				else if (line.trim()) console.log(`  ${line}`);
			}
		});
		child.on('exit', code => {
			if (buffered.startsWith('RESULT ')) result = JSON.parse(buffered.slice(7));
			if (code !== 0 || !result) reject(new Error(`${script} ${args.join(' ')} failed (exit ${code})`));
			else resolve({...result, sectionSeconds: (performance.now() - started) / 1000});
		});
	});
}

console.log(`meshtop bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${os.loadavg().map(x => x.toFixed(1)).join(' ')}`);
const t0 = performance.now();
const step = async (title, fn) => {
	console.log(`${title}…`);
	return fn();
};

const ingest = await step('ingest (decode + correlate + aggregate, 3 x 1M events)', () => section('ingest.js', [1_000_000, 3]));
const headless = await step('headless tap -o jsonl vs raw frame reader', () => section('headless.js', [60_000, 2_000_000, 3], []));
const frame = await step('TUI frame at 160x45, full buffer', () => section('frame.js', [40], []));
// Issue 12, the TUI at rest: the bundled TUI in a fake 160x45 TTY, events decoded in process.
const quiet = await step('TUI at rest: 10 events/s for 20 s', () => section('tui-rest.js', ['rest', 10, 20, 5]));
const rest300 = await step('TUI at 300 events/s (tap default) for a minute', () => section('tui-rest.js', ['rest', 300, 55, 5]));
const rest20k = await step('TUI at 20,000 events/s for 15 s', () => section('tui-rest.js', ['rest', 20_000, 15, 5]));
const key300 = await step('key to screen at 300 events/s', () => section('tui-rest.js', ['key', 300, 12]));
const key20k = await step('key to screen at 20,000 events/s', () => section('tui-rest.js', ['key', 20_000, 12]));
const bytes300 = {bytesPerSec: rest300.bytesPerSec, writesPerSec: rest300.writesPerSec, eventsPerSec: rest300.eventsPerSec};
const bytes20k = {bytesPerSec: rest20k.bytesPerSec, writesPerSec: rest20k.writesPerSec, eventsPerSec: rest20k.eventsPerSec, cpuShare: rest20k.cpuShare};
const rssRuns = [];
for (let i = 0; i < 3; i++) rssRuns.push(await step(`RSS over 1M events (run ${i + 1}/3)`, () => section('rss.js', [1_000_000])));
const startup = await step('start-up: --version and --demo first frame', () => section('startup.js', [7], []));
// Issue 6, load: the TUI under a flood and a long steady rate (bench/soak.js), with the
// Ink as the bundle ships it, with a probe on its text caches (lib/ink-cache-probe.js).
const flood = await step('soak: 1M events through the TUI at full speed', () => section('soak.js', ['flood', 1_000_000]));
const steady = await step('soak: 20,000 events/s for 60 s, a key every ~2 s', () => section('soak.js', ['steady', 60, 20_000, 2000]));

const rss = {rssMB1M: median(rssRuns.map(r => r.rssMB1M)), rssGrowth: median(rssRuns.map(r => r.rssGrowth)), heapGrowth: median(rssRuns.map(r => r.heapGrowth))};
const figures = {
	node: process.version,
	cpuQuiet: quiet.cpuShare,
	cpuDefault: rest300.cpuShare,
	cpu20k: rest20k.cpuShare,
	rssPeakMB: rest300.rssPeakMB,
	keyToScreenMs300: key300.keyToScreenMs,
	keyToScreenMs20k: key20k.keyToScreenMs,
	ingestEventsPerSec: ingest.ingestEventsPerSec,
	headlessVsRaw: headless.headlessVsRaw,
	frameMs: frame.frameMs,
	bytesPerSec300: bytes300.bytesPerSec,
	bytesPerSec20k: bytes20k.bytesPerSec,
	rssMB1M: rss.rssMB1M,
	rssGrowth: rss.rssGrowth,
	firstFrameMs: startup.firstFrameMs,
	versionMs: startup.versionMs,
	soakRssMB1M: flood.soakRssMB1M,
	soakRssGrowth: flood.soakRssGrowth,
	soakRetainedGrowth: flood.soakRetainedGrowth,
	soakRssMaxMB: Math.max(flood.soakRssMaxMB, steady.soakSteadyRssMaxMB),
	soakKeyMsP50: steady.soakKeyMsP50,
	soakKeyMsMax: steady.soakKeyMsMax,
	soakEventsPerSec: steady.soakEventsPerSec,
	soakSteadyGrowth: steady.soakSteadyGrowth,
};
const rows = [
	['cpuQuiet', figures.cpuQuiet, '<= 0.02', v => v <= 0.02, `cores, 10 ev/s for ${quiet.seconds} s; ${quiet.writesPerSec} writes/s, ${quiet.bytesPerSec} B/s`],
	['cpuDefault', figures.cpuDefault, '<= 0.05', v => v <= 0.05, `cores, 300 ev/s for ${rest300.seconds} s; ${rest300.writesPerSec} writes/s`],
	['cpu20k', figures.cpu20k, '<= 0.25', v => v <= 0.25, `cores, ${rest20k.eventsPerSec} ev/s delivered for ${rest20k.seconds} s; ${rest20k.writesPerSec} writes/s`],
	['rssPeakMB', figures.rssPeakMB, '<= 150', v => v <= 150, `kernel high-water mark over the minute at 300 ev/s (start-up and the bench's 1.3 MB pool included); sampled max ${rest300.rssSampledMaxMB}`],
	['keyToScreenMs300', figures.keyToScreenMs300, '<= 50', v => v <= 50, `median of 12 (? open, space pause/resume); max ${key300.keyToScreenMaxMs} (<= 100); ${key300.keyLost} never shown`],
	['keyToScreenMs20k', figures.keyToScreenMs20k, '<= 50', v => v <= 50, `median of 12 at 20,000 ev/s; max ${key20k.keyToScreenMaxMs} (<= 100); ${key20k.keyLost} never shown`],
	['ingestEventsPerSec', figures.ingestEventsPerSec, '>= 500000', v => v >= 500_000, `events per CPU-second; decode alone ${ingest.decodeEventsPerSec}; ${ingest.bytesPerFrame} B/frame`],
	['headlessVsRaw', figures.headlessVsRaw, '>= 0.1', v => v >= 0.1, `cli ${headless.headlessEventsPerSec} ev/s vs raw ${headless.rawEventsPerSec} ev/s; CPU ratio ${headless.headlessVsRawCpu}`],
	['frameMs', figures.frameMs, '<= 8', v => v <= 8, `CPU ms, median; max ${frame.frameMaxMs}; Ink-alone baseline ${frame.baselineFrameMs}`],
	['bytesPerSec300', figures.bytesPerSec300, '<= 15360', v => v <= 15 * 1024, `${bytes300.writesPerSec} writes/s, ${bytes300.eventsPerSec} ev/s delivered`],
	['bytesPerSec20k', figures.bytesPerSec20k, '<= 153600', v => v <= 150 * 1024, `${bytes20k.writesPerSec} writes/s, ${bytes20k.eventsPerSec} ev/s delivered, CPU ${Math.round(bytes20k.cpuShare * 100)}% of a core`],
	['rssMB1M', figures.rssMB1M, '<= 200', v => v <= 200, `median of 3 runs: ${rssRuns.map(r => r.rssMB1M).join(', ')}`],
	['rssGrowth', figures.rssGrowth, '< 0.05', v => v < 0.05, `runs ${rssRuns.map(r => r.rssGrowth).join(', ')} (medians of 11 readings each); retained (heap used + external) growth ${rss.heapGrowth}`],
	['firstFrameMs', figures.firstFrameMs, '<= 500', v => v <= 500, 'pty via script(1), until the header is on screen'],
	['versionMs', figures.versionMs, '<= 150', v => v <= 150, `floor node -e 0: ${startup.nodeFloorMs} ms`],
	['soakRssMB1M', figures.soakRssMB1M, '<= 200', v => v <= 200, `full TUI, 1M events at ${flood.soakFloodEventsPerSec} ev/s: median of 11 readings after GCs near 1M; peak RSS (no forced GC) ${flood.soakRssMaxMB}; buffer ${flood.soakBuffered} requests`],
	['soakRssGrowth', figures.soakRssGrowth, '< 0.05', v => v < 0.05, `500k -> 1M, medians of 11 readings after GCs; near 500k ${flood.soakRssMBHalf} MB`],
	['soakRetainedGrowth', figures.soakRetainedGrowth, '< 0.05', v => v < 0.05, `heap used + external after GCs, 500k -> 1M; ${flood.soakRetainedMB1M} MB near 1M`],
	['soakRssMaxMB', figures.soakRssMaxMB, '(info)', () => true, `highest RSS without forced GCs (what top shows): flood peak ${flood.soakRssMaxMB}, steady max ${steady.soakSteadyRssMaxMB}; garbage V8 has not collected yet, see docs`],
	['soakKeyMsP50', figures.soakKeyMsP50, '<= 100', v => v <= 100, `? every ~2 s for ${steady.seconds} s at ${steady.rate}/s, open/close help until the screen shows it; p95 ${steady.soakKeyMsP95}; ${steady.soakKeyMissed} of ${steady.soakKeyPresses} never shown`],
	['soakKeyMsMax', figures.soakKeyMsMax, '(info)', () => true, `event-loop delay p99 ${steady.soakLoopDelayP99Ms} ms, max ${steady.soakLoopDelayMaxMs} ms`],
	['soakEventsPerSec', figures.soakEventsPerSec, '>= 19000', v => v >= 19_000, `delivered ${steady.soakEventsDelivered} of ${steady.soakEventsOffered} offered; header said ${steady.soakHeaderEventsPerSec} ev/s; ${steady.soakWritesPerSec} writes/s, ${steady.soakBytesPerSec} B/s, CPU ${Math.round(steady.soakCpuShare * 100)}%`],
	['soakSteadyGrowth', figures.soakSteadyGrowth, '< 0.05', v => v < 0.05, `retained ${steady.soakSteadyRetainedStartMB} -> ${steady.soakSteadyRetainedEndMB} MB over the 60 s (buffer full throughout); RSS after GCs ${steady.soakSteadyRssGcStartMB} -> ${steady.soakSteadyRssGcEndMB}, max seen ${steady.soakSteadyRssMaxMB}`],
];
console.log('');
console.log(`node ${process.version}`);
console.log(`${'figure'.padEnd(20)} ${'value'.padStart(10)}  ${'budget'.padEnd(10)}  pass  notes`);
for (const [name, value, budget, ok, notes] of rows) {
	console.log(`${name.padEnd(20)} ${String(value).padStart(10)}  ${budget.padEnd(10)}  ${ok(value) ? 'yes ' : 'NO  '}  ${notes}`);
}
console.log(`(bench took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
console.log(JSON.stringify(figures));
