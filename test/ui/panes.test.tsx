import {afterEach, describe, expect, it} from 'vitest';
import {keymap} from '../../source/ui/keymap.js';
import {keys} from './render.js';
import {startApp, type Harness} from './app-harness.js';
import type {RequestSpec} from './fixtures.js';

let app: Harness | undefined;
afterEach(() => app?.unmount());

const withHeaders: RequestSpec = {
	stream: 4,
	requestHeaders: [
		{name: ':method', valueStr: 'GET'},
		{name: 'authorization', valueStr: 'Bearer abc.def'},
		{name: 'cookie', valueStr: 'session=xyz'},
		{name: 'traceparent', valueStr: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'},
		{name: 'x-bin', valueBin: new Uint8Array([1, 2, 255])},
	],
	responseHeaders: [{name: 'set-cookie', valueStr: 'id=1'}],
	trailers: [{name: 'grpc-status', valueStr: '0'}],
};

describe('header', () => {
	it('shows context, target, stream state, counts, every filter and the pause', async () => {
		app = startApp({columns: 100, rows: 30});
		app.store.setServerFilter({method: 'GET', to: {namespace: 'emojivoto', type: 'deployment', name: 'emoji'}});
		app.store.setClientFilter({from: {type: 'deployment', name: 'vote-bot', namespace: 'emojivoto'}, port: 8080});
		app.sources.lastTap.handlers.onStatus({state: 'reconnecting', attempt: 3, retryAt: app.time.now + 4200, reason: 'connection reset'});
		await app.traffic([{stream: 1}]);
		await app.press(keys.space);
		expect(app.lines().slice(0, 3)).toEqual([
			'meshtop  ctx kind-mesh  https://127.0.0.1:6443  ns emojivoto  refresh 0.1s  PAUSED +0 new',
			'tap deploy/web -n emojivoto  reconnecting in 5s (attempt 3…  30 ev/s · 0 open · 0 dropped · 1 hidden',
			'filters: to=deploy/emoji -n emojivoto  method=GET  from=deploy/vote-bot -n emojivoto  port=8080',
		]);
	});

	it('shows a failed stream with its message, sanitized', async () => {
		app = startApp({columns: 100, rows: 30});
		app.sources.lastTap.handlers.onStatus({state: 'failed', message: 'no pods to tap for deployment/web\u001B[2J'});
		await app.settle();
		// A failed tap's figures are zeros: its reason takes the header's room; the stream says it whole, escaped.
		expect(app.lines()[1]).toBe('tap deploy/web -n emojivoto  failed: no pods to tap for deployment/web\\x1b[2J  0 open · 0 dropped');
		expect(app.lines()).toContain('the tap failed: no pods to tap for deployment/web\\x1b[2J');
	});
});

describe('stream', () => {
	it('renders hostile strings escaped, wide text cut by display width, and gRPC and reset outcomes', async () => {
		app = startApp({columns: 100, rows: 30});
		await app.traffic([
			{stream: 1, path: '/a\u001B[2J\u202Eevil\u0007', authority: '漢字漢字漢字漢字漢字漢字.example'},
			{stream: 2, grpc: 14, path: '/emojivoto.v1.EmojiService/ListAll', method: 'POST'},
			{stream: 3, reset: 2},
			{stream: 4, direction: 'INBOUND', tls: 'no_tls_from_remote', from: 'vote-bot'},
		]);
		expect(app.lines().slice(4, 10)).toEqual([
			' Requests  4/4 · following live',
			'TIME     DIR FROM → TO           METHOD AUTHORITY        PATH              STATUS      LATENCY mTLS',
			'22:13:20 out web → emoji         GET    漢字漢字漢字漢…  /a\\x1b[2…evil\\x07 200            13ms 🔒',
			'22:13:20 out web → emoji         POST   emoji.emojivoto… /emojivo…/ListAll Unavailable    13ms 🔒',
			'22:13:20 out web → emoji         GET    emoji.emojivoto… /api/list         reset 2        13ms 🔒',
			'22:13:20 in  vote-bot → emoji    GET    emoji.emojivoto… /api/list         200            13ms plain',
		]);
	});

	it('keeps the selected request selected while new ones arrive, and F follows again', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1, path: '/one'}, {stream: 2, path: '/two'}, {stream: 3, path: '/three'}]);
		await app.press(keys.up);
		expect(app.lines()[4]).toBe(' Requests  2/3 · scrolled back (F: follow)');
		await app.traffic([{stream: 4, path: '/four'}, {stream: 5, path: '/five'}]);
		expect(app.lines()[4]).toBe(' Requests  2/5 · scrolled back (F: follow)');
		await app.press(keys.enter);
		expect(app.lines()[11]).toBe('  path          /two');
		await app.press(keys.escape);
		expect(app.lines()[4]).toBe(' Requests  2/5 · scrolled back (F: follow)');
		await app.press('F');
		expect(app.lines()[4]).toBe(' Requests  5/5 · following live');
		await app.press('g');
		expect(app.lines()[4]).toBe(' Requests  1/5 · scrolled back (F: follow)');
	});

	it('pauses the whole view, counts what arrives, and resumes to live', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}, {stream: 2}]);
		await app.press(keys.space);
		await app.traffic([{stream: 3}, {stream: 4}, {stream: 5}]);
		expect(app.lines()[0]).toBe('meshtop  ctx kind-mesh  ns emojivoto  refresh 0.1s  PAUSED +3 new');
		expect(app.lines()[4]).toBe(' Requests  2/2 · paused');
		await app.press(keys.space);
		expect(app.lines()[0]).toBe('meshtop  ctx kind-mesh  https://127.0.0.1:6443  ns emojivoto  refresh 0.1s');
		expect(app.lines()[4]).toBe(' Requests  5/5 · following live');
	});
});

