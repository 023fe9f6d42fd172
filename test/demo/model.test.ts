// The pure traffic model: determinism for a seed, and coverage of what the UI must handle
// (every mTLS reason, IPv6, external peers, resets, gRPC errors, secrets, hostile strings).
import {describe, expect, it} from 'vitest';
import {DemoCluster} from '../../source/demo/cluster.js';
import {inboundEvents, outboundEvents, type PbObject} from '../../source/demo/events.js';
import {headersOf} from '../../source/demo/traffic.js';
import {buildTopology} from '../../source/demo/topology.js';
import {TapEventType} from '../../source/demo/proto.js';

const cluster = (seed: number) => new DemoCluster(buildTopology({seed, eventsPerSecond: 200}), () => '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

const summary = (c: DemoCluster, window: number) => c.windowRequests(window).map(r => `${r.startMs}|${r.client.ip}>${r.server.ip}|${r.method} ${r.path}|${r.status}|${r.grpcStatus}|${r.resetCode}|${r.latencyMs}`);

describe('traffic model', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		expect(summary(cluster(42), 7)).toEqual(summary(cluster(42), 7));
		expect(summary(cluster(42), 7)).not.toEqual(summary(cluster(43), 7));
		expect(headersOf(cluster(42).windowRequests(3)[0]!)).toEqual(headersOf(cluster(42).windowRequests(3)[0]!));
	});

	it('pins the first requests of seed 1', () => {
		const first = cluster(1).windowRequests(0).slice(0, 3).map(r => `${r.edge.client.kind === 'workload' ? r.edge.client.name : r.edge.client.name}>${r.edge.server.kind === 'workload' ? r.edge.server.name : r.edge.server.name} ${r.method} ${r.path}`);
		expect(first).toMatchInlineSnapshot(`
			[
			  "metrics-api>prometheus GET /api/v1/query",
			  "payments-api>ledger POST /payments.ledger.v1.Ledger/Append",
			  "payments-api>ledger POST /payments.ledger.v1.Ledger/Balance",
			]
		`);
	});

	it('spreads the mesh-wide rate over the edges', () => {
		const c = cluster(9);
		let total = 0;
		for (let w = 0; w < 50; w++) total += c.windowRequests(w).length;
		// Some edges lose a request when a peer has no running pod; the rest average the rate.
		expect(total / 50).toBeGreaterThan(185);
		expect(total / 50).toBeLessThan(215);
	});

	it('covers every mTLS reason, IPv6, externals, resets, gRPC errors, secrets and hostile strings', () => {
		const c = cluster(1);
		const ctx = {topology: c.topology, pods: c.pods(), extractHeaders: true};
		const inboundSource = new Set<string>();
		const outboundDestination = new Set<string>();
		const grpc = new Set<number>();
		const headerNames = new Set<string>();
		let resets = 0, ipv6 = 0, external = 0, hostile = 0, http5xx = 0, routes = 0;
		for (let w = 0; w < 40; w++) {
			for (const request of c.windowRequests(w)) {
				const id = {base: w, stream: 0};
				const events: PbObject[] = [];
				if (request.client.pod?.meshed) events.push(...outboundEvents(ctx, request, id).map(e => e.event));
				if (request.server.pod?.meshed) events.push(...inboundEvents(ctx, request, id).map(e => e.event));
				for (const event of events) {
					// Every event must be a valid TapEvent for protobufjs (checked on a sample: it is slow).
					if (w % 8 === 0) expect(TapEventType.verify(TapEventType.fromObject(event))).toBeNull();
					const labels = (side: string) => (event[side] as {labels: Record<string, string>}).labels;
					if (event['proxyDirection'] === 1) inboundSource.add(labels('sourceMeta')['tls']!);
					else outboundDestination.add(labels('destinationMeta')['tls']!);
				}
				if (request.resetCode !== null) resets++;
				if (request.grpcStatus) grpc.add(request.grpcStatus);
				if (request.status !== null && request.status >= 500) http5xx++;
				if (request.client.ip.includes(':') || request.server.ip.includes(':')) ipv6++;
				if (request.client.external || request.server.external) external++;
				if (/[\u001b\u009b\u202e]/.test(request.path + request.authority)) hostile++;
				if (request.route.spRoute) routes++;
				for (const [name] of headersOf(request).request) headerNames.add(name);
			}
		}
		expect([...inboundSource].sort()).toEqual(['disabled', 'no_tls_from_remote', 'passthru', 'port_skipped', 'true']);
		expect([...outboundDestination].sort()).toEqual(['disabled', 'ingress_without_override', 'not_provided_by_service_discovery', 'true']);
		expect([...grpc].sort((a, b) => a - b)).toEqual([2, 4, 14]);
		for (const count of [resets, ipv6, external, hostile, http5xx, routes]) expect(count).toBeGreaterThan(0);
		for (const name of ['authorization', 'cookie', 'x-api-key', 'traceparent', 'x-b3-traceid', ':path']) expect(headerNames.has(name)).toBe(true);
	});

	it('encodes IPv6 addresses as two big-endian fixed64 halves', () => {
		const c = cluster(1);
		const request = c.windowRequests(0).concat(c.windowRequests(1), c.windowRequests(2)).find(r => r.server.ip.includes(':'))!;
		const event = outboundEvents({topology: c.topology, pods: c.pods(), extractHeaders: false}, request, {base: 1, stream: 0})[0]!.event;
		const decoded = TapEventType.toObject(TapEventType.decode(TapEventType.encode(TapEventType.fromObject(event)).finish()), {longs: String}) as {destination: {ip: {ipv6: {first: string; last: string}}}};
		const words = request.server.ip.split('::');
		expect(words[0]).toBe('fd00:10:42');
		const first = BigInt(decoded.destination.ip.ipv6.first);
		expect(first).toBe((0xfd00n << 48n) | (0x10n << 32n) | (0x42n << 16n));
		const [a, b] = words[1]!.split(':').map(h => BigInt(parseInt(h, 16)));
		expect(BigInt(decoded.destination.ip.ipv6.last)).toBe((a! << 16n) | b!);
	});
});
