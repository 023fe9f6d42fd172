// Tap streams from the demo mesh, read as raw bytes and decoded with protobufjs: labels,
// server-side filters, headers only on request, per-pod sampling, and rollouts.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {collectFrames, decodeEvent, ipv4, request, simpleTap, startRequest, tapPath, waitFor, type PlainEvent} from './helpers.js';

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({seed: 11, rolloutEveryMs: 0, windowMs: 20, eventsPerSecond: 400});
});
afterAll(async () => mesh.close());

async function tap(namespace: string, type: string, name: string, extra: Record<string, unknown>, enough: (events: PlainEvent[]) => boolean): Promise<PlainEvent[]> {
	const raw = await request(mesh, 'POST', tapPath(namespace, type, name), simpleTap(namespace, type, name, extra));
	expect(raw.res.statusCode).toBe(200);
	expect(raw.res.headers['content-type']).toBe('application/octet-stream');
	expect(raw.res.headers['transfer-encoding']).toBe('chunked');
	expect(raw.res.headers['linkerd-error']).toBeUndefined();
	// Decode each frame once: re-decoding everything per chunk made long streams quadratic.
	const events: PlainEvent[] = [];
	await collectFrames(raw, frames => {
		for (let i = events.length; i < frames.length; i++) events.push(decodeEvent(frames[i]!));
		return enough(events);
	});
	return events;
}

const kind = (e: PlainEvent): string => Object.keys(e.http)[0]!;
const reporter = (e: PlainEvent): string => JSON.stringify(e.proxyDirection === 'INBOUND' ? e.destination.ip : e.source.ip);

describe('tap stream', () => {
	it('sends req/rsp/end triples with the labels of spec §4 for both directions', async () => {
		const events = await tap('emojivoto', 'deployment', 'web', {}, e => e.filter(x => x.proxyDirection === 'OUTBOUND' && kind(x) === 'responseEnd').length >= 5 && e.some(x => x.proxyDirection === 'INBOUND'));
		const outbound = events.filter(e => e.proxyDirection === 'OUTBOUND');
		const inbound = events.filter(e => e.proxyDirection === 'INBOUND');
		for (const e of outbound) {
			expect(e.sourceMeta.labels).toMatchObject({tls: 'loopback', deployment: 'web', namespace: 'emojivoto', serviceaccount: 'web', control_plane_ns: 'linkerd'});
			expect(ipv4(e.source.ip.ipv4!)).toMatch(/^10\.42\./);
			const dst = e.destinationMeta.labels!;
			expect(dst['tls']).toBe('true');
			expect(dst['server_id']).toBe(`${dst['serviceaccount']}.emojivoto.serviceaccount.identity.linkerd.cluster.local`);
			expect(['emoji-svc', 'voting-svc']).toContain(dst['service']);
			expect(e.http[kind(e)]!.id.base).toBeGreaterThanOrEqual(0);
		}
		for (const e of inbound) {
			expect(e.destinationMeta.labels).toMatchObject({tls: 'loopback', deployment: 'web', srv_kind: 'server', srv_name: 'web-http'});
			expect(['true', 'no_tls_from_remote']).toContain(e.sourceMeta.labels!['tls']);
		}
		const req = outbound.find(e => kind(e) === 'requestInit')!;
		expect(req.http['requestInit']).toMatchObject({method: {registered: 'POST'}, scheme: {registered: 'HTTP'}});
		expect(req.http['requestInit']!['headers']).toBeUndefined();
		// Every rsp and end belongs to a req seen earlier from the same proxy.
		const seen = new Set<string>();
		for (const e of events) {
			const id = e.http[kind(e)]!.id;
			const key = `${e.proxyDirection}|${reporter(e)}|${id.base}|${id.stream}`;
			if (kind(e) === 'requestInit') seen.add(key);
			else expect(seen.has(key)).toBe(true);
		}
	});

	it('includes headers only when extract.http.headers is set', async () => {
		const events = await tap('booksapp', 'deployment', 'traffic', {extract: {http: {headers: {}}}}, e => e.filter(x => kind(x) === 'requestInit').length >= 10);
		const reqs = events.filter(e => kind(e) === 'requestInit');
		for (const e of reqs) {
			const headers = (e.http['requestInit']!['headers'] as {headers: Array<{name: string; valueStr: string}>}).headers;
			expect(headers.find(h => h.name === 'authorization')?.valueStr).toMatch(/^Bearer eyJ/);
			expect(headers.find(h => h.name === 'traceparent')?.valueStr).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
		}
	});

	it('applies method, path prefix and destination filters server-side', async () => {
		const match = {all: {matches: [{http: {method: 'get'}}, {http: {path: '/books/'}}, {destinations: {resource: {namespace: 'booksapp', type: 'deployment', name: 'books'}}}]}};
		const events = await tap('booksapp', 'deployment', 'webapp', {match}, e => e.filter(x => kind(x) === 'requestInit').length >= 8);
		expect(events.every(e => e.proxyDirection === 'OUTBOUND')).toBe(true);
		for (const e of events.filter(x => kind(x) === 'requestInit')) {
			expect(e.http['requestInit']).toMatchObject({method: {registered: 'GET'}});
			expect(e.http['requestInit']!['path']).toMatch(/^\/books\/\d+\.json$/);
			expect(e.destinationMeta.labels).toMatchObject({deployment: 'books', namespace: 'booksapp'});
			// books is routed by HTTPRoute books-split: no ServiceProfile route, so no route_meta (spec §8.2).
			expect(e.routeMeta?.labels ?? {}).toEqual({});
		}
	});

	it('takes at most maxRps/nPods requests per pod per window', async () => {
		// web has 2 pods: maxRps 6 gives each proxy a limit of 3 per Observe.
		const events = await tap('emojivoto', 'deployment', 'web', {maxRps: 6}, e => e.filter(x => kind(x) === 'requestInit').length >= 60);
		const perWindow = new Map<string, Set<string>>();
		for (const e of events.filter(x => kind(x) === 'requestInit')) {
			const id = e.http['requestInit']!.id;
			const key = `${reporter(e)}|${id.base}`;
			perWindow.set(key, (perWindow.get(key) ?? new Set()).add(String(id.stream)));
		}
		const sizes = [...perWindow.values()].map(s => s.size);
		expect(Math.max(...sizes)).toBe(3);
		for (const streams of perWindow.values()) expect([...streams].every(s => ['0', '1', '2'].includes(s))).toBe(true);
		expect(new Set([...perWindow.keys()].map(k => k.split('|')[0])).size).toBe(2);
	});

	it('taps a whole namespace: one request shows up OUTBOUND at the client and INBOUND at the server', async () => {
		const events = await tap('emojivoto', 'namespace', 'emojivoto', {}, e => e.length >= 300);
		const reqs = events.filter(e => kind(e) === 'requestInit');
		const byFlow = (e: PlainEvent) => `${JSON.stringify(e.source)}>${JSON.stringify(e.destination)}`;
		const outbound = new Set(reqs.filter(e => e.proxyDirection === 'OUTBOUND').map(byFlow));
		expect(reqs.filter(e => e.proxyDirection === 'INBOUND').some(e => outbound.has(byFlow(e)))).toBe(true);
	});

	it('writes nothing before the first event: a tap that matches nothing sends no headers', async () => {
		const quiet = startRequest(mesh, 'POST', tapPath('emojivoto', 'deployment', 'web'), simpleTap('emojivoto', 'deployment', 'web', {match: {all: {matches: [{http: {path: '/never'}}]}}}));
		let answered = false;
		quiet.responded.then(() => (answered = true), () => {});
		// A busy tap spanning many sampling windows on the same pods.
		await tap('emojivoto', 'deployment', 'web', {}, e => new Set(e.map(x => x.http[kind(x)]!.id.base)).size >= 8);
		expect(answered).toBe(false);
		quiet.abort();
	});
});

