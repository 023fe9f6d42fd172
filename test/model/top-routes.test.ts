import {describe, expect, it} from 'vitest';
import {Correlator} from '../../source/model/correlate.js';
import {TopRoutes} from '../../source/model/top-routes.js';
import type {RequestRecord} from '../../source/model/types.js';
import {exchange, makeRecord} from './events.js';

/** Completed records through the real correlator, so success comes from the real rule. */
function completed(events: ReturnType<typeof exchange>): RequestRecord {
	const c = new Correlator({ttlMs: 60_000, maxOpen: 10});
	let rec: RequestRecord | null = null;
	for (const ev of events) rec = c.ingest(ev, 0);
	if (rec?.state !== 'done') throw new Error('exchange did not complete');
	return rec;
}

describe('TopRoutes', () => {
	it('applies the linkerd top success rule per request', () => {
		const t = new TopRoutes({maxRoutes: 10, windowMs: 10_000});
		const outcomes: Array<Parameters<typeof exchange>[2]> = [
			{status: 200, eos: {kind: 'grpc', code: 0}}, // ok
			{status: 200, eos: {kind: 'grpc', code: 2}}, // Unknown
			{status: 200, eos: {kind: 'grpc', code: 4}}, // DeadlineExceeded
			{status: 200, eos: {kind: 'grpc', code: 13}}, // Internal
			{status: 200, eos: {kind: 'grpc', code: 14}}, // Unavailable
			{status: 200, eos: {kind: 'grpc', code: 15}}, // DataLoss
			{status: 200, eos: {kind: 'grpc', code: 5}}, // NotFound: success
			{status: 200, eos: {kind: 'reset', code: 8}}, // reset
			{status: 502, eos: null}, // 5xx
			{status: 404, eos: null}, // 4xx: success
		];
		outcomes.forEach((o, i) => t.add(completed(exchange(i, {}, o)), 0));
		// No ResponseInit at all: status 0, success unless reset.
		const c = new Correlator({ttlMs: 1000, maxOpen: 10});
		const [rq, , e] = exchange(50, {}, {eos: null});
		c.ingest(rq!, 0);
		t.add(c.ingest(e!, 0)!, 0);
		const [row] = t.rows(0, 'count');
		expect(row).toMatchObject({count: 11, successes: 4, failures: 7});
		expect(row!.successRate).toBe(4 / 11);
	});

	it('tracks best, worst, last and percentiles from the end latency', () => {
		const t = new TopRoutes({maxRoutes: 10, windowMs: 10_000});
		for (const us of [3000, 1000, 9000, 2000]) t.add(makeRecord({totalUs: us, latencyUs: 1}), 0);
		// Without an end duration the response latency stands in.
		t.add(makeRecord({totalUs: null, latencyUs: 4000}), 0);
		const [row] = t.rows(0, 'count');
		expect(row).toMatchObject({
			key: 'deploy/web\u0000deploy/api\u0000GET\u0000/items',
			source: 'deploy/web',
			destination: 'deploy/api',
			method: 'GET',
			path: '/items',
			count: 5,
			bestUs: 1000,
			worstUs: 9000,
			lastUs: 4000,
			// 3000 lies in the 64 µs wide bucket [2944, 3008): its middle.
			p50Us: 2975,
			p99Us: 9000,
		});
	});

	it('keeps latency at 0 when no duration ever arrived', () => {
		const t = new TopRoutes({maxRoutes: 10, windowMs: 10_000});
		t.add(makeRecord({totalUs: null, latencyUs: null}), 0);
		expect(t.rows(0, 'count')[0]).toMatchObject({count: 1, bestUs: 0, worstUs: 0, lastUs: 0, p50Us: 0, p95Us: 0, p99Us: 0});
	});

	it('sorts by each key, ties in creation order', () => {
		const t = new TopRoutes({maxRoutes: 10, windowMs: 10_000});
		const add = (path: string, n: number, ok: number, us: number, at: number) => {
			for (let i = 0; i < n; i++) t.add(makeRecord({path, success: i < ok, totalUs: us}), at);
		};

		add('/c', 2, 2, 500, 9000); // 100%, 2 in the last second
		add('/a', 4, 1, 100, 0); //   25%
		add('/b', 2, 1, 900, 0); //   50%
		add('/d', 4, 4, 50, 0); //    100%
		const paths = (sort: Parameters<TopRoutes['rows']>[1]) => t.rows(9000, sort).map((r) => r.path);
		expect(paths('count')).toEqual(['/a', '/d', '/c', '/b']);
		expect(paths('success')).toEqual(['/a', '/b', '/c', '/d']);
		expect(paths('p99')).toEqual(['/b', '/c', '/a', '/d']);
		expect(paths('path')).toEqual(['/a', '/b', '/c', '/d']);
		// /a, /b and /d were seen 9 s ago over 9 s; /c only now, over 1 s.
		expect(t.rows(9000, 'rps').map((r) => [r.path, r.rps])).toEqual([
			['/c', 2],
			['/a', 4 / 9],
			['/d', 4 / 9],
			['/b', 2 / 9],
		]);
	});

	it('keys by source, destination, method and path', () => {
		const t = new TopRoutes({maxRoutes: 10, windowMs: 10_000});
		t.add(makeRecord(), 0);
		t.add(makeRecord({method: 'POST'}), 0);
		t.add(makeRecord({sourceName: 'deploy/other'}), 0);
		t.add(makeRecord({destinationName: '10.0.0.9'}), 0);
		t.add(makeRecord(), 0);
		expect(t.size).toBe(4);
		expect(t.rows(0, 'count').map((r) => r.count)).toEqual([2, 1, 1, 1]);
	});

	it('evicts the least recently updated route beyond maxRoutes', () => {
		const t = new TopRoutes({maxRoutes: 2, windowMs: 10_000});
		t.add(makeRecord({path: '/a'}), 0);
		t.add(makeRecord({path: '/b'}), 0);
		t.add(makeRecord({path: '/a'}), 1);
		t.add(makeRecord({path: '/c'}), 2);
		expect(t.size).toBe(2);
		expect(t.evictions).toBe(1);
		expect(t.rows(2, 'path').map((r) => r.path)).toEqual(['/a', '/c']);
		t.clear();
		expect([t.size, t.evictions, t.rows(3, 'count')]).toEqual([0, 0, []]);
	});

	it('evicts the stalest tenth at once when a large table is full', () => {
		const t = new TopRoutes({maxRoutes: 20, windowMs: 10_000});
		for (let i = 0; i < 20; i++) t.add(makeRecord({path: `/p${i}`}), 0);
		t.add(makeRecord({path: '/p0'}), 1);
		t.add(makeRecord({path: '/new'}), 2);
		expect(t.evictions).toBe(2);
		expect(t.size).toBe(19);
		const paths = t.rows(2, 'path').map((r) => r.path);
		expect(paths).not.toContain('/p1');
		expect(paths).not.toContain('/p2');
		expect(t.rows(2, 'count')[0]).toMatchObject({path: '/p0', count: 2});
		// An evicted route starts over when it comes back.
		t.add(makeRecord({path: '/p1'}), 3);
		expect(t.rows(3, 'path').find((r) => r.path === '/p1')!.count).toBe(1);
	});
});
