// The pure half of stat-outbound / stat-inbound: query strings against the spec's verbatim
// templates (linkerd-route-metrics.md §3.2, §3.3, §4), the Prometheus envelope (§2.2) with
// client_golang's error strings, row assembly and its [default] rules (§3.4), Go's %.Nf.
import {describe, expect, it} from 'vitest';
import {goFixed} from '../../source/model/go-format.js';
import {parsePromResponse, PromQueryError, type PromSample} from '../../source/model/route-metrics/prom-response.js';
import {inboundQueries, labelMatchers, outboundQueries, windowSeconds, type RouteQuery} from '../../source/model/route-metrics/queries.js';
import {assembleInbound, assembleOutbound, type QueryResult} from '../../source/model/route-metrics/rows.js';

const web = {type: 'deployment', name: 'web', namespace: 'books'};

describe('queries', () => {
	it('stat-outbound -n books deploy/web: the spec\'s two verbatim examples', () => {
		const promql = outboundQueries(web, '1m').map(q => q.promql);
		expect(promql).toContain(
			'sum(increase(outbound_http_route_request_statuses_total{deployment="web", namespace="books"}[1m])) by (parent_name, parent_port, route_name, route_kind, http_status, error, namespace, deployment)',
		);
		expect(promql).toContain(
			'histogram_quantile(0.95, sum(irate(outbound_grpc_route_backend_response_duration_seconds_bucket{deployment="web", namespace="books"}[1m])) by (le, parent_name, parent_port, backend_name, backend_port, route_name, route_kind, namespace, deployment))',
		);
	});

	it('all 18 outbound queries follow the §3.3 table, in the CLI\'s order', () => {
		const m = '{deployment="web", namespace="books"}';
		const g = 'namespace, deployment';
		const expected: string[] = [];
		for (const p of ['http', 'grpc']) {
			const pb = 'parent_name, parent_port, backend_name, backend_port, route_name, route_kind';
			const pr = 'parent_name, parent_port, route_name, route_kind';
			expected.push(`sum(increase(outbound_${p}_route_backend_response_statuses_total${m}[5m])) by (${pb}, ${p}_status, error, ${g})`);
			for (const q of ['0.5', '0.95', '0.99']) expected.push(`histogram_quantile(${q}, sum(irate(outbound_${p}_route_backend_response_duration_seconds_bucket${m}[5m])) by (le, ${pb}, ${g}))`);
			expected.push(`sum(increase(outbound_${p}_route_request_statuses_total${m}[5m])) by (${pr}, ${p}_status, error, ${g})`);
			expected.push(`sum(increase(outbound_${p}_route_retry_requests_total${m}[5m])) by (${pr}, ${g})`);
			for (const q of ['0.5', '0.95', '0.99']) expected.push(`histogram_quantile(${q}, sum(irate(outbound_${p}_route_request_duration_seconds_bucket${m}[5m])) by (le, ${pr}, ${g}))`);
		}
		expect(outboundQueries(web, '5m').map(q => q.promql)).toEqual(expected);
	});

	it('stat-inbound: the 4 queries of §4, direction="inbound" among the sorted matchers', () => {
		const m = '{deployment="web", direction="inbound", namespace="books"}';
		expect(inboundQueries(web, '1m').map(q => q.promql)).toEqual([
			`sum(increase(response_total${m}[1m])) by (srv_name, srv_kind, route_name, route_kind, classification, target_port, namespace, deployment)`,
			...['0.5', '0.95', '0.99'].map(q => `histogram_quantile(${q}, sum(irate(response_latency_ms_bucket${m}[1m])) by (le, srv_name, srv_kind, route_name, route_kind, target_port, namespace, deployment))`),
		]);
	});

	it('ns/books, deploy without a name, job → k8s_job', () => {
		const ns = outboundQueries({type: 'namespace', name: 'books', namespace: ''}, '1m')[4]!.promql;
		expect(ns).toBe('sum(increase(outbound_http_route_request_statuses_total{namespace="books"}[1m])) by (parent_name, parent_port, route_name, route_kind, http_status, error, namespace)');
		const deploys = outboundQueries({type: 'deployment', name: '', namespace: 'books'}, '1m')[4]!.promql;
		expect(deploys).toBe('sum(increase(outbound_http_route_request_statuses_total{namespace="books"}[1m])) by (parent_name, parent_port, route_name, route_kind, http_status, error, namespace, deployment)');
		const job = inboundQueries({type: 'job', name: 'migrate', namespace: 'books'}, '1m')[0]!.promql;
		expect(job).toBe('sum(increase(response_total{direction="inbound", k8s_job="migrate", namespace="books"}[1m])) by (srv_name, srv_kind, route_name, route_kind, classification, target_port, namespace, k8s_job)');
	});

	it('values are Go-quoted', () => {
		expect(labelMatchers({type: 'pod', name: 'a', namespace: 'we"ird\\ns'})).toBe('{namespace="we\\"ird\\\\ns", pod="a"}');
	});

	it('the window as Go reads it for RPS', () => {
		expect([windowSeconds('1m'), windowSeconds('30s'), windowSeconds('1h30m'), windowSeconds('500ms')]).toEqual([60, 30, 5400, 0.5]);
		expect([windowSeconds('1.5m'), windowSeconds('1d'), windowSeconds(''), windowSeconds('0s')]).toEqual([undefined, undefined, undefined, undefined]);
	});
});

