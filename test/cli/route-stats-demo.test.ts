// stat-outbound, stat-inbound and authz end to end: the built CLI against the demo mesh, through
// the same path as against a cluster (viz namespace lookup, the prometheus pod, a WebSocket
// port-forward to its 9090, the Prometheus stand-in evaluating linkerd's queries over the demo
// proxies' series; metrics-api's Authz for authz). One run goes through `--demo` as a newcomer
// would; the rest share one in-process demo mesh (startDemoMesh) so that its faults and the
// viz namespace's external-prometheus annotation can be switched between runs.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {runCli} from '../reliability/cli.js';

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({rolloutEveryMs: 0});
});
afterAll(async () => {
	await mesh?.close();
});
afterEach(() => {
	mesh.setFault('none');
	mesh.setExternalPrometheus(null);
});

async function cli(args: string[], kubeconfig: string | undefined = mesh.kubeconfigPath) {
	const run = runCli([...args, ...(kubeconfig ? ['--kubeconfig', kubeconfig] : [])]);
	const code = await run.exit;
	return {code, stdout: run.stdout(), stderr: run.stderr()};
}

interface OutboundJson {
	name: string;
	service: string;
	port: string;
	route: string;
	routeType: string;
	backend?: string;
	backendPort?: string;
	successRate: number;
	rps: number;
	latencyMsP50: number | null;
	latencyMsP95: number | null;
	latencyMsP99: number | null;
	timeoutRate: number;
	retryRate?: number;
}

// linkerd's field order (route-metrics spec §3.6, §4, §6.3).
const ROUTE_KEYS = ['name', 'service', 'port', 'route', 'routeType', 'successRate', 'rps', 'latencyMsP50', 'latencyMsP95', 'latencyMsP99', 'timeoutRate', 'retryRate'];
const BACKEND_KEYS = ['name', 'service', 'port', 'route', 'routeType', 'backend', 'backendPort', 'successRate', 'rps', 'latencyMsP50', 'latencyMsP95', 'latencyMsP99', 'timeoutRate'];
const INBOUND_KEYS = ['name', 'server', 'port', 'route', 'routeType', 'successesRate', 'rps', 'latencyMsP50', 'latencyMsP95', 'latencyMsP99'];
const AUTHZ_KEYS = ['authorization', 'latency_ms_p50', 'latency_ms_p95', 'latency_ms_p99', 'route', 'rps', 'server', 'success', 'unauthorized'];
const OUTBOUND_HEADER = /^NAME +SERVICE +ROUTE +TYPE +BACKEND +SUCCESS +RPS +LATENCY_P50 +LATENCY_P95 +LATENCY_P99 +TIMEOUTS +RETRIES {2}$/;

/** The cell under a left-aligned header word (the column starts where its header does). */
function cell(header: string, line: string, column: string, next: string): string {
	return line.slice(header.indexOf(column), header.indexOf(next)).trim();
}

