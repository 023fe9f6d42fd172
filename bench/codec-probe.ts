// Probe behind the codec decision: decode cost per TapEvent for our
// hand-written decoder against protobufjs reflection over proto/*.proto.
// Run: npx tsx bench/codec-probe.ts   (prints µs/msg, median of 5 runs)
// tsx turns imported bindings into getters; for final numbers compile it with
// tsc and run the output with node.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import protobuf from 'protobufjs';
import {decodeTapEvent} from '../source/tap/decode.js';
import {encodeTapEvent} from '../source/tap/encode.js';
import type {TapEvent} from '../source/model/event.js';

const MESSAGES = 200_000;
const RUNS = 5;

const here = path.dirname(fileURLToPath(import.meta.url));
const protoDir = path.join(here, '..', 'proto');

/** Realistic outbound/inbound events with hydrated labels on both sides. */
function sampleEvents(): TapEvent[] {
	const src = {
		deployment: 'web',
		namespace: 'emojivoto',
		pod: 'web-5f86686c4d-58p7k',
		pod_template_hash: '5f86686c4d',
		serviceaccount: 'web',
		tls: 'loopback',
	};
	const dst = {
		control_plane_ns: 'linkerd',
		deployment: 'voting',
		namespace: 'emojivoto',
		pod: 'voting-ff4c54b8d-xhjv7',
		server_id: 'voting.emojivoto.serviceaccount.identity.linkerd.cluster.local',
		service: 'voting-svc',
		serviceaccount: 'voting',
		tls: 'true',
	};
	const common = {
		source: {ip: '10.42.0.17', port: 51_234},
		destination: {ip: '10.42.1.9', port: 8080},
		sourceMeta: src,
		destinationMeta: dst,
		routeMeta: null,
		proxyDirection: 'OUTBOUND' as const,
	};
	return [
		{
			...common,
			http: {
				kind: 'requestInit',
				id: {base: 41_237, stream: 17},
				method: 'POST',
				scheme: 'HTTP',
				authority: 'voting-svc.emojivoto:8080',
				path: '/emojivoto.v1.VotingService/VoteDoughnut',
				headers: null,
			},
		},
		{
			...common,
			http: {
				kind: 'responseInit',
				id: {base: 41_237, stream: 17},
				sinceRequestInit: {seconds: 0, nanos: 1_734_000},
				httpStatus: 200,
				headers: null,
			},
		},
		{
			...common,
			http: {
				kind: 'responseEnd',
				id: {base: 41_237, stream: 17},
				sinceRequestInit: {seconds: 0, nanos: 2_104_000},
				sinceResponseInit: {seconds: 0, nanos: 370_000},
				responseBytes: 5,
				eos: {kind: 'grpc', code: 0},
				trailers: null,
			},
		},
	];
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

/** CPU µs per message for one pass of MESSAGES decodes. */
function runOnce(frames: Uint8Array[], decodeOne: (b: Uint8Array) => number): number {
	let sink = 0;
	// CPU time of this process, not wall time: the machine is shared, and being
	// descheduled should not count against either decoder.
	const t0 = process.cpuUsage();
	for (let i = 0; i < MESSAGES; i++) sink += decodeOne(frames[i % frames.length]!);
	const used = process.cpuUsage(t0);
	if (sink === -1) console.log('unreachable');
	return (used.user + used.system) / MESSAGES;
}

/** Alternates the candidates run by run, so load from other processes hits both alike. */
function compare(frames: Uint8Array[], candidates: Record<string, (b: Uint8Array) => number>): Record<string, number> {
	const runs: Record<string, number[]> = {};
	for (const [name, fn] of Object.entries(candidates)) {
		runOnce(frames.slice(0, 3), fn);
		runs[name] = [];
	}
	for (let run = 0; run < RUNS; run++) {
		for (const [name, fn] of Object.entries(candidates)) runs[name]!.push(runOnce(frames, fn));
	}
	const medians: Record<string, number> = {};
	for (const [name, xs] of Object.entries(runs)) {
		medians[name] = median(xs);
		console.log(`${name.padEnd(30)} ${medians[name]!.toFixed(3)} µs/msg  (runs: ${xs.map((x) => x.toFixed(3)).join(', ')})`);
	}
	return medians;
}

async function main(): Promise<void> {
	const frames = sampleEvents().map(encodeTapEvent);
	console.log(`message sizes: ${frames.map((f) => f.length).join(', ')} bytes; ${MESSAGES} decodes per run, ${RUNS} runs`);

	const root = new protobuf.Root();
	root.resolvePath = (_origin, target) => (target.startsWith('google/') ? target : path.join(protoDir, path.basename(target)));
	await root.load(path.join(protoDir, 'viz_tap.proto'), {keepCase: false});
	const TapEventType = root.lookupType('linkerd2.tap.TapEvent');

	// Both sides touch the same fields so neither gets credit for lazy work.
	const m = compare(frames, {
		'hand-written decodeTapEvent': (b) => {
			const ev = decodeTapEvent(b);
			return ev.source!.port + Object.keys(ev.destinationMeta!).length + (ev.http ? ev.http.id.stream : 0);
		},
		'protobufjs reflection decode': (b) => {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			const msg = TapEventType.decode(b) as any;
			const http = msg.http;
			const part = http.requestInit ?? http.responseInit ?? http.responseEnd;
			return msg.source.port + Object.keys(msg.destinationMeta.labels).length + Number(part.id.stream);
		},
	});
	const ratio = m['protobufjs reflection decode']! / m['hand-written decodeTapEvent']!;
	console.log(`ratio protobufjs / ours: ${ratio.toFixed(2)}x`);
}

await main();
