// A/B probe behind the ingest figures in docs/performance.md: CPU µs per event for one
// mode, five 1M-event runs after a warm-up, from a given build. Compare two candidates
// by building each into its own directory and alternating processes, for example:
//   npx tsc -p tsconfig.json --outDir /tmp/distA   (then change the code)
//   npx tsc -p tsconfig.json --outDir /tmp/distB
//   for i in 1 2 3; do node --expose-gc bench/ingest-probe.js full /tmp/distA; node --expose-gc bench/ingest-probe.js full /tmp/distB; done
// Modes: frames (split only), decode (split + decode), full (split + decode + MeshModel.ingest).
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildEvents, encodeStream} from './lib/events.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const mode = process.argv[2] ?? 'full';
const dist = path.resolve(process.argv[3] ?? path.join(here, '..', 'dist'));
const {FrameDecoder} = await import(path.join(dist, 'tap/frame-decoder.js'));
const {decodeTapEvent} = await import(path.join(dist, 'tap/decode.js'));
const {MeshModel} = await import(path.join(dist, 'model/mesh-model.js'));

const stream = encodeStream(buildEvents(20_000));
const chunks = [];
for (let at = 0; at < stream.length; at += 16_384) chunks.push(stream.subarray(at, Math.min(stream.length, at + 16_384)));

function run(total) {
	const decoder = new FrameDecoder();
	const model = new MeshModel({bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000});
	let seen = 0;
	let sink = 0;
	let now = 1_700_000_000_000;
	globalThis.gc?.();
	const c0 = process.cpuUsage();
	outer: for (;;) {
		for (const chunk of chunks) {
			const frames = decoder.push(chunk);
			if (mode === 'decode') {
				for (let i = 0; i < frames.length; i++) sink += decodeTapEvent(frames[i]).http ? 1 : 0;
			} else if (mode === 'full') {
				const events = new Array(frames.length);
				for (let i = 0; i < frames.length; i++) events[i] = decodeTapEvent(frames[i]);
				model.ingest(events, now++);
			}
			seen += frames.length;
			if (seen >= total) break outer;
		}
	}
	const c = process.cpuUsage(c0);
	if (mode !== 'frames' && sink === 0 && model.snapshot(now, 'count').counts.completed === 0) throw new Error('nothing decoded');
	return (c.user + c.system) / seen;
}

run(200_000);
const runs = [];
for (let i = 0; i < 5; i++) runs.push(run(1_000_000).toFixed(3));
console.log(`${mode} ${dist}: CPU µs/event ${runs.join(' ')}`);
