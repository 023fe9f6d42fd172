// ingestEventsPerSec: pre-encoded tap frames through the whole in-process path the TUI
// uses (FrameDecoder -> decodeTapEvent -> MeshModel.ingest), fed in 16 KB chunks as TLS
// records arrive. Also times decode alone and the model alone, for the breakdown.
// Run: node --expose-gc bench/ingest.js [events]
import {FrameDecoder} from '../dist/tap/frame-decoder.js';
import {decodeTapEvent} from '../dist/tap/decode.js';
import {MeshModel} from '../dist/model/mesh-model.js';
import {buildEvents, encodeStream} from './lib/events.js';
import {cpuMs, median, report, round} from './lib/stats.js';

const total = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const chunkBytes = 16 * 1024;
// The TUI's model settings (ui/run.tsx).
const modelOptions = {bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000};

const pool = buildEvents(20_000);
const stream = encodeStream(pool);
const chunks = [];
for (let at = 0; at < stream.length; at += chunkBytes) chunks.push(stream.subarray(at, Math.min(stream.length, at + chunkBytes)));

/** Replays the chunks until `total` events went through `onFrames`; returns {wallMs, cpuMs}. */
function replay(onFrames) {
	const decoder = new FrameDecoder();
	let seen = 0;
	let now = 1_700_000_000_000;
	globalThis.gc?.();
	const c0 = cpuMs();
	const w0 = performance.now();
	outer: for (;;) {
		for (const chunk of chunks) {
			const frames = decoder.push(chunk);
			onFrames(frames, now);
			now += 1;
			seen += frames.length;
			if (seen >= total) break outer;
		}
	}
	return {wallMs: performance.now() - w0, cpuMs: cpuMs() - c0, events: seen};
}

function full() {
	const model = new MeshModel(modelOptions);
	const r = replay((frames, now) => {
		const events = new Array(frames.length);
		for (let i = 0; i < frames.length; i++) events[i] = decodeTapEvent(frames[i]);
		model.ingest(events, now);
	});
	const s = model.snapshot(1_700_000_000_000 + 1e6, 'count');
	if (s.routes.length === 0 || s.counts.completed === 0) throw new Error('nothing correlated');
	return r;
}

function decodeOnly() {
	let sink = 0;
	const r = replay(frames => {
		for (let i = 0; i < frames.length; i++) sink += decodeTapEvent(frames[i]).http ? 1 : 0;
	});
	if (sink === 0) throw new Error('nothing decoded');
	return r;
}

const perSec = r => r.events / (r.cpuMs / 1000);
const perWallSec = r => r.events / (r.wallMs / 1000);

// Warm up the JIT on a slice, then alternate the variants run by run.
const rows = {full: [], decode: []};
full();
decodeOnly();
for (let i = 0; i < runs; i++) {
	rows.full.push(full());
	rows.decode.push(decodeOnly());
}
const line = name => {
	const rs = rows[name];
	return `${name.padEnd(8)} cpu ${rs.map(r => Math.round(perSec(r))).join(', ')} ev/s; wall ${rs.map(r => Math.round(perWallSec(r))).join(', ')} ev/s`;
};
console.log(`pool ${pool.length} events, ${(stream.length / pool.length).toFixed(0)} bytes/frame avg, ${total} events per run, node ${process.version}`);
console.log(line('full'));
console.log(line('decode'));
const fullCpu = median(rows.full.map(perSec));
const decodeCpu = median(rows.decode.map(perSec));
report({
	ingestEventsPerSec: Math.round(fullCpu),
	ingestWallEventsPerSec: Math.round(median(rows.full.map(perWallSec))),
	decodeEventsPerSec: Math.round(decodeCpu),
	// µs per event the model adds on top of decoding.
	modelUsPerEvent: round(1e6 / fullCpu - 1e6 / decodeCpu, 3),
	bytesPerFrame: Math.round(stream.length / pool.length),
});