describe('stat-outbound against the demo mesh', {timeout: 60_000}, () => {
	it('--demo: webapp\'s books-split with its two backends and retries, and [default] for authors', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/webapp', '-n', 'booksapp', '--demo'], undefined);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines[0]).toMatch(OUTBOUND_HEADER);
		// linkerd's renderer pads every cell, the last included, and follows it with two spaces.
		for (const line of lines) expect(line.length, line).toBe(lines[0]!.length);
		const split = lines.findIndex(line => /^webapp +books:7002 +books-split +HTTPRoute +\d/.test(line));
		expect(split, stdout).toBeGreaterThan(0);
		expect(lines[split + 1]).toMatch(/^ +├─+► +books:7002 +\d+\.\d\d% +\d+\.\d\d /);
		expect(lines[split + 2]).toMatch(/^ +└─+► +books-v2:7002 +\d+\.\d\d% +\d+\.\d\d /);
		const retries = Number(/ (\d+\.\d\d)% {2}$/.exec(lines[split]!)![1]);
		expect(retries).toBeGreaterThan(0);
		const authors = lines.find(line => line.startsWith('webapp ') && line.includes(' authors:7001 '))!;
		expect(cell(lines[0]!, authors, 'ROUTE', 'TYPE')).toBe('[default]');
		expect(cell(lines[0]!, authors, 'TYPE', 'BACKEND')).toBe('');
	});

	it('-o json: linkerd\'s fields in its order, an ~80/20 split, retries above the backends', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/webapp', '-n', 'booksapp', '-o', 'json']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout.endsWith(']\n')).toBe(true);
		expect(stdout.split('\n')).toHaveLength(2);
		const rows = JSON.parse(stdout) as OutboundJson[];
		for (const row of rows) expect(Object.keys(row)).toEqual(row.backend === undefined ? ROUTE_KEYS : BACKEND_KEYS);
		const route = rows.find(r => r.route === 'books-split' && r.backend === undefined)!;
		expect(route).toMatchObject({name: 'webapp', service: 'books', port: '7002', routeType: 'HTTPRoute'});
		const backends = rows.filter(r => r.route === 'books-split' && r.backend !== undefined);
		expect(backends.map(b => `${b.backend}:${b.backendPort}`).sort()).toEqual(['books-v2:7002', 'books:7002']);
		// Backend rows follow their route row.
		expect(rows.indexOf(backends[0]!)).toBeGreaterThan(rows.indexOf(route));
		const v1 = backends.find(b => b.backend === 'books')!;
		const v2 = backends.find(b => b.backend === 'books-v2')!;
		expect(v1.rps / (v1.rps + v2.rps)).toBeGreaterThan(0.75);
		expect(v1.rps / (v1.rps + v2.rps)).toBeLessThan(0.85);
		// Retries: the 5xx retry policy lifts the route's success above each backend's, and the
		// backends (below the retry layer) count every attempt: route requests + retries.
		expect(route.retryRate).toBeGreaterThan(0);
		expect(route.successRate).toBeGreaterThan(Math.max(v1.successRate, v2.successRate));
		const attempts = route.rps / (1 - route.retryRate!);
		expect(Math.abs(v1.rps + v2.rps - attempts) / attempts).toBeLessThan(0.02);
		// Route latencies come from 0.05/0.5/1/10 s buckets: p99 at most the last finite bound.
		for (const row of rows) for (const ms of [row.latencyMsP50, row.latencyMsP95, row.latencyMsP99]) expect(ms === null || (ms >= 0 && ms <= 10_000)).toBe(true);
		const authors = rows.filter(r => r.service === 'authors');
		expect(authors.map(r => [r.route, r.routeType, r.backend])).toEqual([['[default]', '', undefined], ['[default]', '', 'authors']]);
		expect(authors[0]!.retryRate).toBe(0);
	});

	it('the split is the route\'s, not one client\'s: authors\' calls to books split ~80/20 too', async () => {
		const {code, stdout} = await cli(['stat-outbound', 'deploy/authors', '-n', 'booksapp', '-o', 'json']);
		expect(code).toBe(0);
		const backends = (JSON.parse(stdout) as OutboundJson[]).filter(r => r.route === 'books-split' && r.backend !== undefined);
		const rps = (name: string) => backends.find(b => b.backend === name)?.rps ?? 0;
		expect(rps('books-v2')).toBeGreaterThan(0);
		expect(rps('books') / (rps('books') + rps('books-v2'))).toBeGreaterThan(0.7);
		expect(rps('books') / (rps('books') + rps('books-v2'))).toBeLessThan(0.9);
	});

	it('emojivoto web: emoji-svc\'s GRPCRoute has rows, voting-svc (on a ServiceProfile) has none', async () => {
		const {code, stdout} = await cli(['stat-outbound', 'deploy/web', '-n', 'emojivoto', '-o', 'json']);
		expect(code).toBe(0);
		const rows = JSON.parse(stdout) as OutboundJson[];
		expect(rows.filter(r => r.service === 'emoji-svc' && r.backend === undefined).map(r => [r.port, r.route, r.routeType])).toEqual([['8080', 'emoji-grpc', 'GRPCRoute']]);
		expect(rows.find(r => r.service === 'emoji-svc' && r.backend === 'emoji-svc')!.rps).toBeGreaterThan(0);
		expect(rows.filter(r => r.service === 'voting-svc')).toEqual([]);
		// Not for want of traffic: voting's server side sees web's calls.
		const voting = await cli(['stat-inbound', 'deploy/voting', '-n', 'emojivoto', '-o', 'json']);
		const inbound = JSON.parse(voting.stdout) as Array<{rps: number}>;
		expect(inbound.reduce((n, r) => n + r.rps, 0)).toBeGreaterThan(0);
	});

	it('a workload with no policy-routed calls: linkerd\'s header only, and why on stderr', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/voting', '-n', 'emojivoto']);
		expect(code).toBe(0);
		expect(stdout).toBe('NAME  SERVICE  ROUTE  TYPE  BACKEND  SUCCESS  RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  TIMEOUTS  RETRIES  \n');
		expect(stderr.split('\n')).toHaveLength(2);
		expect(stderr).toMatch(/^No route metrics: no outbound HTTP\/gRPC traffic from deploy\/voting .*ServiceProfile/);
	});
});

