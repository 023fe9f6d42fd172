// rssMB1M / rssGrowth: resident memory after 1M events through the store and model
// with the default buffer (10,000 requests), and its growth from 500k to 1M events.
// Events are decoded from the frame pool as the real tap does; the store's tick runs
// on a manual clock, ten batches per 100 ms tick. Memory is read after full GCs, eleven
// times near each point; the figures are the medians.
// Run: node --expose-gc bench/rss.js [events]
import {decodeTapEvent} from '../dist/tap/decode.js';
import {createStore} from '../dist/store/store.js';
import {buildEvents, encodeStream} from './lib/events.js';
import {BenchSources, splitFrames} from './lib/fake-sources.js';
import {median, report, round} from './lib/stats.js';

const total = Number(process.argv[2] ?? 1_000_000);
// A small pool (2,000 requests, 1.3 MB) so the bench's own data hardly shows in RSS.
const frames = splitFrames(encodeStream(buildEvents(2_000)));
const sources = new BenchSources(frames, 0);
let now = 1_700_000_000_000;
const pending = [];
const store = createStore({
	sources,
	model: {bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000},
	clock: () => now,
	schedule: fn => {
		pending.push(fn);
		return () => pending.splice(pending.indexOf(fn), 1);
	},
});
store.start({namespace: 'emojivoto', type: 'deployment', name: 'web'});

// One reading after two full collections: resident memory, and the memory the JS
// program retains (V8 heap in use plus external/ArrayBuffer memory). A leak shows in
// the second; the first also moves with the native allocator (V8's GC worklists and
// remembered sets come and go in malloc arenas), by up to ~25 MB here between readings.
const reading = () => {
	globalThis.gc?.();
	globalThis.gc?.();
	const m = process.memoryUsage();
	return {rss: m.rss / 1024 / 1024, retained: (m.heapUsed + m.external) / 1024 / 1024};
};
const before = reading().rss;
let delivered = 0;
const firstHalf = [];
const secondHalf = [];
const batch = 1000;
// Readings every 1% of the run over the last fifth of each half: 11 near 500k, 11 near 1M.
const step = total / 100;
while (delivered < total) {
	for (let i = 0; i < 10 && delivered < total; i++) {
		const events = new Array(batch);
		for (let j = 0; j < batch; j++) {
			events[j] = decodeTapEvent(frames[sources.at]);
			sources.at = (sources.at + 1) % frames.length;
		}
		sources.handlers.onEvents(events);
		delivered += batch;
	}
	now += 100;
	pending.shift()?.();
	if (delivered % step !== 0) continue;
	if (delivered >= total * 0.4 && delivered <= total / 2) firstHalf.push(reading());
	if (delivered >= total * 0.9) secondHalf.push(reading());
}
const mid = (rs, key) => median(rs.map(r => r[key]));
const range = (rs, key) => `${Math.min(...rs.map(r => r[key])).toFixed(1)}..${Math.max(...rs.map(r => r[key])).toFixed(1)}`;
const rss500k = mid(firstHalf, 'rss');
const rss1M = mid(secondHalf, 'rss');
const kept500k = mid(firstHalf, 'retained');
const kept1M = mid(secondHalf, 'retained');
const s = store.getState().snapshot;
console.log(`buffered ${s.records.length}, routes ${s.routes.length}, edges ${s.mtls.edges.length}; RSS before ${before.toFixed(1)} MB`);
console.log(`near ${total / 2}: RSS median ${rss500k.toFixed(1)} MB (${firstHalf.length} readings ${range(firstHalf, 'rss')}), retained ${kept500k.toFixed(2)} MB (${range(firstHalf, 'retained')})`);
console.log(`near ${total}: RSS median ${rss1M.toFixed(1)} MB (${secondHalf.length} readings ${range(secondHalf, 'rss')}), retained ${kept1M.toFixed(2)} MB (${range(secondHalf, 'retained')})`);
store.close();
report({
	rssMB1M: round(rss1M, 1),
	rssMB500k: round(rss500k, 1),
	rssGrowth: round((rss1M - rss500k) / rss500k, 4),
	rssBaseMB: round(before, 1),
	retainedMB1M: round(kept1M, 2),
	// Growth of what the program keeps (JS heap in use + external memory): the leak figure.
	heapGrowth: round((kept1M - kept500k) / kept500k, 4),
});
