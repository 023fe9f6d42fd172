// Soak: the running TUI under load for a long time (issue 6, load). Both parts drive
// runTui into a fake 160x45 TTY with the real store, model, panes and screen writer;
// events are decoded from a pre-encoded pool as the real tap does.
//
//   flood [EVENTS]: EVENTS (1M) events as fast as the event loop takes them, a burst
//     per turn (a socket read's worth, the store's tick and the frames run between
//     bursts). Memory after full GCs every 100k events, and eleven readings near half
//     and near the end (medians, as bench/rss.js): max RSS, growth of RSS and of
//     retained memory (heap used + external) from EVENTS/2 to EVENTS, and the buffer
//     fill the screen shows, against the default bound of 10,000 requests.
//   steady [SECONDS] [RATE] [KEY_MS]: RATE (20,000) events/s paced by wall time for
//     SECONDS (60), `?` typed every ~KEY_MS (2000) ms, opening and closing help in turn.
//     Key to screen is the time until the rebuilt screen shows the change (overlay up,
//     or gone with the stream back). Frames and bytes written per second, events
//     delivered vs offered, the rate the header shows, event-loop delay, RSS.
//
// Ink is bundled as the CLI bundles it, with a probe that reads the size of Ink 8's own
// bounded text caches (lib/ink-cache-probe.js).
//
// Run with NODE_ENV=production FORCE_COLOR=1 (as bench/run.js does):
//   node --expose-gc bench/soak.js flood 1000000
//   node --expose-gc bench/soak.js steady 60 20000 2000
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {buildEvents, encodeStream} from './lib/events.js';
import {BenchSources, splitFrames} from './lib/fake-sources.js';
import {loadHarness} from './lib/load-harness.js';
import {cpuMs, median, report, round, sleep, turn} from './lib/stats.js';

const {headerFigures, startTui, inkCacheSize} = await loadHarness();
const inkCache = () => inkCacheSize();

const mode = process.argv[2] ?? 'flood';
const bufferSize = 10_000;
const mb = bytes => bytes / 1024 / 1024;
// A small pool (2,000 requests, 1.3 MB) so the bench's own data hardly shows in RSS;
// every event is still decoded afresh, so each buffered request is its own objects.
const frames = splitFrames(encodeStream(buildEvents(2_000)));

// One reading after two full collections (see bench/rss.js for why both figures).
function reading() {
	globalThis.gc?.();
	globalThis.gc?.();
	const m = process.memoryUsage();
	return {rss: mb(m.rss), retained: mb(m.heapUsed + m.external)};
}

/** Medians of `n` readings. */
function readings(n) {
	const rs = Array.from({length: n}, reading);
	return {rss: median(rs.map(r => r.rss)), retained: median(rs.map(r => r.retained))};
}

function percentile(xs, p) {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fixed = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));

