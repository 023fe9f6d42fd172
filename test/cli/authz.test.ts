// `meshtop authz` through the built CLI against a real gRPC metrics-api stub (--metrics-addr, so
// no cluster is needed; the kubeconfig only names a namespace): the request it sends, the table
// and JSON it prints, and `Authz API error: …` with exit 1 for an in-band error.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';
import {startStub, type Stub} from '../metrics/grpc-stub.js';

const ref = (type: string, name: string) => ({type, name});
const ROWS = [
	{
		resource: {namespace: 'books', type: 'deployment', name: 'web'},
		stats: {success_count: 75, failure_count: 3, latency_ms_p50: 2, latency_ms_p95: 9, latency_ms_p99: 10},
		srv_stats: {allowed_count: 78, srv: ref('server', 'books-server'), route: ref('HTTPRoute', 'books-get'), authz: ref('authorizationpolicy', 'books-get-authn')},
	},
	{
		resource: {namespace: 'books', type: 'deployment', name: 'web'},
		stats: {},
		srv_stats: {denied_count: 30, srv: ref('server', 'books-server'), route: ref('HTTPRoute', 'books-get'), authz: {}},
	},
];

let dir: string;
let stub: Stub;
let answer: unknown;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-authz-'));
	// Never contacted: --metrics-addr skips discovery and the port-forward.
	writeFileSync(
		path.join(dir, 'kubeconfig'),
		[
			'apiVersion: v1',
			'kind: Config',
			'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
			'users: [{name: u, user: {token: t}}]',
			'contexts: [{name: x, context: {cluster: c, user: u, namespace: books}}]',
			'current-context: x',
		].join('\n'),
	);
	stub = await startStub({Authz: () => ({ok: answer})});
});

afterAll(() => {
	stub?.close();
	rmSync(dir, {recursive: true, force: true});
});

async function authz(...args: string[]) {
	const run = runCli(['authz', ...args, '--metrics-addr', `127.0.0.1:${stub.port}`, '--kubeconfig', path.join(dir, 'kubeconfig')]);
	const code = await run.exit;
	return {code, stdout: run.stdout(), stderr: run.stderr()};
}

describe('meshtop authz', {timeout: 30_000}, () => {
	it('sends the resource in the context namespace and the window, and prints the table', async () => {
		answer = {ok: {stat_table: {pod_group: {rows: ROWS}}}};
		stub.requests.length = 0;
		const {code, stdout, stderr} = await authz('deploy', 'web', '-t', '2m');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stub.requests[0]!.request).toMatchObject({resource: {namespace: 'books', type: 'deployment', name: 'web'}, time_window: '2m'});
		expect(stdout).toBe(
			[
				'ROUTE      SERVER        AUTHORIZATION                        UNAUTHORIZED  SUCCESS     RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  ',
				'books-get  books-server                                             0.2rps    0.00%  0.0rps          0ms          0ms          0ms  ',
				'books-get  books-server  authorizationpolicy/books-get-authn        0.0rps   96.15%  0.7rps          2ms          9ms         10ms  ',
				'',
			].join('\n'),
		);
	});

	it('-o json: no trailing newline; -o wide: the table, as linkerd', async () => {
		answer = {ok: {stat_table: {pod_group: {rows: ROWS}}}};
		const json = await authz('srv/books-server', '-n', 'shop', '-o', 'json');
		expect(json.code).toBe(0);
		expect(stub.requests.at(-1)!.request).toMatchObject({resource: {namespace: 'shop', type: 'server', name: 'books-server'}, time_window: '1m'});
		expect(json.stdout.endsWith('}\n]')).toBe(true);
		expect(JSON.parse(json.stdout)).toEqual([
			{authorization: 'authorizationpolicy/books-get-authn', latency_ms_p50: 2, latency_ms_p95: 9, latency_ms_p99: 10, route: 'books-get', rps: 1.3, server: 'books-server', success: 75 / 78, unauthorized: 0},
			{authorization: '', latency_ms_p50: 0, latency_ms_p95: 0, latency_ms_p99: 0, route: 'books-get', rps: 0, server: 'books-server', success: 0, unauthorized: 0.5},
		]);
		const wide = await authz('deploy/web', '-o', 'wide');
		expect(wide.code).toBe(0);
		expect(wide.stdout).toMatch(/^ROUTE {6}SERVER/);
	});

	it('an in-band error: "Authz API error: <msg>", exit 1', async () => {
		answer = {error: {error: 'Query failed: "sum(x)": bad_data: parse error'}};
		const {code, stdout, stderr} = await authz('deploy/web');
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe('meshtop: Authz API error: Query failed: "sum(x)": bad_data: parse error\n');
	});
});

describe('meshtop authz usage', () => {
	it.each<[string[], string]>([
		[['authz'], 'meshtop: meshtop authz needs a RESOURCE, e.g. meshtop authz deploy/web -n emojivoto (see meshtop --help)'],
		[['authz', 'deploy/web', '-t', '10s'], 'meshtop: metrics time window needs to be at least 15s (see meshtop --help)'],
		[['authz', 'widget/x'], 'meshtop: unknown authz resource type "widget"; use one of cj, ds, deploy, job, ns, po, rs, rc, sts, svc, srv, saz, ap, httproute (see meshtop --help)'],
	])('meshtop %s', async (args, message) => {
		const run = runCli(args, {KUBECONFIG: '/nonexistent/meshtop-kubeconfig', HOME: '/nonexistent'});
		const code = await run.exit;
		expect(run.stderr()).toBe(`${message}\n`);
		expect(code).toBe(2);
	});

	it('--help exits 0 with no cluster', async () => {
		const run = runCli(['authz', '--help'], {KUBECONFIG: '/nonexistent/meshtop-kubeconfig', HOME: '/nonexistent'});
		expect(await run.exit).toBe(0);
		expect(run.stdout()).toContain('$ meshtop authz RESOURCE [flags]');
		expect(run.stdout()).toContain('-t, --time-window W');
	});
});