describe('detail', () => {
	it('shows every field with secrets masked, trace ids, and ink-table label tables', async () => {
		app = startApp({columns: 100, rows: 70});
		await app.traffic([withHeaders]);
		await app.press(keys.space, keys.enter);
		const lines = app.lines();
		expect(lines.slice(3, 39)).toEqual([
			' Request detail  request 1/1 · ←→ prev/next · 1-59/59 · esc back · ↑↓ scroll',
			'Request #1  outbound  done',
			'  id            base 1 stream 4',
			'  source        deploy/web  10.1.0.5:40004',
			'  destination   deploy/emoji  10.1.0.9:8080',
			'  method        GET',
			'  scheme        http',
			'  authority     emoji.emojivoto:8080',
			'  path          /api/list',
			'  status        HTTP 200 · success',
			'  latency       first byte 12ms · total 13ms',
			'  bytes         512 response body bytes',
			'  mTLS          yes (tls=true)',
			"  client id     - (this pod's own identity; its service account is not labelled)",
			'  server id     emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local',
			'  traceparent   00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
			'',
			'Request headers',
			'  :method: GET',
			'  authorization: [masked]',
			'  cookie: [masked]',
			'  traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
			'  x-bin: base64:AQL/',
			'',
			'Response headers',
			'  set-cookie: [masked]',
			'',
			'Trailers',
			'  grpc-status: 0',
			'',
			'Source labels',
			'  ┌──────────────────┬─────────────────────┐',
			'  │ label            │ value               │',
			'  ├──────────────────┼─────────────────────┤',
			'  │ control_plane_ns │ linkerd             │',
			'  ├──────────────────┼─────────────────────┤',
		]);
		expect(lines.slice(48, 63)).toEqual([
			'Destination labels',
			'  ┌────────────┬───────────────────────────────────────────────────────────────┐',
			'  │ label      │ value                                                         │',
			'  ├────────────┼───────────────────────────────────────────────────────────────┤',
			'  │ deployment │ emoji                                                         │',
			'  ├────────────┼───────────────────────────────────────────────────────────────┤',
			'  │ namespace  │ emojivoto                                                     │',
			'  ├────────────┼───────────────────────────────────────────────────────────────┤',
			'  │ server_id  │ emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local │',
			'  ├────────────┼───────────────────────────────────────────────────────────────┤',
			'  │ tls        │ true                                                          │',
			'  └────────────┴───────────────────────────────────────────────────────────────┘',
			'',
			'Route labels',
			'  (none)',
		]);
		expect(lines.at(-1)).toBe('esc back  ↓ scroll  c copy curl  y copy json  ← prev  → next  space resume');
		await app.press(keys.escape);
		expect(app.lines()[4]).toBe(' Requests  1/1 · paused');
	});

	it('shows secret values with --show-secrets', async () => {
		app = startApp({columns: 100, rows: 70, showSecrets: true});
		await app.traffic([withHeaders]);
		await app.press(keys.enter);
		expect(app.lines().slice(21, 24)).toEqual(['  :method: GET', '  authorization: Bearer abc.def', '  cookie: session=xyz']);
	});
});