async function flood(total, burst = 1000) {
	if (!globalThis.gc) throw new Error('run with node --expose-gc');
	const sources = new BenchSources(frames, 0);
	const tui = startTui(sources, {bufferSize});
	await sleep(500);
	const base = reading();
	const step = total / 100;
	const curve = [];
	const firstHalf = [];
	const secondHalf = [];
	let maxRssSeen = 0;
	let deliverMs = 0;
	let deliverCpu = 0;
	let writesWhileDelivering = 0;
	let delivered = 0;
	while (delivered < total) {
		const t0 = performance.now();
		const c0 = cpuMs();
		const w0 = tui.stdout.writes;
		// Deliver up to the next checkpoint, one burst per event-loop turn.
		const next = Math.min(total, (Math.floor(delivered / step) + 1) * step);
		while (delivered < next) {
			const count = Math.min(burst, next - delivered);
			sources.deliver(sources.handlers, count);
			delivered += count;
			await turn();
		}
		maxRssSeen = Math.max(maxRssSeen, mb(process.memoryUsage.rss()));
		deliverMs += performance.now() - t0;
		deliverCpu += cpuMs() - c0;
		writesWhileDelivering += tui.stdout.writes - w0;
		const hundred = delivered % (total / 10) === 0;
		const nearHalf = delivered >= total * 0.4 && delivered <= total / 2;
		const nearEnd = delivered >= total * 0.9;
		if (!hundred && !nearHalf && !nearEnd) continue;
		// Let the store take in what is queued and the screen catch up, then read.
		await sleep(250);
		const r = {events: delivered, ...reading(), ...headerFigures(tui.screen)};
		if (hundred) {
			curve.push(r);
			console.log(`${String(delivered).padStart(8)} events: RSS ${fixed(r.rss)} MB, retained ${fixed(r.retained, 2)} MB, buffer ${r.buffered}/${r.bufferSize}, ${r.unfinished} unfinished, ${r.dropped} dropped`);
		}
		if (nearHalf) firstHalf.push(r);
		if (nearEnd) secondHalf.push(r);
	}
	const code = await tui.quit();
	sources.close();
	const mid = (rs, key) => median(rs.map(r => r[key]));
	const range = (rs, key) => `${fixed(Math.min(...rs.map(r => r[key])))}..${fixed(Math.max(...rs.map(r => r[key])))}`;
	const rssHalf = mid(firstHalf, 'rss');
	const rssEnd = mid(secondHalf, 'rss');
	const keptHalf = mid(firstHalf, 'retained');
	const keptEnd = mid(secondHalf, 'retained');
	// Peak resident memory of the whole process (kernel high-water mark), pool and start-up included.
	const peak = process.resourceUsage().maxRSS / 1024;
	const buffered = Math.max(...curve.map(r => r.buffered));
	console.log(`before: RSS ${fixed(base.rss)} MB, retained ${fixed(base.retained, 2)} MB; peak RSS ${fixed(peak)} MB (highest between bursts ${fixed(maxRssSeen)})`);
	console.log(`near ${total / 2}: RSS median ${fixed(rssHalf)} MB (${firstHalf.length} readings ${range(firstHalf, 'rss')}), retained ${fixed(keptHalf, 2)} MB (${range(firstHalf, 'retained')})`);
	console.log(`near ${total}: RSS median ${fixed(rssEnd)} MB (${secondHalf.length} readings ${range(secondHalf, 'rss')}), retained ${fixed(keptEnd, 2)} MB (${range(secondHalf, 'retained')})`);
	console.log(`delivery: ${Math.round(total / (deliverMs / 1000))} events/s wall, ${Math.round(total / (deliverCpu / 1000))} per CPU-second, ${fixed(writesWhileDelivering / (deliverMs / 1000))} writes/s; buffer at most ${buffered}/${bufferSize}; exit ${code}`);
	report({
		mode,
		events: total,
		ink: 'ink 8 (own LRU caches)',
		soakRssMaxMB: round(peak, 1),
		soakRssMB1M: round(rssEnd, 1),
		soakRssMBHalf: round(rssHalf, 1),
		soakRssGrowth: round((rssEnd - rssHalf) / rssHalf, 4),
		soakRetainedMB1M: round(keptEnd, 2),
		soakRetainedGrowth: round((keptEnd - keptHalf) / keptHalf, 4),
		soakBuffered: buffered,
		soakFloodEventsPerSec: Math.round(total / (deliverMs / 1000)),
		soakFloodWritesPerSec: round(writesWhileDelivering / (deliverMs / 1000), 1),
		exitCode: code,
	});
}