describe('the Prometheus envelope', () => {
	const vector = (result: unknown, extra = '') => `{"status":"success","data":{"resultType":"vector","result":${JSON.stringify(result)}}${extra}}`;

	it('reads a vector: labels, NaN, +Inf, missing labels as absent', () => {
		const body = vector([
			{metric: {route_name: 'books-split', http_status: '200'}, value: [1767225600.123, '118.00026']},
			{metric: {}, value: [1767225600.123, 'NaN']},
			{metric: {route_name: 'x'}, value: [1767225600, '+Inf']},
			{metric: {route_name: 'y'}, value: [1767225600, '-Inf']},
		]);
		const {samples, warnings} = parsePromResponse(200, body);
		expect(samples[0]).toEqual({metric: {route_name: 'books-split', http_status: '200'}, value: 118.00026});
		expect(samples[1]!.value).toBeNaN();
		expect(samples[2]!.value).toBe(Infinity);
		expect(samples[3]!.value).toBe(-Infinity);
		expect(warnings).toEqual([]);
	});

	it('an empty result, and warnings', () => {
		expect(parsePromResponse(200, vector([], ',"warnings":["PromQL info: metric might not be a counter"]'))).toEqual({samples: [], warnings: ['PromQL info: metric might not be a counter']});
	});

	const failure = (status: number, body: string) => {
		try {
			parsePromResponse(status, body);
		} catch (error) {
			expect(error).toBeInstanceOf(PromQueryError);
			return (error as Error).message;
		}
		throw new Error('no error');
	};

	it('client_golang\'s error strings', () => {
		expect(failure(422, '{"status":"error","errorType":"execution","error":"query timed out in expression evaluation"}')).toBe('execution: query timed out in expression evaluation');
		expect(failure(400, '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:5: parse error"}')).toBe('bad_data: invalid parameter "query": 1:5: parse error');
		// Not 2xx, 400 or 422: the body is not read.
		expect(failure(503, '{"status":"error","errorType":"timeout","error":"x"}')).toBe('server_error: server error: 503');
		expect(failure(404, 'not found')).toBe('client_error: client error: 404');
		expect(failure(200, '<html>proxy login</html>')).toBe("bad_response: invalid character '<' looking for beginning of value");
		expect(failure(200, '')).toBe('bad_response: unexpected end of JSON input');
		expect(failure(422, vector([]))).toBe('bad_response: inconsistent body for response code');
		expect(failure(200, '{"status":"success","data":{"resultType":"matrix","result":[]}}')).toContain('unexpected result type "matrix"');
		expect(failure(200, vector([{metric: {}, value: [1, 'lots']}]))).toContain('invalid syntax');
	});
});

describe('goFixed is Go\'s %.Nf', () => {
	it('rounds exact ties to even and the rest to nearest', () => {
		expect([goFixed(12.5, 0), goFixed(13.5, 0), goFixed(47.5, 0), goFixed(49.5, 0), goFixed(23.75, 0), goFixed(0.125, 2), goFixed(0.375, 2)]).toEqual(['12', '14', '48', '50', '24', '0.12', '0.38']);
		// 1.005 is 1.00499999999999989… in binary: not a tie.
		expect([goFixed(1.005, 2), goFixed(98.33333587646484, 2), goFixed(Math.fround(80 / 60), 2)]).toEqual(['1.00', '98.33', '1.33']);
		expect([goFixed(Number.NaN, 2), goFixed(Infinity, 0), goFixed(-Infinity, 0)]).toEqual(['NaN', '+Inf', '-Inf']);
	});
});

function result(queries: RouteQuery[], role: RouteQuery['role'], protocol: 'http' | 'grpc', samples: PromSample[], quantile?: string): QueryResult {
	const query = queries.find(q => q.role === role && q.protocol === protocol && (quantile === undefined || q.quantile === quantile))!;
	return {query, samples};
}