describe('routes and mTLS', () => {
	it('routes: s cycles the sort, enter filters the stream to the route', async () => {
		app = startApp({columns: 100, rows: 30});
		await app.traffic([
			{stream: 1, path: '/a'},
			{stream: 2, path: '/b', status: 503},
			{stream: 3, path: '/b', latencyMs: 250, totalMs: 300},
		]);
		await app.press(keys.tab);
		expect(app.lines().slice(4, 8)).toEqual([
			' Top routes  2 · sort: count (s)',
			'SOURCE       DESTINATION  METHOD PATH                COUNT SUCCESS LAST 2m         P50    P95    P99',
			'deploy/web   deploy/emoji GET    /b                      2  50.00%            █   13ms  300ms  300ms',
			'deploy/web   deploy/emoji GET    /a                      1 100.00%            █   13ms   13ms   13ms',
		]);
		// h: when did it start, and the latency histogram of the selected route.
		await app.press('h');
		const detail = app.lines();
		expect(detail[3]).toMatch(/^ Route {2}esc back/);
		expect(detail[4]).toBe('deploy/web → deploy/emoji  GET /b');
		expect(detail[5]).toBe('  requests 2 · success 50.00% (1 failed) · 2.0rps now');
		expect(detail.some(line => /^ {2}10ms–20ms +█+ 1$/.test(line))).toBe(true);
		expect(detail.some(line => /^ {2}200ms–500ms +█+ 1$/.test(line))).toBe(true);
		expect(detail.find(line => line.includes('ago') || line.includes('none in the last'))).toMatch(/first \d+ s ago/);
		await app.press(keys.escape);
		await app.press('s', 's');
		expect(app.lines()[4]).toBe(' Top routes  2 · sort: p99 (s)');
		await app.press(keys.enter);
		expect(app.lines()[2]).toBe('filters: route=GET /b');
		expect(app.lines()[4]).toBe(' Requests  2/2 · following live');
		await app.press(keys.escape);
		expect(app.lines()[2]).toBe('filters: none');
	});

	it('at 80 columns a filter that does not parse shows its reason whole; the note on what stays goes first', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}]);
		await app.press('/', ...'latncy>5');
		expect(app.lines().at(-1)).toBe('filter: /latncy>5█  unknown field "latncy" at 1 (did you mean latency?)');
		app.unmount();
		app.store.close();
		app = startApp({columns: 140, rows: 30});
		await app.traffic([{stream: 1}]);
		await app.press('/', ...'latncy>5');
		expect(app.lines().at(-1)).toBe('filter: /latncy>5█  unknown field "latncy" at 1 (did you mean latency?) (the filter in force stays until this parses)');
	});

	it('h at 80x24 on a route with many latency bands: one line per row, none drawn over another', async () => {
		app = startApp({columns: 80, rows: 24});
		// Latencies across ten bands: the histogram alone is taller than the overlay.
		await app.traffic([0.5, 1.5, 3, 7, 15, 30, 70, 150, 300, 700, 1500].map((ms, i) => ({stream: i + 1, path: '/a', latencyMs: ms, totalMs: ms})));
		await app.press(keys.tab, 'h');
		const lines = app.lines();
		expect(lines[3]).toMatch(/^ Route {2}esc back/);
		expect(lines[4]).toBe('deploy/web → deploy/emoji  GET /a');
		expect(lines[5]).toMatch(/^ {2}requests 11 · success 100\.00% \(0 failed\) · [\d.]+rps now$/);
		expect(lines[21]).toMatch(/^ {2}… \d+ more lines: a taller terminal shows them$/);
	});

	it('mTLS: overall share, per-edge bars, and unmeshed sources marked', async () => {
		app = startApp({columns: 100, rows: 30});
		await app.traffic([
			{stream: 1},
			{stream: 2},
			{stream: 3, direction: 'INBOUND', tls: 'no_tls_from_remote', from: 'vote-bot'},
			{stream: 4, tls: 'not_provided_by_service_discovery', to: 'legacy'},
		]);
		await app.press(keys.tab, keys.tab);
		expect(app.lines().slice(4, 10)).toEqual([
			' mTLS · sampled from tap  3 edges',
			'50.00% secured (2/4 requests) ███████████████░░░░░░░░░░░░░░░',
			'SOURCE → DESTINATION                           SECURED     MTLS/ALL WHY NOT',
			'! deploy/vote-bot → deploy/emoji               ░░░░░░░░░░       0/1 plain ×1',
			'deploy/web → deploy/legacy                     ░░░░░░░░░░       0/1 no-sd ×1',
			'deploy/web → deploy/emoji                      ██████████       2/2',
		]);
	});
});

