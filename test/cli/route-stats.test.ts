// `meshtop stat-outbound` / `stat-inbound` end to end through the built CLI: --prometheus-url
// pointed at a node:http server serving hand-made Prometheus bytes (no Kubernetes at all: the
// kubeconfig does not even exist). Against the demo mesh (discovery, port-forward, its
// Prometheus stand-in, and their failures): route-stats-demo.test.ts.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';
import {startFakePrometheus, vectorBody, type FakePrometheus, type SeenRequest} from '../prom/fake-prometheus.js';

const noKube = {KUBECONFIG: '/nonexistent/kubeconfig'};

async function cli(args: string[], env: Record<string, string> = noKube) {
	const run = runCli(args, env);
	const code = await run.exit;
	return {code, stdout: run.stdout(), stderr: run.stderr()};
}

const route = {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'books-split', route_kind: 'HTTPRoute'};
const backend = {...route, backend_name: 'books-v1', backend_port: '7000'};
const inbound = {namespace: 'books', deployment: 'web', srv_kind: 'server', srv_name: 'web-http', route_kind: 'HTTPRoute', route_name: 'web-get', target_port: '8080'};

/** Answers by the query's shape, as a Prometheus holding one route with one backend would. */
function answer(r: SeenRequest) {
	const q = r.query;
	const one = (metric: Record<string, string>, value: string) => ({status: 200, body: vectorBody([{metric, value}])});
	if (q.includes('deployment="quiet"')) return {status: 200, body: vectorBody([], ['PromQL info: metric might not be a counter, name does not end in "_total"'])};
	if (q.includes('deployment="broken"')) return {status: 422, body: '{"status":"error","errorType":"execution","error":"query timed out in query execution"}'};
	if (q.startsWith('sum(increase(outbound_http_route_request_statuses_total')) return one({...route, http_status: '200'}, '59.9');
	if (q.startsWith('sum(increase(outbound_http_route_backend_response_statuses_total')) return one({...backend, http_status: '200'}, '60');
	if (q.startsWith('histogram_quantile(0.5, sum(irate(outbound_http_route_request_duration')) return one(route, '0.025');
	if (q.startsWith('histogram_quantile(0.5, sum(irate(outbound_http_route_backend')) return one(backend, 'NaN');
	if (q.startsWith('sum(increase(response_total')) return one({...inbound, classification: 'success'}, '30');
	if (q.startsWith('histogram_quantile(0.99, sum(irate(response_latency_ms_bucket')) return one(inbound, '+Inf');
	return {status: 200, body: vectorBody([])};
}

let prom: FakePrometheus;
beforeAll(async () => {
	prom = await startFakePrometheus(answer);
});
afterAll(async () => {
	await prom?.close();
});

