// The stream over both ends of a request (one paired row with client and server latency, `b`
// for both raw rows) and over many namespaces (a NAMESPACE column, the scope in the header).
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, webTarget, type Harness} from './app-harness.js';
import {keys} from './render.js';
import {createExporter} from '../../source/commands/export.js';
import type {RequestSpec} from './fixtures.js';

let app: Harness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

// web (10.1.0.5) → emoji (10.1.0.9:8080), seen by web's proxy and by emoji's.
const client: RequestSpec = {stream: 0, direction: 'OUTBOUND', path: '/api/vote', latencyMs: 30, totalMs: 31};
const server: RequestSpec = {stream: 7, direction: 'INBOUND', path: '/api/vote', latencyMs: 24, totalMs: 25};
// Stream rows only (the routes pane lists paths too, without the authority).
const rowsWith = (text: string) => app!.lines().filter(line => line.includes(text) && line.includes('emoji.emojivoto:8080'));

describe('a request seen at both ends', () => {
	it('is one row with the client-side and server-side latency; b shows both raw rows and back', async () => {
		app = startApp({columns: 160, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
		await app.traffic([client, server, {stream: 1, path: '/api/list', latencyMs: 5, totalMs: 6}]);
		const paired = rowsWith('/api/vote');
		expect(paired, app.lines().join('\n')).toHaveLength(1);
		expect(paired[0]).toMatch(/o\+i .*\/api\/vote .*31ms +25ms/);
		expect(app.lines().join('\n')).toMatch(/LATENCY +SERVER/);
		// Top routes count it once and say so.
		expect(app.lines().find(line => line.includes('Top routes'))).toContain('o+i once');
		expect(app.lines().filter(line => /\/api\/vote +1 /.test(line))).toHaveLength(1);
		// A request seen at one end only stays an ordinary row.
		expect(rowsWith('/api/list')[0]).toMatch(/ out .*6.0ms/);

		await app.press('b');
		const raw = rowsWith('/api/vote');
		expect(raw).toHaveLength(2);
		expect(raw[0]).toMatch(/ out .*31ms/);
		expect(raw[1]).toMatch(/ in .*25ms/);
		expect(app.lines().join('\n')).not.toContain('SERVER');

		await app.press('b');
		expect(rowsWith('/api/vote')).toHaveLength(1);
	});
});

describe('the detail of a request seen at both ends', () => {
	// The pods whose proxies reported each side, and the tls each proxy saw.
	const withPods = (spec: RequestSpec): RequestSpec =>
		spec.direction === 'INBOUND' ? {...spec, destinationExtra: {pod: 'emoji-7c9d8f6b5-xyzzy'}} : spec;

	it('shows both proxies, both latencies to headers and to end and their difference, and both tls views; b shows one side again', async () => {
		app = startApp({columns: 80, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
		await app.traffic([withPods(client), withPods(server)]);
		await app.press(keys.enter);
		const screen = app.lines().join('\n');
		expect(screen).toContain('Request #1 outbound + #2 inbound  done');
		expect(screen).toMatch(/client proxy +po\/web-5d8f7c9b4-abcde \(deploy\/web\) · outbound #1/);
		expect(screen).toMatch(/server proxy +po\/emoji-7c9d8f6b5-xyzzy \(deploy\/emoji\) · inbound #2/);
		expect(screen).toMatch(/to headers +client 30ms · server 24ms · network \+ proxies 6\.0ms/);
		expect(screen).toMatch(/to end +client 31ms · server 25ms · network \+ proxies 6\.0ms/);
		expect(screen).toMatch(/mTLS client +yes \(tls=true\), as the caller's proxy saw the connection/);
		expect(screen).toMatch(/mTLS server +yes \(tls=true\), as the server's proxy saw the connection/);
		// The caller's identity as the server's proxy checked it (client_id), not derived from the caller's labels.
		expect(screen).toMatch(/client id +web\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local\n/);
		expect(screen).not.toMatch(/ latency +first byte/);

		// Raw rows: the detail is one side's again.
		await app.press(keys.escape, 'b', keys.enter);
		const raw = app.lines().join('\n');
		expect(raw).toMatch(/Request #1 +outbound +done\n/);
		expect(raw).toMatch(/latency +first byte 30ms · total 31ms/);
		expect(raw).not.toContain('client proxy');
	});

	it('y copies both sides as linkerd tap -o json, the caller first', async () => {
		app = startApp({columns: 100, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}, exporter: createExporter('test')});
		await app.traffic([client, server]);
		await app.press(keys.enter, 'y');
		expect(app.copies).toHaveLength(1);
		const objects = app.copies[0]!.split(/\n(?=\{)/).map(chunk => JSON.parse(chunk) as {proxyDirection: string});
		expect(objects.map(o => o.proxyDirection)).toEqual(['OUTBOUND', 'OUTBOUND', 'OUTBOUND', 'INBOUND', 'INBOUND', 'INBOUND']);
	});

	it('says where the two sides disagree on tls', async () => {
		app = startApp({columns: 100, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
		// Both plaintext, each proxy in its own words: still one request.
		await app.traffic([{...client, tls: 'no_identity'}, {...server, tls: 'no_tls_from_remote'}]);
		await app.press(keys.enter);
		const screen = app.lines().join('\n');
		expect(screen).toMatch(/mTLS client +no: no_identity, as the caller's proxy/);
		expect(screen).toMatch(/mTLS server +no: no_tls_from_remote, as the server's proxy/);
	});
});

describe('many namespaces', () => {
	it('shows each row’s namespace and the scope, the split and the failures in the header', async () => {
		app = startApp({columns: 200, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
		app.store.setServerFilter({namespaces: {all: false, names: ['booksapp', 'emojivoto', 'payments']}});
		await app.settle();
		const tap = app.sources.lastTap;
		expect(tap.spec.namespaces).toEqual({all: false, names: ['booksapp', 'emojivoto', 'payments']});
		tap.handlers.onStatus({
			state: 'live',
			scope: {
				all: false,
				rpsEach: 33.33,
				rpsTotal: 100,
				namespaces: [
					{namespace: 'booksapp', state: 'live'},
					{namespace: 'emojivoto', state: 'live'},
					{namespace: 'payments', state: 'failed', message: 'forbidden'},
				],
			},
		});
		await app.settle();
		expect(app.lines().join('\n')).toContain('3 namespaces, 33.33 rps each (max-rps 100 split) · failed: payments (forbidden)');
		// A namespace with no pods to tap is counted, not listed as failed; the rate went to the others.
		tap.handlers.onStatus({
			state: 'live',
			scope: {
				all: false,
				rpsEach: 50,
				rpsTotal: 100,
				across: 2,
				namespaces: [
					{namespace: 'booksapp', state: 'live'},
					{namespace: 'emojivoto', state: 'live'},
					{namespace: 'kube-system', state: 'failed', message: 'no pods to tap for type="namespace" name="kube-system"', nothingToTap: true},
					{namespace: 'payments', state: 'failed', message: 'forbidden'},
				],
			},
		});
		await app.traffic([
			{stream: 0, path: '/books', from: 'webapp', fromNs: 'booksapp', to: 'authors', toNs: 'booksapp', authority: 'emoji.emojivoto:8080'},
			{stream: 1, path: '/cross', from: 'webapp', fromNs: 'booksapp', to: 'emoji', toNs: 'emojivoto'},
		]);
		const screen = app.lines().join('\n');
		expect(screen).toContain('tap ns booksapp,emojivoto,payments');
		expect(screen).toContain('4 namespaces, 50 rps each (max-rps 100 split across 2) · failed: payments (forbidden) · 1 with nothing to tap');
		expect(screen).toContain('NAMESPACE');
		expect(rowsWith('/books')[0]).toMatch(/ booksapp +webapp → authors /);
		expect(rowsWith('/cross')[0]).toContain('booksapp→emojivoto');

		// Picking one workload taps just it: the scope was for the start target.
		app.store.tapTarget({namespace: 'emojivoto', type: 'deployment', name: 'web'});
		expect(app.sources.lastTap.spec.namespaces).toBeUndefined();
	});
});

describe('the header at 80 columns', () => {
	it('-A: keeps the scope and the failed namespaces (shortened), not a cut "al…"', async () => {
		app = startApp({columns: 80, rows: 24, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
		app.store.setServerFilter({namespaces: {all: true}});
		await app.settle();
		app.sources.lastTap.handlers.onStatus({
			state: 'live',
			scope: {
				all: true,
				rpsEach: 16.66,
				rpsTotal: 100,
				namespaces: ['booksapp', 'emojivoto', 'legacy', 'linkerd', 'linkerd-viz', 'payments'].map(namespace => (
					namespace === 'legacy' || namespace === 'linkerd' ? {namespace, state: 'failed' as const, message: 'no pods to tap'} : {namespace, state: 'live' as const}
				)),
			},
		});
		await app.traffic([{stream: 0, path: '/x'}]);
		const status = app.lines()[1]!;
		expect(status, app.lines().join('\n')).toContain('tap -A  ● live · 6 ns × 16.66 rps · failed: legacy, linkerd');
		expect(status).toContain('dropped');
	});

	it('the first line drops the server URL before it cuts the namespace beside a badge', async () => {
		app = startApp({columns: 80, rows: 24, target: webTarget});
		await app.traffic([{stream: 0, path: '/x'}]);
		expect(app.lines()[0]).toMatch(/ns emojivoto/);
		await app.press(' ');
		const first = app.lines()[0]!;
		expect(first, app.lines().join('\n')).toContain('PAUSED');
		expect(first).toMatch(/ctx \S+ {2}ns emojivoto/);
	});
});

describe('the stream names the ends by one rule per column', () => {
	for (const columns of [120, 160, 200]) {
		it(`never mixes deploy/x and bare names in one column at ${columns} columns (a long pair is cut, not renamed)`, async () => {
			app = startApp({columns, rows: 30, target: {namespace: '', type: 'namespace', name: 'emojivoto'}});
			await app.traffic([
				{stream: 0, path: '/short', from: 'web', to: 'api'},
				{stream: 1, path: '/long', from: 'settlement-29412093-batch-worker', to: 'payments-api'},
			]);
			const row = (path: string) => app!.lines().find(line => line.includes(path) && line.includes(' → '))!;
			const short = row('/short');
			const long = row('/long');
			expect(short, app.lines().join('\n')).toMatch(/(deploy\/)?web → (deploy\/)?api /);
			expect(long).toMatch(/settlement.*… → (deploy\/)?payments-/);
			expect(short.includes('deploy/'), `${short}\n${long}`).toBe(long.includes('deploy/'));
		});
	}
});
