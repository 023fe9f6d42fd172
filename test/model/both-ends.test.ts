// A request seen at both ends (OUTBOUND at the caller's proxy, INBOUND at the server's) counts
// once in top routes and mTLS (model/both-ends.ts), on hand-made events through MeshModel.
import {describe, expect, it} from 'vitest';
import type {TapEvent} from '../../source/model/event.js';
import {MeshModel} from '../../source/model/mesh-model.js';
import {end, type Ends, req, rsp} from './events.js';

const opts = {bufferSize: 1000, ttlMs: 30_000, maxRoutes: 50, rpsWindowMs: 10_000};

// web (10.0.0.1) calls api (10.0.0.2:8080); the source ports differ, as in a real mesh.
const out: Ends = {direction: 'OUTBOUND', source: {ip: '10.0.0.1', port: 40000}, destination: {ip: '10.0.0.2', port: 8080}};
const inb: Ends = {
	direction: 'INBOUND',
	source: {ip: '10.0.0.1', port: 51000},
	destination: {ip: '10.0.0.2', port: 8080},
	sourceMeta: {deployment: 'web', namespace: 'shop', tls: 'true', client_id: 'web.shop.serviceaccount.identity.linkerd.cluster.local'},
	destinationMeta: {deployment: 'api', namespace: 'shop', pod: 'api-1', tls: 'loopback'},
};

interface Side {
	ends: Ends;
	stream: number;
	path?: string;
	status?: number;
	latencyMs: number;
	totalMs: number;
	requestId?: string;
}

function start(side: Side): TapEvent {
	const event = req(side.stream, side.ends, {base: side.ends.direction === 'INBOUND' ? 2 : 1, path: side.path});
	if (side.requestId && event.http?.kind === 'requestInit') event.http.headers = [{name: 'x-request-id', valueStr: side.requestId}];
	return event;
}

function finish(side: Side): TapEvent[] {
	const base = side.ends.direction === 'INBOUND' ? 2 : 1;
	return [rsp(side.stream, side.ends, {base, status: side.status, latencyMs: side.latencyMs}), end(side.stream, side.ends, {base, totalMs: side.totalMs})];
}

const client = (stream: number, extra: Partial<Side> = {}): Side => ({ends: out, stream, latencyMs: 30, totalMs: 31, ...extra});
const server = (stream: number, extra: Partial<Side> = {}): Side => ({ends: inb, stream, latencyMs: 24, totalMs: 25, ...extra});

/** Both starts at `at`, then the ends in the order given, 1 ms apart. */
function ingestPair(m: MeshModel, at: number, first: Side, second: Side): void {
	m.ingest([start(first.ends.direction === 'OUTBOUND' ? first : second), start(first.ends.direction === 'OUTBOUND' ? second : first)], at);
	m.ingest(finish(first), at + 30);
	m.ingest(finish(second), at + 31);
}

function routeCounts(m: MeshModel, now: number): Array<[string, number, number]> {
	return m.snapshot(now, 'path').routes.map(r => [r.path, r.count, r.p50Us]);
}

describe('a request seen at both ends counts once', () => {
	it('in top routes, by the side whose end came first (the server’s: its latency), and in mTLS', () => {
		const m = new MeshModel(opts);
		ingestPair(m, 1000, server(0), client(0));
		const s = m.snapshot(2000, 'count');
		expect(s.records).toHaveLength(2);
		expect(s.routes.map(r => [r.source, r.destination, r.count])).toEqual([['deploy/web', 'deploy/api', 1]]);
		expect(s.routes[0]!.bestUs).toBe(25_000);
		expect(s.mtls.overall).toEqual({total: 1, secured: 1});
		expect(s.mtls.edges.map(e => [e.source, e.destination, e.total, e.secured])).toEqual([['deploy/web', 'deploy/api', 1, 1]]);
		expect(s.counts.bothEnds).toBe(1);
	});

	it('by the client’s side when its end came first', () => {
		const m = new MeshModel(opts);
		ingestPair(m, 1000, client(0), server(0));
		const s = m.snapshot(2000, 'count');
		expect(s.routes.map(r => [r.count, r.bestUs])).toEqual([[1, 31_000]]);
		expect(s.mtls.overall.total).toBe(1);
	});

	it('requests seen at one end only count each', () => {
		const m = new MeshModel(opts);
		ingestPair(m, 1000, server(0, {path: '/a'}), client(0, {path: '/b'}));
		expect(routeCounts(m, 2000)).toEqual([
			['/a', 1, expect.any(Number)],
			['/b', 1, expect.any(Number)],
		]);
		expect(m.snapshot(2000, 'count').counts.bothEnds).toBe(0);
	});

	it('two look-alike requests seen at both ends count two (whichever absorbs which), and one side missing still counts it', () => {
		const m = new MeshModel(opts);
		m.ingest([start(client(0)), start(client(1)), start(server(0)), start(server(1))], 1000);
		m.ingest([...finish(server(0)), ...finish(server(1))], 1030);
		m.ingest([...finish(client(0)), ...finish(client(1))], 1031);
		expect(routeCounts(m, 2000)).toEqual([['/items', 2, expect.any(Number)]]);
		// Two callers, one server view sampled: both requests count.
		const sampled = new MeshModel(opts);
		sampled.ingest([start(client(0)), start(client(1)), start(server(0))], 1000);
		sampled.ingest([...finish(server(0)), ...finish(client(0)), ...finish(client(1))], 1030);
		expect(routeCounts(sampled, 2000)).toEqual([['/items', 2, expect.any(Number)]]);
		expect(sampled.snapshot(2000, 'count').mtls.overall.total).toBe(2);
	});

	it('never folds two different requests: other request ids, a status that differs, a server slower than its caller, starts over 1 s apart', () => {
		const cases: Array<[Side, Side, number?]> = [
			[server(0, {requestId: 'a'}), client(0, {requestId: 'b'})],
			[server(0, {status: 503}), client(0)],
			[server(0, {latencyMs: 40, totalMs: 41}), client(0)],
		];
		for (const [first, second] of cases) {
			const m = new MeshModel(opts);
			ingestPair(m, 1000, first, second);
			expect(routeCounts(m, 2000).reduce((sum, [, count]) => sum + count, 0), JSON.stringify(first)).toBe(2);
		}
		const apart = new MeshModel(opts);
		apart.ingest([start(server(0))], 1000);
		apart.ingest(finish(server(0)), 1030);
		apart.ingest([start(client(0))], 2100);
		apart.ingest(finish(client(0)), 2131);
		expect(routeCounts(apart, 3000)[0]![1]).toBe(2);
	});

	it('stays counted once when a filter change rebuilds the aggregates; a filter that keeps one side counts that side', () => {
		const m = new MeshModel(opts);
		ingestPair(m, 1000, server(0), client(0));
		ingestPair(m, 1500, server(1), client(1));
		m.setFilter({expr: 'path=/items'}, 3000);
		let s = m.snapshot(3000, 'count');
		expect([s.routes[0]!.count, s.mtls.overall.total, s.counts.bothEnds]).toEqual([2, 2, 2]);
		// Rebuilt in the order the ends came: the server's again.
		expect(s.routes[0]!.worstUs).toBe(25_000);
		m.setFilter({expr: 'dir=out'}, 3000);
		s = m.snapshot(3000, 'count');
		expect([s.routes[0]!.count, s.routes[0]!.worstUs, s.mtls.overall.total, s.counts.bothEnds]).toEqual([2, 31_000, 2, 0]);
	});
});