describe('stat-outbound / stat-inbound with --prometheus-url', {timeout: 60_000}, () => {
	it('prints linkerd\'s table, asking only the given Prometheus', async () => {
		const before = prom.seen.length;
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/web', '-n', 'books', '--prometheus-url', prom.url]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toBe(
			[
				'NAME  SERVICE     ROUTE        TYPE       BACKEND        SUCCESS   RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  TIMEOUTS  RETRIES  ',
				'web   books:7000  books-split  HTTPRoute                 100.00%  0.98         25ms          0ms          0ms     0.00%    0.00%  ',
				'                  └────────────────────►  books-v1:7000  100.00%  1.00            -          0ms          0ms     0.00%           ',
				'',
			].join('\n'),
		);
		const seen = prom.seen.slice(before);
		expect(seen).toHaveLength(18);
		expect(seen.every(r => r.method === 'POST' && r.path === '/api/v1/query' && r.query.includes('{deployment="web", namespace="books"}[1m]'))).toBe(true);
	});

	it('-o json, -t, and linkerd\'s spelling --prometheusURL', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/web', '-n', 'books', '-t', '30s', '-o', 'json', '--prometheusURL', prom.url]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toBe(
			'[{"name":"web","service":"books","port":"7000","route":"books-split","routeType":"HTTPRoute","successRate":1,"rps":1.9666666666666666,"latencyMsP50":25,"latencyMsP95":0,"latencyMsP99":0,"timeoutRate":0,"retryRate":0},' +
				'{"name":"web","service":"books","port":"7000","route":"books-split","routeType":"HTTPRoute","backend":"books-v1","backendPort":"7000","successRate":1,"rps":2,"latencyMsP50":null,"latencyMsP95":0,"latencyMsP99":0,"timeoutRate":0}]\n',
		);
		expect(prom.seen.at(-1)!.query).toContain('[30s]');
	});

	it('stat-inbound: its table and JSON (+Inf prints as Go does, null in JSON)', async () => {
		const table = await cli(['stat-inbound', 'deploy/web', '-n', 'books', '--prometheus-url', prom.url]);
		expect(table.code).toBe(0);
		expect(table.stdout).toBe(
			[
				'NAME  SERVER         ROUTE    TYPE       SUCCESS   RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  ',
				'web   web-http:8080  web-get  HTTPRoute  100.00%  0.50          0ms          0ms       +Infms  ',
				'',
			].join('\n'),
		);
		const json = await cli(['stat-inbound', 'deploy/web', '-n', 'books', '-o', 'json', '--prometheus-url', prom.url]);
		expect(json.stdout).toBe('[{"name":"web","server":"web-http","port":"8080","route":"web-get","routeType":"HTTPRoute","successesRate":1,"rps":0.5,"latencyMsP50":0,"latencyMsP95":0,"latencyMsP99":null}]\n');
	});

	it('no data: linkerd\'s stdout (header only, or []), the reasons and each warning on stderr', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/quiet', '-n', 'books', '--prometheus-url', prom.url]);
		expect(code).toBe(0);
		expect(stdout).toBe('NAME  SERVICE  ROUTE  TYPE  BACKEND  SUCCESS  RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  TIMEOUTS  RETRIES  \n');
		const lines = stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe('Prometheus warning: PromQL info: metric might not be a counter, name does not end in "_total"');
		expect(lines[1]).toMatch(/^No route metrics: no outbound HTTP\/gRPC traffic from deploy\/quiet .*ServiceProfile.*2\.16 or newer.*two Prometheus scrape intervals/);
		const json = await cli(['stat-inbound', 'deploy/quiet', '-n', 'books', '-o', 'json', '--prometheus-url', prom.url]);
		expect(json.stdout).toBe('[]\n');
		expect(json.code).toBe(0);
	});

	it('a query Prometheus refuses: one line, exit 1', async () => {
		const {code, stdout, stderr} = await cli(['stat-outbound', 'deploy/broken', '-n', 'books', '--prometheus-url', prom.url]);
		expect(stdout).toBe('');
		expect(stderr).toBe(`meshtop: failed to query Prometheus: execution: query timed out in query execution (via ${prom.url})\n`);
		expect(code).toBe(1);
	});

	it('usage errors exit 2; --help exits 0 with no cluster', async () => {
		const wide = await cli(['stat-outbound', 'deploy/web', '-o', 'wide', '--prometheus-url', prom.url]);
		expect(wide.stderr).toBe('meshtop: Invalid output format: wide (see meshtop --help)\n');
		expect(wide.code).toBe(2);
		const none = await cli(['stat-inbound']);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('needs a RESOURCE');
		const badType = await cli(['stat-outbound', 'svc/web', '--prometheus-url', prom.url]);
		expect(badType.code).toBe(2);
		const badUrl = await cli(['stat-outbound', 'deploy/web', '--prometheus-url', 'localhost:9090']);
		expect(badUrl.code).toBe(2);
		expect(badUrl.stderr).toContain('--prometheus-url must be an http:// or https:// URL');
		const help = await cli(['stat-outbound', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('meshtop stat-outbound RESOURCE');
		expect(help.stdout).toContain('--prometheus-url URL');
	});
});
