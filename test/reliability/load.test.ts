// Bounded load for npm test (the long runs live in bench/): 200,000 events through MeshModel,
// a third of the requests never finishing, keep the ring buffer at its bound and the map of
// open requests bounded, with the counts adding up.
import {describe, expect, it} from 'vitest';
import {MeshModel} from '../../source/model/mesh-model.js';
import type {TapEvent} from '../../source/model/event.js';
import {prng} from './corpus.js';

const bufferSize = 2000;

function request(i: number, random: () => number): TapEvent[] {
	const pod = i % 50;
	const base = {
		source: {ip: `10.0.${pod}.1`, port: 40000 + (i % 20000)},
		destination: {ip: '10.1.0.9', port: 8080},
		sourceMeta: {deployment: `client-${pod % 7}`, namespace: 'load', pod: `client-${pod}`, tls: 'loopback'},
		destinationMeta: {deployment: 'server', namespace: 'load', tls: 'true'},
		routeMeta: null,
		proxyDirection: 'OUTBOUND' as const,
	};
	const id = {base: 1 + Math.floor(i / 1000), stream: i % 1000};
	const out: TapEvent[] = [
		{...base, http: {kind: 'requestInit', id, method: 'GET', scheme: 'HTTP', authority: 'server', path: `/p/${i % 300}`, headers: null}},
	];
	// A third never finish: their proxies died, or the tap sampled only the start.
	if (random() < 1 / 3) return out;
	out.push(
		{...base, http: {kind: 'responseInit', id, sinceRequestInit: {seconds: 0, nanos: 1e6}, httpStatus: 200, headers: null}},
		{...base, http: {kind: 'responseEnd', id, sinceRequestInit: {seconds: 0, nanos: 2e6}, sinceResponseInit: {seconds: 0, nanos: 1e6}, responseBytes: 1, eos: null, trailers: null}},
	);
	return out;
}

describe('MeshModel under 200k events', () => {
	it('keeps the buffer at its bound and the open map bounded; counts add up', () => {
		const model = new MeshModel({bufferSize, ttlMs: 3_600_000, maxRoutes: 100, rpsWindowMs: 10_000});
		const random = prng(200_000);
		let events = 0;
		let now = 0;
		let maxOpen = 0;
		let i = 0;
		while (events < 200_000) {
			const batch: TapEvent[] = [];
			for (let k = 0; k < 100; k++) batch.push(...request(i++, random));
			events += batch.length;
			now += 5;
			model.ingest(batch, now);
			if (i % 5000 === 0) {
				const s = model.snapshot(now, 'count');
				expect(s.records.length).toBeLessThanOrEqual(bufferSize);
				maxOpen = Math.max(maxOpen, s.counts.open);
			}
		}
		const s = model.snapshot(now, 'count');
		expect(s.counts.events).toBe(events);
		expect(s.records.length).toBe(bufferSize);
		expect(model.buffer.size).toBe(bufferSize);
		expect(maxOpen).toBeLessThanOrEqual(bufferSize);
		expect(s.counts.open).toBeLessThanOrEqual(bufferSize);
		expect(s.counts.requests).toBe(i);
		expect(s.counts.evicted).toBe(i - bufferSize);
		// Every request is either still open, completed or given up on.
		expect(s.counts.open + s.counts.completed + s.counts.expired).toBe(i);
		expect(s.routes.length).toBeLessThanOrEqual(100);
	});
});