describe('rollouts', () => {
	it('keeps the old stream open but silent after its pods are replaced', async () => {
		const raw = await request(mesh, 'POST', tapPath('emojivoto', 'deployment', 'emoji'), simpleTap('emojivoto', 'deployment', 'emoji'));
		const events: PlainEvent[] = [];
		let ended = false;
		let buffered = Buffer.alloc(0);
		raw.res.on('data', (chunk: Buffer) => {
			buffered = Buffer.concat([buffered, chunk]);
			while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
				events.push(decodeEvent(buffered.subarray(4, 4 + buffered.readUInt32LE(0))));
				buffered = buffered.subarray(4 + buffered.readUInt32LE(0));
			}
		});
		raw.res.on('end', () => (ended = true));
		await waitFor(() => events.length >= 20, 'events before the rollout');
		mesh.rollout('emojivoto', 'emoji');
		const atRollout = events.length;
		// A second tap on the new pods proves many windows have passed since the rollout.
		const fresh = await tap('emojivoto', 'deployment', 'emoji', {}, e => new Set(e.map(x => x.http[kind(x)]!.id.base)).size >= 10);
		expect(fresh.length).toBeGreaterThan(0);
		// Only windows opened before the rollout may still deliver; no later Observe happens.
		const baseOf = (e: PlainEvent) => e.http[kind(e)]!.id.base;
		const lastBaseBefore = Math.max(...events.slice(0, atRollout).map(baseOf));
		const late = events.slice(atRollout).filter(e => kind(e) === 'requestInit');
		expect(late.every(e => baseOf(e) <= lastBaseBefore + 3)).toBe(true);
		const lastCount = events.length;
		await tap('emojivoto', 'deployment', 'emoji', {}, e => new Set(e.map(x => x.http[kind(x)]!.id.base)).size >= 5);
		expect(events.length).toBe(lastCount);
		expect(ended).toBe(false);
		raw.abort();
	});
});
