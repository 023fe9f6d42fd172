import {describe, expect, it} from 'vitest';
import {MeshModel} from '../../source/model/mesh-model.js';
import type {TapEvent} from '../../source/model/event.js';
import {end, exchange, req, rsp, type Ends} from './events.js';

const opts = {bufferSize: 100, ttlMs: 5000, maxRoutes: 50, rpsWindowMs: 10_000};

const fromWeb: Ends = {};
const fromJob: Ends = {
	source: {ip: '10.0.5.5', port: 41000},
	destination: {ip: '10.0.0.9', port: 5432},
	sourceMeta: {k8s_job: 'migrate', namespace: 'ops', pod: 'migrate-x', control_plane_ns: 'linkerd', tls: 'loopback'},
	destinationMeta: {statefulset: 'db', namespace: 'data', pod: 'db-0', control_plane_ns: 'linkerd', tls: 'not_provided_by_service_discovery'},
};

describe('MeshModel', () => {
	it('turns events into buffered records, routes, mTLS, ports and counts', () => {
		const m = new MeshModel(opts);
		m.ingest([...exchange(1, fromWeb), ...exchange(2, fromWeb, {status: 500}), ...exchange(3, fromJob, {path: '/q'})], 1000);
		m.ingest([req(4, fromJob), rsp(99), end(98)], 1100);
		const s = m.snapshot(1100, 'count');
		expect(s.records.map((r) => [r.seq, r.state, r.success])).toEqual([
			[1, 'done', true],
			[2, 'done', false],
			[3, 'done', true],
			[4, 'open', null],
		]);
		expect(s.routes.map((r) => [r.source, r.destination, r.path, r.count, r.successes])).toEqual([
			['deploy/web', 'deploy/api', '/items', 2, 1],
			['job/migrate', 'sts/db', '/q', 1, 1],
		]);
		expect(s.mtls.overall).toEqual({total: 4, secured: 2});
		expect(s.mtls.edges.map((e) => [e.source, e.destination, e.secured, e.total])).toEqual([
			['job/migrate', 'sts/db', 0, 2],
			['deploy/web', 'deploy/api', 2, 2],
		]);
		expect(s.ports).toEqual([
			{port: 5432, count: 2},
			{port: 8080, count: 2},
		]);
		expect(s.counts).toEqual({events: 12, requests: 4, open: 1, completed: 3, expired: 0, unmatched: 2, evicted: 0, filteredOut: 0, bothEnds: 0});
	});

	it('expires on tick and counts ring buffer evictions', () => {
		const m = new MeshModel({...opts, bufferSize: 2});
		m.ingest([req(1), req(2)], 0);
		m.ingest([req(3)], 4000);
		// The open map is bounded by the buffer size: request 1 was evicted from both.
		m.tick(5000);
		expect(m.snapshot(5000, 'count').counts).toMatchObject({requests: 3, open: 2, expired: 1, evicted: 1});
		m.tick(5001);
		const s = m.snapshot(5001, 'count');
		expect(s.records.map((r) => [r.seq, r.state])).toEqual([
			[2, 'expired'],
			[3, 'open'],
		]);
		expect(s.counts).toMatchObject({requests: 3, open: 1, expired: 2, evicted: 1});
		m.ingest([req(10), req(11), req(12)], 5002);
		expect(m.snapshot(5002, 'count').counts).toMatchObject({open: 2, expired: 4, evicted: 4});
	});

	it('filters records and aggregates, and setFilter rebuilds from the buffer', () => {
		const m = new MeshModel(opts);
		m.ingest([...exchange(1, fromWeb), ...exchange(2, fromJob), ...exchange(3, fromJob, {status: 503})], 0);
		m.setFilter({from: {type: 'job', name: 'migrate'}}, 0);
		expect(m.filter).toEqual({from: {type: 'job', name: 'migrate'}});
		let s = m.snapshot(0, 'count');
		expect(s.records.map((r) => r.seq)).toEqual([2, 3]);
		expect(s.routes.map((r) => [r.source, r.count, r.failures])).toEqual([['job/migrate', 2, 1]]);
		expect(s.mtls.overall).toEqual({total: 2, secured: 0});
		expect(s.counts.filteredOut).toBe(1);
		// Ports stay unfiltered so the picker can offer the others.
		expect(s.ports.map((p) => p.port)).toEqual([5432, 8080]);

		// Live ingest respects the filter.
		m.ingest([...exchange(4, fromWeb), ...exchange(5, fromJob)], 100);
		s = m.snapshot(100, 'count');
		expect(s.records.map((r) => r.seq)).toEqual([2, 3, 5]);
		expect(s.routes[0]!.count).toBe(3);
		expect(s.mtls.overall).toEqual({total: 3, secured: 0});

		m.setFilter({port: 8080}, 200);
		s = m.snapshot(200, 'count');
		expect(s.records.map((r) => r.seq)).toEqual([1, 4]);
		expect(s.routes.map((r) => [r.source, r.count])).toEqual([['deploy/web', 2]]);
		expect(s.mtls.overall).toEqual({total: 2, secured: 2});

		m.setFilter({}, 300);
		s = m.snapshot(300, 'count');
		expect(s.records).toHaveLength(5);
		expect(s.routes.map((r) => r.count)).toEqual([3, 2]);
		expect(s.mtls.overall).toEqual({total: 5, secured: 2});
		expect(s.counts.filteredOut).toBe(0);
	});

	it('counts mTLS under a filter on the response (status, failures) for requests that complete after it was set', () => {
		const m = new MeshModel(opts);
		m.ingest([...exchange(1, fromWeb, {status: 403}), ...exchange(2, fromWeb)], 0);
		m.setFilter({expr: 'status=403'}, 0);
		expect(m.snapshot(0, 'count').mtls.overall).toEqual({total: 1, secured: 1});
		// New 403s: the status is known only at the response; the mTLS pane must follow the stream.
		m.ingest([...exchange(3, fromWeb, {status: 403}), ...exchange(4, fromWeb), ...exchange(5, fromJob, {status: 403})], 100);
		const s = m.snapshot(100, 'count');
		expect(s.records.map(r => r.seq)).toEqual([1, 3, 5]);
		expect(s.mtls.overall).toEqual({total: 3, secured: 2});
		m.setFilter({failuresOnly: true}, 200);
		m.ingest([req(6, fromWeb)], 300);
		expect(m.snapshot(300, 'count').mtls.overall).toEqual({total: 0, secured: 0});
		m.ingest([rsp(6, fromWeb, {status: 500}), end(6, fromWeb)], 400);
		expect(m.snapshot(400, 'count').mtls.overall).toEqual({total: 1, secured: 1});
	});

	it('rebuilds rps from when records completed', () => {
		const m = new MeshModel(opts);
		for (let t = 0; t < 10_000; t += 1000) m.ingest(exchange(t, fromWeb, {totalMs: 7}), t);
		const live = m.snapshot(10_000, 'count').routes[0]!.rps;
		m.setFilter({port: 8080}, 10_000);
		expect(m.snapshot(10_000, 'count').routes[0]!.rps).toBe(live);
		expect(live).toBe(1);
	});

	it('freeze returns copies a live update cannot change', () => {
		const m = new MeshModel(opts);
		m.ingest([req(1), req(2)], 0);
		const frozen = m.snapshot(0, 'count', {freeze: true});
		const live = m.snapshot(0, 'count');
		m.ingest([rsp(1, {}, {status: 503}), end(1), ...exchange(3)], 10);
		m.tick(10_000);
		expect(frozen.records.map((r) => [r.seq, r.state, r.httpStatus])).toEqual([
			[1, 'open', null],
			[2, 'open', null],
		]);
		expect(frozen.routes).toEqual([]);
		expect(frozen.counts).toMatchObject({requests: 2, open: 2, completed: 0});
		// The unfrozen snapshot shares the live records.
		expect(live.records.map((r) => [r.seq, r.state, r.httpStatus])).toEqual([
			[1, 'done', 503],
			[2, 'expired', null],
		]);
	});

	it('clear forgets everything but the filter', () => {
		const m = new MeshModel(opts);
		m.setFilter({port: 8080}, 0);
		m.ingest([...exchange(1), req(2)], 0);
		m.clear();
		const s = m.snapshot(0, 'count');
		expect(s).toEqual({
			records: [],
			markers: [],
			routes: [],
			mtls: {overall: {total: 0, secured: 0}, edges: []},
			ports: [],
			counts: {events: 0, requests: 0, open: 0, completed: 0, expired: 0, unmatched: 0, evicted: 0, filteredOut: 0, bothEnds: 0},
		});
		expect(m.filter).toEqual({port: 8080});
		// A late end for a request from before the clear matches nothing.
		const late: TapEvent = end(2);
		m.ingest([late], 1);
		expect(m.snapshot(1, 'count').counts.unmatched).toBe(1);
	});

	it('interrupt keeps what was captured, expires what is open, and marks the spot', () => {
		const m = new MeshModel(opts);
		m.ingest([...exchange(1), req(2)], 0);
		m.interrupt('tap restarted: +method=GET', 5);
		m.ingest([...exchange(3)], 6);
		const s = m.snapshot(6, 'count');
		expect(s.records.map(r => [r.streamId, r.state])).toEqual([
			[1, 'done'],
			[2, 'expired'],
			[3, 'done'],
		]);
		expect(s.markers).toEqual([{afterSeq: 2, at: 5, text: 'tap restarted: +method=GET'}]);
		expect(s.counts.expired).toBe(1);
		// A late end of the interrupted request matches nothing and changes nothing.
		m.ingest([end(2)], 7);
		expect(m.snapshot(7, 'count').records[1]!.state).toBe('expired');
	});

	it('markers leave with the requests they sit between', () => {
		const m = new MeshModel({...opts, bufferSize: 2});
		m.ingest([...exchange(1)], 0);
		m.mark('first', 1);
		m.ingest([...exchange(2), ...exchange(3)], 2);
		m.mark('second', 3);
		expect(m.snapshot(3, 'count').markers.map(marker => marker.text)).toEqual(['first', 'second']);
		m.ingest([...exchange(4)], 4);
		expect(m.snapshot(4, 'count').markers.map(marker => marker.text)).toEqual(['second']);
	});
});
