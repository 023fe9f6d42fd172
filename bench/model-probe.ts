// Quick in-process throughput probe for the model's hot path (not a test):
//   npx tsx bench/model-probe.ts [events]
// Builds a pool of synthetic TapEvents of the decoder's shape and replays it
// (ids repeat only after their requests completed), timing the Correlator
// alone and the whole MeshModel.ingest in batches of 1000. A pool rather than
// a million distinct events: real decoded events die young, and a huge live
// array of them would make the probe measure the garbage collector's marking.
import {performance} from 'node:perf_hooks';
import {Correlator} from '../source/model/correlate.js';
import {MeshModel} from '../source/model/mesh-model.js';
import type {Labels, TapEvent} from '../source/model/event.js';

const total = Number(process.argv[2] ?? 1_000_000);
const pods = 40;
const paths = ['/api/items', '/api/cart', '/emojivoto.v1.EmojiService/ListAll', '/healthz', '/api/books/7'];

function podLabels(i: number, tls: string): Labels {
	return {deployment: `app-${i % 12}`, namespace: `ns-${i % 3}`, pod: `app-${i % 12}-abc${i}`, control_plane_ns: 'linkerd', tls};
}

// Decoded events never share objects, so neither do these (except label maps, which the model only reads).
function build(count: number): TapEvent[] {
	const events: TapEvent[] = [];
	let stream = 0;
	let base = 1;
	while (events.length < count) {
		const pod = stream % pods;
		const inbound = stream % 2 === 0;
		const source = {ip: `10.1.${pod}.${pod % 250}`, port: 40000 + (stream % 2000)};
		const destination = {ip: `10.2.${(pod * 7) % 250}.9`, port: 8080 + (pod % 3)};
		const ends = {
			source,
			destination,
			sourceMeta: podLabels(pod, inbound ? 'true' : 'loopback'),
			destinationMeta: podLabels(pod + 1, inbound ? 'loopback' : pod % 5 === 0 ? 'not_provided_by_service_discovery' : 'true'),
			routeMeta: null,
			proxyDirection: inbound ? ('INBOUND' as const) : ('OUTBOUND' as const),
		};
		const id = {base, stream};
		events.push({
			...ends,
			http: {kind: 'requestInit', id, method: 'GET', scheme: 'HTTP', authority: 'svc:8080', path: paths[stream % paths.length]!, headers: null},
		});
		events.push({
			...ends,
			http: {kind: 'responseInit', id: {base, stream}, sinceRequestInit: {seconds: 0, nanos: 1_000_000 + (stream % 997) * 10_000}, httpStatus: stream % 50 === 0 ? 503 : 200, headers: null},
		});
		events.push({
			...ends,
			http: {
				kind: 'responseEnd',
				id: {base, stream},
				sinceRequestInit: {seconds: 0, nanos: 2_000_000 + (stream % 997) * 20_000},
				sinceResponseInit: {seconds: 0, nanos: 1_000_000},
				responseBytes: 512,
				eos: {kind: 'grpc', code: stream % 101 === 0 ? 14 : 0},
				trailers: null,
			},
		});
		stream++;
		if (stream % 100 === 0) base++;
	}

	return events.slice(0, count);
}

// CPU time as well as wall time: other work on a small machine stretches the
// wall clock, while the CPU time is what the model itself consumed.
function time(label: string, count: number, run: () => void): void {
	const cpu = process.cpuUsage();
	const started = performance.now();
	run();
	const ms = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000;
	const rate = (per: number) => (count / (per / 1000) / 1e6).toFixed(2);
	console.log(`${label.padEnd(44)} wall ${rate(ms)} M/s (${ms.toFixed(0)} ms)  cpu ${rate(cpuMs)} M/s (${cpuMs.toFixed(0)} ms)`);
}

const pool = build(30_000);
const events: TapEvent[] = [];
while (events.length < total) events.push(...pool.slice(0, total - events.length));
console.log(`${total} synthetic events (a pool of ${pool.length} replayed), node ${process.version}`);

for (let round = 1; round <= 3; round++) {
	const correlator = new Correlator({ttlMs: 30_000, maxOpen: 10_000});
	time(`Correlator.ingest (round ${round})`, total, () => {
		for (let i = 0; i < events.length; i++) correlator.ingest(events[i]!, i >> 10);
	});

	const model = new MeshModel({bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 2000, rpsWindowMs: 10_000});
	time(`MeshModel.ingest, batches of 1000 (round ${round})`, total, () => {
		for (let i = 0; i < events.length; i += 1000) model.ingest(events.slice(i, i + 1000), i);
	});

	const filtered = new MeshModel({bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 2000, rpsWindowMs: 10_000});
	filtered.setFilter({text: 'cart'}, 0);
	time(`MeshModel.ingest, text filter (round ${round})`, total, () => {
		for (let i = 0; i < events.length; i += 1000) filtered.ingest(events.slice(i, i + 1000), i);
	});

	const snapshots = 200;
	const cpu = process.cpuUsage();
	for (let i = 0; i < snapshots; i++) model.snapshot(total + i * 100, 'count');
	const used = process.cpuUsage(cpu);
	console.log(`MeshModel.snapshot, 10k buffered (round ${round})`.padEnd(44), `cpu ${((used.user + used.system) / 1000 / snapshots).toFixed(3)} ms each`);
	const cpuFrozen = process.cpuUsage();
	for (let i = 0; i < snapshots; i++) model.snapshot(total + i * 100, 'count', {freeze: true});
	const usedFrozen = process.cpuUsage(cpuFrozen);
	console.log(`  ... with freeze: true`.padEnd(44), `cpu ${((usedFrozen.user + usedFrozen.system) / 1000 / snapshots).toFixed(3)} ms each`);
	const s = model.snapshot(total, 'count');
	if (round === 3) {
		console.log(`counts ${JSON.stringify(s.counts)} routes ${s.routes.length} edges ${s.mtls.edges.length}`);
	}
}