const base = {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000'};

describe('outbound rows', () => {
	const queries = outboundQueries(web, '1m');

	it('truncates each series before summing, and classifies HTTP and gRPC failures and timeouts', () => {
		const route = {...base, route_name: 'books-split', route_kind: 'HTTPRoute'};
		const rows = assembleOutbound(web, [
			result(queries, 'route-counts', 'http', [
				{metric: {...route, http_status: '200'}, value: 100.7},
				{metric: {...route, http_status: '201'}, value: 18.9},
				{metric: {...route, http_status: '503'}, value: 1.99},
				{metric: {...route, error: 'RESPONSE_HEADERS_TIMEOUT'}, value: 2.5},
				{metric: {...route, error: 'RESPONSE_STREAM_TIMEOUT'}, value: 1},
				{metric: {...route, http_status: '403'}, value: Number.NaN},
			]),
			// gRPC with the same key lands in the same row; anything but OK is a failure.
			result(queries, 'route-counts', 'grpc', [
				{metric: {...route, grpc_status: 'OK'}, value: 3},
				{metric: {...route, grpc_status: 'NOT_FOUND'}, value: 4},
			]),
			result(queries, 'route-retries', 'http', [{metric: route, value: 6.9}]),
		]);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({name: 'web', service: 'books', port: '7000', route: 'books-split', routeType: 'HTTPRoute', successes: 100 + 18 + 3, failures: 1 + 2 + 1 + 4, timeouts: 2, retries: 6});
	});

	it('[default]: route_name "default", and route_kind "default" (type blank, route [default])', () => {
		const rows = assembleOutbound(web, [
			result(queries, 'route-counts', 'http', [
				{metric: {...base, route_name: 'http', route_kind: 'default', http_status: '200'}, value: 5},
				{metric: {...base, parent_name: 'authors', route_name: 'default', route_kind: 'HTTPRoute', http_status: '200'}, value: 7},
			]),
		]);
		expect(rows.map(r => [r.service, r.route, r.routeType])).toEqual([
			['authors', '[default]', 'HTTPRoute'],
			['books', '[default]', ''],
		]);
	});

	it('backends: counts, latency ×1000, NaN kept, a route row with no latency sample reads 0', () => {
		const route = {...base, route_name: 'r', route_kind: 'HTTPRoute'};
		const rows = assembleOutbound(web, [
			result(queries, 'backend-counts', 'http', [{metric: {...route, backend_name: 'v2', backend_port: '7000', http_status: '200'}, value: 4}]),
			result(queries, 'backend-latency', 'http', [{metric: {...route, backend_name: 'v1', backend_port: '7000'}, value: 0.0125}], '0.5'),
			result(queries, 'backend-latency', 'http', [{metric: {...route, backend_name: 'v1', backend_port: '7000'}, value: Number.NaN}], '0.99'),
			result(queries, 'route-counts', 'http', [{metric: {...route, http_status: '200'}, value: 4}]),
		]);
		expect(rows[0]!.latencyMs).toEqual({p50: 0, p95: 0, p99: 0});
		expect(rows[0]!.backends.map(b => [b.backend, b.successes])).toEqual([['v1', 0], ['v2', 4]]);
		expect(rows[0]!.backends[0]!.latencyMs.p50).toBe(12.5);
		expect(rows[0]!.backends[0]!.latencyMs.p99).toBeNaN();
	});
});

describe('inbound rows', () => {
	it('server [default] by srv_kind, route [default] by route_name, type blank by route_kind; probe kept', () => {
		const queries = inboundQueries(web, '1m');
		const rows = assembleInbound(web, [
			result(queries, 'inbound-counts', 'http', [
				{metric: {deployment: 'web', srv_kind: 'default', srv_name: 'all-unauthenticated', route_kind: 'default', route_name: 'probe', classification: 'success', target_port: '4191'}, value: 12.9},
				{metric: {deployment: 'web', srv_kind: 'server', srv_name: 'books-server', route_kind: 'HTTPRoute', route_name: 'default', classification: 'failure', target_port: '7000'}, value: 2},
			]),
			result(queries, 'inbound-latency', 'http', [{metric: {deployment: 'web', srv_kind: 'default', srv_name: 'all-unauthenticated', route_kind: 'default', route_name: 'probe', target_port: '4191'}, value: 1.5}], '0.95'),
		]);
		expect(rows).toEqual([
			{name: 'web', server: '[default]', port: '4191', route: 'probe', routeType: '', successes: 12, failures: 0, latencyMs: {p50: 0, p95: 1.5, p99: 0}},
			{name: 'web', server: 'books-server', port: '7000', route: '[default]', routeType: 'HTTPRoute', successes: 0, failures: 2, latencyMs: {p50: 0, p95: 0, p99: 0}},
		]);
	});
});
