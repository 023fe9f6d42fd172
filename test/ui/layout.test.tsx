import {afterEach, describe, expect, it} from 'vitest';
import {keys} from './render.js';
import {startApp, type Harness} from './app-harness.js';

let app: Harness | undefined;
afterEach(() => app?.unmount());

const blank = (n: number) => Array.from({length: n}, () => '');
const tabs = (focus: string) =>
	['navigator', 'stream', 'routes', 'mTLS'].map(name => ` ${name} `).join(' · ') + `  ${['navigator', 'stream', 'routes', 'mTLS'].indexOf(focus) + 1}/4 · tab next`;

const header80 = [
	'meshtop  ctx kind-mesh  https://127.0.0.1:6443  ns emojivoto  refresh 0.1s',
	'tap deploy/web -n emojivoto  connecting…  60 ev/s · 0 open · 0 dropped',
	'filters: none',
];

describe('80x24: panes stack, one at a time', () => {
	it('starts on the stream with a target and fills rows − 1 lines', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}, {stream: 2, status: 500, path: '/api/vote'}]);
		expect(app.lines()).toEqual([
			...header80,
			tabs('stream'),
			' Requests  2/2 · following live',
			'TIME     DIR FROM → TO           METHOD PATH               STATUS  LATENCY mTLS',
			'22:13:20 out web → emoji         GET    /api/list          200        13ms 🔒',
			'22:13:20 out web → emoji         GET    /api/vote          500        13ms 🔒',
			...blank(14),
			'? help  tab next pane  enter open  space pause  / filter  x failures  : command',
		]);
	});

	it('tab and shift-tab cycle navigator → stream → routes → mTLS', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}]);
		const title = () => app!.lines()[4];
		await app.press(keys.tab);
		expect(app.lines()[3]).toBe(tabs('routes'));
		expect(title()).toBe(' Top routes  1 · sort: count (s)');
		expect(app.lines().slice(5, 7)).toEqual([
			'SOURCE       DESTINATION  METHOD PATH                COUNT SUCCESS    P95    P99',
			'deploy/web   deploy/emoji GET    /api/list               1 100.00%   13ms   13ms',
		]);
		await app.press(keys.tab);
		expect(title()).toBe(' mTLS · sampled from tap  1 edge');
		await app.press(keys.tab);
		expect(title()).toBe(' Workloads in emojivoto  3');
		expect(app.lines().slice(5, 10)).toEqual([
			'WORKLOAD                                                        READY MESHED TAP',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji                                                      2/2    2/2 yes',
			'deploy/vote-bot                                                   1/1    0/1 no',
			'deploy/web                                                        1/2    2/2 yes',
		]);
		expect(app.lines().at(-1)).toBe('? help  esc back  tab next pane  enter open  t to=this  / filter  : command');
		await app.press(keys.tab);
		expect(title()).toBe(' Requests  1/1 · following live');
		await app.press(keys.shiftTab);
		expect(title()).toBe(' Workloads in emojivoto  3');
	});

	it('starts on the namespace list without a target', async () => {
		app = startApp({columns: 80, rows: 24, target: null});
		await app.settle();
		expect(app.lines().slice(0, 10)).toEqual([
			'meshtop  ctx kind-mesh  https://127.0.0.1:6443  ns emojivoto  refresh 0.1s',
			'not tapping: pick a workload (enter) or :tap RES  0 ev/s · 0 open · 0 dropped',
			'filters: none',
			tabs('navigator'),
			' Namespaces  3',
			'NAMESPACE                                                                 INJECT',
			'booksapp                                                                  on',
			'emojivoto                                                                 on',
			'kube-system',
			'',
		]);
	});
});