describe('a selection that leaves', () => {
	it('says so when the selected request is evicted, rather than moving silently', async () => {
		app = startApp({columns: 100, rows: 30, bufferSize: 10});
		await app.traffic([{stream: 1}, {stream: 2}, {stream: 3}]);
		await app.press(keys.up);
		expect(app.lines()[4]).toBe(' Requests  2/3 · scrolled back (F: follow)');
		await app.traffic(Array.from({length: 12}, (_, i) => ({stream: 10 + i})));
		expect(app.lines()[4]).toMatch(/the selected request is no longer shown \(F: follow\)/);
	});
});

describe('detail stepping and pending requests', () => {
	it('← → step through the filtered stream from the detail; a pending request says so, with its wait', async () => {
		app = startApp({columns: 100, rows: 40});
		await app.traffic([{stream: 1, path: '/one'}, {stream: 2, path: '/two', status: 503}, {stream: 3, path: '/three'}]);
		app.store.setClientFilter({expr: 'path!=/two'});
		await app.settle();
		await app.press(keys.enter);
		expect(app.lines()[3]).toMatch(/^ Request detail {2}request 2\/2 · ←→ prev\/next/);
		expect(app.lines().find(line => line.startsWith('  path'))).toBe('  path          /three');
		await app.press('[');
		// The filtered-out /two is skipped.
		expect(app.lines().find(line => line.startsWith('  path'))).toBe('  path          /one');
		await app.press('\u001B[D');
		expect(app.lines().at(-1)).toContain('this is the first request shown');
		await app.press(']');
		expect(app.lines().find(line => line.startsWith('  path'))).toBe('  path          /three');
	});
});

describe('help', () => {
	it('lists every binding of the keymap, wrapped so nothing is cut at 80 columns, and scrolls back up after G', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.press('?');
		const lines = app.lines();
		const [, perPage, total] = /^ Keys {2}1-(\d+)\/(\d+) · esc close/.exec(lines[3]!)!.map(Number) as [number, number, number];
		expect(lines.slice(4, 9)).toEqual([
			'KEYS       ACTION                                              WHERE',
			'?          help: list every key                                everywhere',
			'q ctrl-c   quit                                                everywhere',
			'esc        back / close; in a pane, remove the most recent     everywhere',
			'           filter (one per press)',
		]);
		const all: string[] = [];
		// Page down until the last line is in view (PgDn moves a pane's page, not exactly perPage).
		for (let guard = 0; guard < 50; guard++) {
			all.push(...app.lines().slice(5, 5 + perPage));
			const [, end] = /^ Keys {2}\d+-(\d+)\//.exec(app.lines()[3]!)!.map(Number) as [number, number];
			if (end >= total) break;
			await app.press(keys.pageDown);
		}
		for (const line of all) expect(line.endsWith('…')).toBe(false);
		for (const binding of keymap) {
			expect(all.some(line => line.startsWith(binding.label.padEnd(11) + binding.description.slice(0, 20)))).toBe(true);
		}
		for (const command of [':authority', ':scheme', ':maxrps', ':grep', ':filter', ':discard']) {
			expect(all.some(line => line.includes(command.slice(1)))).toBe(true);
		}
		expect(all.some(line => line.startsWith('unfinished'))).toBe(true);
		// After G, one ↑ moves at once (it used to need g first).
		await app.press('G');
		const bottom = app.lines()[3];
		await app.press(keys.up);
		expect(app.lines()[3]).not.toBe(bottom);
		await app.press(keys.escape);
		expect(app.lines()[4]).toBe(' Requests  following live');
	});
});
