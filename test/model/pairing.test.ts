import {describe, expect, it} from 'vitest';
import {Correlator} from '../../source/model/correlate.js';
import type {TapEvent} from '../../source/model/event.js';
import {pairLatencies, pairRecords} from '../../source/model/pairing.js';
import type {RequestRecord} from '../../source/model/types.js';
import {end, type Ends, req, rsp} from './events.js';

// web (10.0.0.1) calls api (10.0.0.2:8080): the client's proxy reports OUTBOUND, the server's
// INBOUND; the source ports differ, as in a real mesh (app→proxy vs proxy→proxy).
const out: Ends = {direction: 'OUTBOUND', source: {ip: '10.0.0.1', port: 40000}, destination: {ip: '10.0.0.2', port: 8080}};
const inb: Ends = {
	direction: 'INBOUND',
	source: {ip: '10.0.0.1', port: 51000},
	destination: {ip: '10.0.0.2', port: 8080},
	sourceMeta: {deployment: 'web', namespace: 'shop', tls: 'true'},
	destinationMeta: {deployment: 'api', namespace: 'shop', tls: 'loopback'},
};

interface Seen {
	ends: Ends;
	stream: number;
	at: number;
	path?: string;
	status?: number;
	latencyMs?: number;
	totalMs?: number;
	bytes?: number;
	requestId?: string;
}

function records(seen: Seen[]): RequestRecord[] {
	const c = new Correlator({ttlMs: 60_000, maxOpen: 1000});
	const all: RequestRecord[] = [];
	for (const s of seen) {
		const r = req(s.stream, s.ends, {path: s.path});
		if (s.requestId && r.http?.kind === 'requestInit') r.http.headers = [{name: 'x-request-id', valueStr: s.requestId}];
		const events: TapEvent[] = [r, rsp(s.stream, s.ends, {status: s.status, latencyMs: s.latencyMs ?? 5}), end(s.stream, s.ends, {totalMs: s.totalMs ?? 7, bytes: s.bytes})];
		for (const event of events) {
			const record = c.ingest(event, s.at);
			if (record && !all.includes(record)) all.push(record);
		}
	}
	return all;
}

describe('pairRecords', () => {
	it('pairs the same request seen OUTBOUND and INBOUND into one couple, both ways', () => {
		const [client, server] = records([
			{ends: out, stream: 0, at: 1000, latencyMs: 6, totalMs: 9},
			{ends: inb, stream: 3, at: 1004, latencyMs: 4, totalMs: 6},
		]);
		const result = pairRecords([client!, server!]);
		expect(result.pairs).toBe(1);
		expect(result.partner.get(client!.seq)).toBe(server);
		expect(result.partner.get(server!.seq)).toBe(client);
		expect(pairLatencies(client!, server!)).toEqual({clientUs: 9000, serverUs: 6000, betweenUs: 3000});
	});

	it('leaves a side the tap did not sample unpaired', () => {
		const only = records([{ends: out, stream: 0, at: 1000}, {ends: inb, stream: 1, at: 1000, path: '/other'}]);
		expect(pairRecords(only)).toMatchObject({pairs: 0, ambiguous: 0});
	});

	it('never pairs two look-alike requests close in time: both sides stay raw', () => {
		// Two GET /items from web to api 10 ms apart, same status, bytes and latencies: either
		// INBOUND could belong to either OUTBOUND.
		const rows = records([
			{ends: out, stream: 0, at: 1000},
			{ends: out, stream: 1, at: 1010},
			{ends: inb, stream: 0, at: 1002, totalMs: 6},
			{ends: inb, stream: 1, at: 1012, totalMs: 6},
		]);
		const result = pairRecords(rows);
		expect(result.pairs).toBe(0);
		expect(result.ambiguous).toBe(4);
		expect(result.partner.size).toBe(0);
	});

	it('tells look-alikes apart by what differs: response bytes, status, latency that does not fit, request ids', () => {
		const rows = records([
			{ends: out, stream: 0, at: 1000, bytes: 120, totalMs: 9},
			{ends: out, stream: 1, at: 1001, bytes: 300, totalMs: 9},
			{ends: inb, stream: 0, at: 1002, bytes: 300, totalMs: 7},
			{ends: inb, stream: 1, at: 1003, bytes: 120, totalMs: 7},
		]);
		const result = pairRecords(rows);
		expect(result.pairs).toBe(2);
		expect(result.partner.get(rows[0]!.seq)).toBe(rows[3]);
		expect(result.partner.get(rows[1]!.seq)).toBe(rows[2]);

		// A server side that took longer than the client saw cannot be the same request.
		const slow = records([{ends: out, stream: 0, at: 1000, totalMs: 7}, {ends: inb, stream: 0, at: 1001, totalMs: 40}]);
		expect(pairRecords(slow).pairs).toBe(0);

		const ids = records([
			{ends: out, stream: 0, at: 1000, requestId: 'a'},
			{ends: out, stream: 1, at: 1001, requestId: 'b'},
			{ends: inb, stream: 0, at: 1002, requestId: 'b', totalMs: 6},
			{ends: inb, stream: 1, at: 1003, requestId: 'a', totalMs: 6},
		]);
		const byId = pairRecords(ids);
		expect(byId.pairs).toBe(2);
		expect(byId.partner.get(ids[0]!.seq)).toBe(ids[3]);
	});

	it('does not pair across the time window or with requests still open', () => {
		const far = records([{ends: out, stream: 0, at: 1000}, {ends: inb, stream: 0, at: 2500, totalMs: 6}]);
		expect(pairRecords(far).pairs).toBe(0);
		const c = new Correlator({ttlMs: 60_000, maxOpen: 10});
		const open = c.ingest(req(0, out), 1000)!;
		const [server] = records([{ends: inb, stream: 0, at: 1001, totalMs: 6}]);
		expect(pairRecords([open, server!]).pairs).toBe(0);
	});
});