describe('160x45: everything side by side', () => {
	it('shows navigator, stream, routes and mTLS at once', async () => {
		app = startApp({columns: 160, rows: 45});
		await app.traffic([
			{stream: 1},
			{stream: 2, status: 500, path: '/api/vote'},
			{stream: 3, direction: 'INBOUND', tls: 'no_tls_from_remote', from: 'vote-bot', sourceExtra: {control_plane_ns: ''}},
		]);
		const lines = app.lines();
		expect(lines).toHaveLength(44);
		expect(lines.slice(3, 9)).toEqual([
			' Workloads in emojivoto  3                Requests  3/3 · following live',
			'WORKLOAD                READY MESHED TAP TIME     DIR SOURCE → DESTINATION    METHOD AUTHORITY        PATH                             STATUS      LATENCY mTLS',
			'ns/emojivoto: the whole namespace        22:13:20 out web → emoji             GET    emoji.emojivoto… /api/list                        200            13ms 🔒',
			'deploy/emoji              2/2    2/2 yes 22:13:20 out web → emoji             GET    emoji.emojivoto… /api/vote                        500            13ms 🔒',
			'deploy/vote-bot           1/1    0/1 no  22:13:20 in  vote-bot → emoji        GET    emoji.emojivoto… /api/list                        200            13ms plain',
			'deploy/web                1/2    2/2 yes',
		]);
		expect(lines.slice(25, 30)).toEqual([
			'                                          Top routes  3 · sort: count (s)                                             mTLS · sampled from tap  2 edges',
			'                                         SOURCE       DESTINATION  METHOD PATH                  COUNT SUCCESS    P99 66.67% secured (2/3 requests) █████████░░░░',
			// One naming rule per column: deploy/vote-bot does not fit, so every source goes bare.
			'                                         web          deploy/emoji GET    /api/list                 1 100.00%   13ms FROM → TO      SECURED     MTLS/ALL WHY NOT',
			'                                         web          deploy/emoji GET    /api/vote                 1   0.00%   13ms ! vote… → emo… ░░░░░░░░░░       0/1 plain …',
			'                                         vote-bot     deploy/emoji GET    /api/list                 1 100.00%   13ms web → emoji    ██████████       2/2',
		]);
		expect(lines.at(-1)).toBe('? help  q quit  tab next pane  enter open  space pause  F follow  p port  / filter  x failures  : command');
	});

	it('re-lays out on resize', async () => {
		app = startApp({columns: 160, rows: 45});
		await app.traffic([{stream: 1}]);
		expect(app.lines()).toHaveLength(44);
		app.stdout.resize(80, 24);
		await app.settle();
		expect(app.lines()).toHaveLength(23);
		expect(app.lines()[4]).toBe(' Requests  1/1 · following live');
		app.stdout.resize(120, 40);
		await app.settle();
		// 120x40, a common SSH size: the stream with routes and mTLS below it.
		expect(app.lines()[3]).toBe(' Requests  1/1 · following live');
		expect(app.lines().some(line => /^ Top routes .* mTLS · sampled from tap/.test(line))).toBe(true);
		app.stdout.resize(200, 60);
		await app.settle();
		expect(app.lines()).toHaveLength(59);
		expect(app.lines()[3]).toMatch(/^ Workloads in emojivoto {2}3 +Requests {2}1\/1 · following live$/);
	});
});

describe('without colour (NO_COLOR, --no-color)', () => {
	it('marks the selection with inverse video and writes no colour codes', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}, {stream: 2, status: 500}]);
		const raw = app.raw();
		const rows = raw.split('\n');
		// The selected row is a failure: bold (the error token) and inverse (the selection).
		expect(rows[7]).toBe('\u001B[1m\u001B[7m22:13:20 out web → emoji         GET    /api/list          500        13ms 🔒   \u001B[27m\u001B[22m');
		expect(rows[6]).toBe('\u001B[2m22:13:20 out\u001B[22m web → emoji         GET    /api/list          200        13ms 🔒');
		expect(raw).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;)/);
		// The focused pane's title is bold and inverse too.
		expect(rows[4]).toContain('\u001B[1m\u001B[7m Requests \u001B[27m\u001B[22m');
	});
});

describe('the focused one of routes and mTLS is the wider', () => {
	it('at 160x45 focusing the mTLS pane widens it so the reasons show whole', async () => {
		app = startApp({columns: 160, rows: 45});
		await app.traffic([{stream: 1, direction: 'INBOUND', tls: 'no_tls_from_remote', from: 'vote-bot', sourceExtra: {control_plane_ns: ''}}]);
		const mtlsTitle = () => app!.lines().find(line => line.includes(' mTLS · sampled from tap'))!;
		const before = mtlsTitle().indexOf(' mTLS');
		await app.press(keys.tab, keys.tab);
		const after = mtlsTitle().indexOf(' mTLS');
		expect(after).toBeLessThan(before);
		// Whole: Linkerd's words when they fit, else the stream's short ones; never cut.
		const row = app.lines().find(line => line.includes('! '))!;
		expect(row).toMatch(/unmeshed source; no_tls_from_remote ×1|! .* plain ×1/);
		expect(row).not.toContain('…');
	});
});