describe('stat-inbound and authz against the demo mesh', {timeout: 60_000}, () => {
	it('stat-inbound books: books-http\'s books-get and books-modify', async () => {
		const table = await cli(['stat-inbound', 'deploy/books', '-n', 'booksapp']);
		expect(table.stderr).toBe('');
		expect(table.code).toBe(0);
		const lines = table.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^NAME +SERVER +ROUTE +TYPE +SUCCESS +RPS +LATENCY_P50 +LATENCY_P95 +LATENCY_P99 {2}$/);
		expect(lines.filter(line => / books-http:7002 /.test(line)).map(line => line.split(/ +/).slice(0, 4))).toEqual([
			['books', 'books-http:7002', 'books-get', 'HTTPRoute'],
			['books', 'books-http:7002', 'books-modify', 'HTTPRoute'],
		]);
		const json = await cli(['stat-inbound', 'deploy/books', '-n', 'booksapp', '-o', 'json']);
		const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
		for (const row of rows) expect(Object.keys(row)).toEqual(INBOUND_KEYS);
		const get = rows.find(r => r['route'] === 'books-get')!;
		expect(get).toMatchObject({name: 'books', server: 'books-http', port: '7002', routeType: 'HTTPRoute'});
		expect(get['rps']).toBeGreaterThan(0);
	});

	it('authz payments-api: a denial row (no AUTHORIZATION, UNAUTHORIZED > 0) beside the allowed ones', async () => {
		const {code, stdout, stderr} = await cli(['authz', 'deploy/payments-api', '-n', 'payments']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const lines = stdout.trimEnd().split('\n');
		const header = lines[0]!;
		expect(header).toMatch(/^ROUTE +SERVER +AUTHORIZATION +UNAUTHORIZED +SUCCESS +RPS +LATENCY_P50 +LATENCY_P95 +LATENCY_P99 {2}$/);
		const denials = lines.slice(1).filter(line => cell(header, line, 'AUTHORIZATION', 'UNAUTHORIZED') === '');
		expect(denials).toHaveLength(1);
		expect(cell(header, denials[0]!, 'SERVER', 'AUTHORIZATION')).toBe('payments-api-http');
		expect(Number.parseFloat(cell(header, denials[0]!, 'UNAUTHORIZED', 'SUCCESS'))).toBeGreaterThan(0);
		const allowed = lines.slice(1).filter(line => cell(header, line, 'AUTHORIZATION', 'UNAUTHORIZED').startsWith('authorizationpolicy/'));
		expect(allowed.length).toBeGreaterThan(0);
	});

	it('authz -o json: linkerd\'s key set, no trailing newline, the denial as its own row', async () => {
		const {code, stdout} = await cli(['authz', 'deploy/payments-api', '-n', 'payments', '-o', 'json']);
		expect(code).toBe(0);
		expect(stdout.endsWith(']')).toBe(true);
		const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
		for (const row of rows) expect(Object.keys(row)).toEqual(AUTHZ_KEYS);
		const denial = rows.filter(r => r['authorization'] === '');
		expect(denial).toHaveLength(1);
		expect(denial[0]).toMatchObject({server: 'payments-api-http', rps: 0, success: 0});
		expect(denial[0]!['unauthorized']).toBeGreaterThan(0);
	});
});

