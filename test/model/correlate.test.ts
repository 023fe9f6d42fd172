import {describe, expect, it} from 'vitest';
import {Correlator} from '../../source/model/correlate.js';
import {end, req, rsp, type Ends} from './events.js';

const inboundAt = (podIp: string): Ends => ({
	direction: 'INBOUND',
	source: {ip: '10.9.9.9', port: 51000},
	destination: {ip: podIp, port: 8080},
	sourceMeta: {deployment: 'web', namespace: 'shop', tls: 'true', client_id: 'web.shop.serviceaccount.identity.linkerd.cluster.local'},
	destinationMeta: {deployment: 'api', namespace: 'shop', tls: 'loopback'},
});
const outboundFrom = (podIp: string): Ends => ({
	direction: 'OUTBOUND',
	source: {ip: podIp, port: 40000},
	destination: {ip: '10.0.0.2', port: 8080},
	sourceMeta: {deployment: 'web', namespace: 'shop', tls: 'loopback'},
	destinationMeta: {deployment: 'api', namespace: 'shop', tls: 'not_provided_by_service_discovery'},
});

describe('Correlator', () => {
	it('names a bare pod IP by the workload seen for that IP in labelled events (one pod, not two edges)', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		// web's outbound event labels its own IP; the inbound event at api sees only the IP.
		c.ingest(req(1), 0);
		const inbound = c.ingest(req(1, {direction: 'INBOUND', sourceMeta: {tls: 'true'}}), 1)!;
		expect(inbound.sourceName).toBe('deploy/web');
		// An address never seen with labels stays an address.
		const stranger = c.ingest(req(2, {direction: 'INBOUND', source: {ip: '198.51.100.7', port: 5000}, sourceMeta: {tls: 'no_tls_from_remote'}}), 2)!;
		expect(stranger.sourceName).toBe('198.51.100.7');
	});

	it('joins req, rsp and end into one record updated in place', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const r = c.ingest(req(0, {}, {method: 'POST', path: '/buy'}), 1000)!;
		expect(r).toMatchObject({
			seq: 1,
			key: 'OUTBOUND|10.0.0.1|1|0',
			direction: 'OUTBOUND',
			sourceName: 'deploy/web',
			destinationName: 'deploy/api',
			method: 'POST',
			path: '/buy',
			startedAt: 1000,
			state: 'open',
			success: null,
			httpStatus: null,
			tls: 'true',
		});
		expect(c.counts).toEqual({open: 1, completed: 0, expired: 0, unmatched: 0, evicted: 0});

		expect(c.ingest(rsp(0, {}, {status: 503, latencyMs: 12.5}), 1010)).toBe(r);
		expect(r.httpStatus).toBe(503);
		expect(r.latencyUs).toBe(12_500);
		expect(r.state).toBe('open');

		expect(c.ingest(end(0, {}, {totalMs: 1500.25, bytes: 42}), 1020)).toBe(r);
		expect(r).toMatchObject({state: 'done', success: false, totalUs: 1_500_250, responseBytes: 42});
		expect(c.counts).toEqual({open: 0, completed: 1, expired: 0, unmatched: 0, evicted: 0});
	});

	it('keeps the same id from two pods apart (two records)', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const a = c.ingest(req(7, outboundFrom('10.0.1.1')), 0)!;
		const b = c.ingest(req(7, outboundFrom('10.0.1.2')), 0)!;
		expect(a).not.toBe(b);
		expect([a.seq, b.seq]).toEqual([1, 2]);
		expect(c.counts.open).toBe(2);
		c.ingest(end(7, outboundFrom('10.0.1.2'), {eos: {kind: 'reset', code: 2}}), 5);
		expect(b.state).toBe('done');
		expect(b.success).toBe(false);
		expect(a.state).toBe('open');
		expect(c.counts.open).toBe(1);
	});

	it('keys INBOUND by the destination ip and OUTBOUND by the source ip', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const inbound = c.ingest(req(3, inboundAt('10.0.2.2')), 0)!;
		const outbound = c.ingest(req(3, outboundFrom('10.0.2.2')), 0)!;
		expect(inbound.key).toBe('INBOUND|10.0.2.2|1|3');
		expect(outbound.key).toBe('OUTBOUND|10.0.2.2|1|3');
		expect(inbound.tls).toBe('true');
		expect(outbound.tls).toBe('not_provided_by_service_discovery');
		// Same pod, same direction, different client port: still the same request.
		const later = {...inboundAt('10.0.2.2'), source: {ip: '10.9.9.8', port: 1}};
		expect(c.ingest(rsp(3, later), 1)).toBe(inbound);
		// base is part of the key.
		expect(c.ingest(rsp(3, inboundAt('10.0.2.2'), {base: 2}), 1)).toBeNull();
		expect(c.counts.unmatched).toBe(1);
	});

	it('leaves tls empty for UNKNOWN direction and keys it by the source', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const r = c.ingest(req(1, {direction: 'UNKNOWN'}), 0)!;
		expect(r.tls).toBe('');
		expect(r.key).toBe('UNKNOWN|10.0.0.1|1|1');
	});

	it('counts rsp/end without an open request as unmatched', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		expect(c.ingest(rsp(9), 0)).toBeNull();
		expect(c.ingest(end(9), 0)).toBeNull();
		c.ingest(req(1), 0);
		c.ingest(end(1), 1);
		// A second end for a request already finished.
		expect(c.ingest(end(1), 2)).toBeNull();
		expect(c.counts).toEqual({open: 0, completed: 1, expired: 0, unmatched: 3, evicted: 0});
	});

	it('ignores events with no http payload', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		expect(c.ingest({...req(1), http: null}, 0)).toBeNull();
		expect(c.counts).toEqual({open: 0, completed: 0, expired: 0, unmatched: 0, evicted: 0});
	});

	it('end without rsp: status stays null and it succeeds unless reset', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const ok = c.ingest(req(1), 0)!;
		c.ingest(end(1, {}, {eos: null, totalMs: null}), 1);
		expect(ok).toMatchObject({httpStatus: null, success: true, totalUs: null, latencyUs: null, state: 'done'});
		const reset = c.ingest(req(2), 0)!;
		c.ingest(end(2, {}, {eos: {kind: 'reset', code: 7}}), 1);
		expect(reset.success).toBe(false);
	});

	it('replaces an open request when the same key starts again', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 100});
		const first = c.ingest(req(4), 0)!;
		const second = c.ingest(req(4), 5)!;
		expect(first.state).toBe('expired');
		expect(second.state).toBe('open');
		expect(c.ingest(end(4), 6)).toBe(second);
		expect(c.counts).toEqual({open: 0, completed: 1, expired: 1, unmatched: 0, evicted: 0});
	});

	it('expires requests open strictly longer than the TTL', () => {
		const c = new Correlator({ttlMs: 1000, maxOpen: 100});
		const a = c.ingest(req(1), 0)!;
		const b = c.ingest(req(2), 500)!;
		expect(c.expire(1000)).toEqual([]);
		expect(a.state).toBe('open');
		const gone = c.expire(1001);
		expect(gone).toEqual([a]);
		expect(a.state).toBe('expired');
		expect(a.success).toBeNull();
		expect(c.expire(1500)).toEqual([]);
		expect(c.expire(1501)).toEqual([b]);
		expect(c.counts).toEqual({open: 0, completed: 0, expired: 2, unmatched: 0, evicted: 0});
		// A late end for an expired request is unmatched and does not revive it.
		expect(c.ingest(end(1), 2000)).toBeNull();
		expect(a.state).toBe('expired');
		expect(c.counts.unmatched).toBe(1);
	});

	it('expires a replaced-then-restarted key by its new start time', () => {
		const c = new Correlator({ttlMs: 1000, maxOpen: 100});
		c.ingest(req(1), 0);
		c.ingest(req(2), 100);
		const again = c.ingest(req(1), 900)!;
		expect(c.expire(1101).map((r) => r.streamId)).toEqual([2]);
		expect(again.state).toBe('open');
		expect(c.expire(1901)).toEqual([again]);
	});

	it('evicts the oldest open request beyond maxOpen', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 2});
		const a = c.ingest(req(1), 0)!;
		const b = c.ingest(req(2), 1)!;
		const d = c.ingest(req(3), 2)!;
		expect(a.state).toBe('expired');
		expect([b.state, d.state]).toEqual(['open', 'open']);
		expect(c.counts).toEqual({open: 2, completed: 0, expired: 0, unmatched: 0, evicted: 1});
		expect(c.ingest(end(1), 3)).toBeNull();
		expect(c.ingest(end(2), 3)).toBe(b);
	});

	it('keeps seq rising across clear', () => {
		const c = new Correlator({ttlMs: 10_000, maxOpen: 10});
		c.ingest(req(1), 0);
		c.clear();
		expect(c.counts).toEqual({open: 0, completed: 0, expired: 0, unmatched: 0, evicted: 0});
		expect(c.ingest(req(1), 0)!.seq).toBe(2);
	});
});