async function steady(seconds, rate, keyEveryMs) {
	if (!globalThis.gc) throw new Error('run with node --expose-gc');
	const sources = new BenchSources(frames, rate);
	const tui = startTui(sources, {bufferSize});
	await sleep(3000);
	// The buffer is full after ~1.5 s at 20k/s: what is retained from here on is not the buffer.
	const before = readings(3);
	// The collections held the loop up: let the pacing catch up before the window opens.
	await sleep(200);
	const rssStart = mb(process.memoryUsage.rss());
	const loop = monitorEventLoopDelay({resolution: 10});
	loop.enable();
	const b0 = tui.stdout.bytes;
	const w0 = tui.stdout.writes;
	const e0 = sources.delivered;
	const c0 = cpuMs();
	const t0 = performance.now();
	const end = t0 + seconds * 1000;
	const presses = [];
	const rates = [];
	let rssMax = rssStart;
	let open = false;
	for (let i = 0; performance.now() + keyEveryMs < end; i++) {
		// Spread the presses over the phase of the 100 ms store tick and the 50 ms frame cap.
		await sleep(keyEveryMs - 150 + ((i * 37) % 100));
		rssMax = Math.max(rssMax, mb(process.memoryUsage.rss()));
		rates.push(headerFigures(tui.screen).eventsPerSecond);
		const want = !open;
		const reached = screen => (want ? screen.shows('esc close') : !screen.shows('esc close') && screen.shows('Requests '));
		const shown = new Promise(resolve => {
			tui.stdout.onScreen = screen => {
				if (reached(screen)) resolve(performance.now());
			};
		});
		const pressed = performance.now();
		tui.stdin.type('?');
		const at = await Promise.race([shown, sleep(5000).then(() => NaN)]);
		tui.stdout.onScreen = null;
		presses.push({open: want, ms: at - pressed});
		// From the screen, not the intent: a press that never showed must not flip what comes next.
		open = tui.screen.shows('esc close');
	}
	await sleep(Math.max(0, end - performance.now()));
	const elapsed = (performance.now() - t0) / 1000;
	const cpuShare = (cpuMs() - c0) / 1000 / elapsed;
	const delivered = sources.delivered - e0;
	const offered = Math.floor(rate * elapsed);
	const bytesPerSec = (tui.stdout.bytes - b0) / elapsed;
	const writesPerSec = (tui.stdout.writes - w0) / elapsed;
	loop.disable();
	const rssEnd = mb(process.memoryUsage.rss());
	if (open) {
		// End on the stream, so the screen's buffer figures can be read.
		tui.stdin.type('?');
		await sleep(300);
	}
	const header = headerFigures(tui.screen);
	const cacheEntries = inkCache();
	const after = readings(3);
	const code = await tui.quit();
	sources.close();
	const ms = presses.map(p => p.ms).filter(Number.isFinite);
	const missed = presses.length - ms.length;
	const lag = q => loop.percentile(q) / 1e6;
	console.log(`${presses.length} presses, key to screen ms: ${presses.map(p => `${p.open ? '+' : '-'}${fixed(p.ms)}`).join(' ')}`);
	console.log(`key to screen: median ${fixed(median(ms))}, p95 ${fixed(percentile(ms, 95))}, max ${fixed(Math.max(...ms))} ms; ${missed} not shown within 5 s`);
	console.log(`${fixed(elapsed)} s at ${rate}/s: delivered ${delivered} of ${offered} offered (${Math.round(delivered / elapsed)}/s); header said ${fixed(median(rates), 0)} ev/s (median), ${header.buffered}/${header.bufferSize} buffered, ${header.dropped} dropped at the end`);
	console.log(`${fixed(writesPerSec)} writes/s, ${Math.round(bytesPerSec)} B/s, CPU ${Math.round(cpuShare * 100)}% of a core; event-loop delay p50 ${fixed(lag(50))} p99 ${fixed(lag(99))} max ${fixed(loop.max / 1e6)} ms`);
	console.log(`Ink text cache ${typeof cacheEntries === 'number' ? `${cacheEntries} entries` : 'unbounded'}; RSS ${fixed(rssStart)} -> ${fixed(rssEnd)} MB (max ${fixed(rssMax)}); after full GCs RSS ${fixed(before.rss)} -> ${fixed(after.rss)} MB, retained ${fixed(before.retained, 2)} -> ${fixed(after.retained, 2)} MB; exit ${code}`);
	report({
		mode,
		seconds: round(elapsed, 1),
		rate,
		ink: 'ink 8 (own LRU caches)',
		soakKeyMsP50: round(median(ms), 1),
		soakKeyMsP95: round(percentile(ms, 95), 1),
		soakKeyMsMax: round(Math.max(...ms), 1),
		soakKeyPresses: presses.length,
		soakKeyMissed: missed,
		soakEventsPerSec: Math.round(delivered / elapsed),
		soakEventsOffered: offered,
		soakEventsDelivered: delivered,
		soakHeaderEventsPerSec: median(rates),
		soakWritesPerSec: round(writesPerSec, 1),
		soakBytesPerSec: Math.round(bytesPerSec),
		soakCpuShare: round(cpuShare, 3),
		soakLoopDelayP99Ms: round(lag(99), 1),
		soakLoopDelayMaxMs: round(loop.max / 1e6, 1),
		soakSteadyRssStartMB: round(rssStart, 1),
		soakSteadyRssEndMB: round(rssEnd, 1),
		soakSteadyRssMaxMB: round(rssMax, 1),
		soakSteadyRssGcStartMB: round(before.rss, 1),
		soakSteadyRssGcEndMB: round(after.rss, 1),
		soakSteadyRetainedStartMB: round(before.retained, 2),
		soakSteadyRetainedEndMB: round(after.retained, 2),
		inkTextCacheEntries: cacheEntries,
		soakSteadyGrowth: round((after.retained - before.retained) / before.retained, 4),
		exitCode: code,
	});
}

if (mode === 'flood') await flood(Number(process.argv[3] ?? 1_000_000));
else if (mode === 'steady') await steady(Number(process.argv[3] ?? 60), Number(process.argv[4] ?? 20_000), Number(process.argv[5] ?? 2000));
else throw new Error(`soak: unknown mode ${mode} (flood or steady)`);
process.exit(0);