describe('finding the demo\'s Prometheus, and its failures', {timeout: 60_000}, () => {
	const forwards = (since: number) => mesh.requestLog.slice(since).filter(r => r.path.endsWith('/portforward'));

	it('through a port-forward to the prometheus pod\'s 9090 by default', async () => {
		const since = mesh.requestLog.length;
		const {code} = await cli(['stat-inbound', 'deploy/books', '-n', 'booksapp']);
		expect(code).toBe(0);
		// One port-forward per socket; the CLI keeps a few for its 4 parallel queries.
		const paths = new Set(forwards(since).map(r => r.path));
		expect([...paths]).toEqual([expect.stringMatching(/^\/api\/v1\/namespaces\/linkerd-viz\/pods\/prometheus-[a-z0-9-]+\/portforward$/)]);
	});

	it('the viz namespace\'s external-prometheus annotation: that URL, no port-forward', async () => {
		mesh.setExternalPrometheus(mesh.prometheusUrl);
		const since = mesh.requestLog.length;
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/webapp', '-n', 'booksapp', '-o', 'json']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect((JSON.parse(stdout) as OutboundJson[]).some(r => r.route === 'books-split')).toBe(true);
		expect(forwards(since)).toEqual([]);
		expect(mesh.requestLog.slice(since).some(r => r.path === '/api/v1/namespaces')).toBe(true);
	});

	it('an annotation naming a Prometheus that is not there: one line with the URL and where it came from, exit 1', async () => {
		mesh.setExternalPrometheus('http://127.0.0.1:1');
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/webapp', '-n', 'booksapp']);
		expect(stdout).toBe('');
		expect(stderr).toBe('meshtop: cannot reach Prometheus at http://127.0.0.1:1 (the viz.linkerd.io/external-prometheus annotation of namespace linkerd-viz): ECONNREFUSED; check that it runs and the URL\n');
		expect(code).toBe(1);
	});

	it('viz without its Prometheus: "no running pods found for prometheus", one line, exit 1', async () => {
		mesh.setFault('no-prometheus');
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/webapp', '-n', 'booksapp']);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^meshtop: no running pods found for prometheus in namespace linkerd-viz [^\n]*--prometheus-url[^\n]*\n$/);
		expect(code).toBe(1);
	});

	it('port-forward forbidden by RBAC: one line naming the permission, exit 1 (stat-inbound and authz)', async () => {
		mesh.setFault('portforward-forbidden');
		const stat = await cli(['stat-inbound', 'deploy/books', '-n', 'booksapp']);
		expect(stat.stdout).toBe('');
		expect(stat.stderr).toMatch(/^meshtop: Port-forward to linkerd-viz\/prometheus-[a-z0-9-]+ denied \(HTTP 403\)[^\n]*pods\/portforward[^\n]*--prometheus-url\n$/);
		expect(stat.code).toBe(1);
		const authz = await cli(['authz', 'deploy/payments-api', '-n', 'payments']);
		expect(authz.stdout).toBe('');
		expect(authz.stderr).toMatch(/^meshtop: [^\n]*403[^\n]*pods\/portforward[^\n]*\n$/);
		expect(authz.code).toBe(1);
	});

	it('a prometheus pod with nothing on 9090: one line, exit 1', async () => {
		mesh.setFault('prometheus-down');
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/web', '-n', 'emojivoto']);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^meshtop: Port-forward to linkerd-viz\/prometheus-[a-z0-9-]+:9090 failed: error forwarding port 9090 to pod prometheus-[^\n]*connection refused; check the prometheus pod\n$/);
		expect(code).toBe(1);
	});
});
