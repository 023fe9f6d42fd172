// rssMB1M / rssGrowth: resident memory after 1M events through the store and model
// with the default buffer (10,000 requests), and its growth from 500k to 1M events.
// Events are decoded from the frame pool as the real tap does; the store's tick runs
// on a manual clock, ten batches per 100 ms tick. RSS is read after a full GC, five times near each point.
// Run: node --expose-gc bench/rss.js [events]
import {decodeTapEvent} from '../dist/tap/decode.js';
import {createStore} from '../dist/store.js';
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

const mb = () => {
	globalThis.gc?.();
	globalThis.gc?.();
	return process.memoryUsage().rss / 1024 / 1024;
};
const before = mb();
let delivered = 0;
let at500k;
const firstHalf = [];
const secondHalf = [];
let heap500k;
const batch = 1000;
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
	// RSS moves with V8's young-generation sizing: take the median of five readings
	// over the last tenth of each half rather than one reading.
	const step = total / 40;
	if (delivered % step === 0 && delivered > total * 0.4 && delivered <= total / 2) firstHalf.push(mb());
	if (delivered % step === 0 && delivered > total * 0.9) secondHalf.push(mb());
	if (heap500k === undefined && delivered >= total / 2) heap500k = process.memoryUsage().heapUsed / 1024 / 1024;
}
at500k = median(firstHalf);
const after = median(secondHalf);
const heap1M = process.memoryUsage().heapUsed / 1024 / 1024;
const s = store.getState().snapshot;
console.log(`RSS before ${before.toFixed(1)} MB, at ${total / 2} events ${at500k.toFixed(1)} MB, at ${total} ${after.toFixed(1)} MB; buffered ${s.records.length}, routes ${s.routes.length}, edges ${s.mtls.edges.length}; JS heap used ${heap500k.toFixed(1)} -> ${heap1M.toFixed(1)} MB`);
store.close();
report({rssMB1M: round(after, 1), rssMB500k: round(at500k, 1), rssGrowth: round((after - at500k) / at500k, 4), rssBaseMB: round(before, 1), heapGrowth: round((heap1M - heap500k) / heap500k, 4)});
