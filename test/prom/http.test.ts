// The Prometheus HTTP client against a node:http server serving hand-made bytes: the POST form
// client_golang sends, the GET fallback, error envelopes and statuses, non-JSON, a hung server,
// and fetchRouteMetrics running the 18 queries in parallel.
import {afterEach, describe, expect, it} from 'vitest';
import {createPromHttp, formEncode} from '../../source/prom/http.js';
import {PromError} from '../../source/prom/errors.js';
import {fetchRouteMetrics} from '../../source/prom/route-metrics.js';
import {startFakePrometheus, vectorBody, type Answer, type FakePrometheus, type SeenRequest} from './fake-prometheus.js';

let prom: FakePrometheus | undefined;
afterEach(async () => {
	await prom?.close();
	prom = undefined;
});

async function failure(answer: (r: SeenRequest) => Answer, timeoutMs = 30_000): Promise<PromError> {
	prom = await startFakePrometheus(answer);
	const client = createPromHttp({baseUrl: prom.url, timeoutMs});
	try {
		await client.query('up');
	} catch (error) {
		expect(error).toBeInstanceOf(PromError);
		return error as PromError;
	} finally {
		client.close();
	}
	throw new Error('the query did not fail');
}

describe('Prometheus HTTP client', () => {
	it('POSTs query=<form-encoded PromQL> to <base path>/api/v1/query, with no time', async () => {
		prom = await startFakePrometheus(() => ({status: 200, body: vectorBody([{metric: {route_name: 'r'}, value: '2'}])}));
		const client = createPromHttp({baseUrl: `${prom.url}/prom/`});
		const promql = 'sum(increase(x{deployment="web", namespace="books"}[1m])) by (le, a~b*c)';
		const answer = await client.query(promql);
		client.close();
		expect(answer.samples).toEqual([{metric: {route_name: 'r'}, value: 2}]);
		expect(prom.seen).toHaveLength(1);
		const [seen] = prom.seen;
		expect(seen).toMatchObject({method: 'POST', path: '/prom/api/v1/query', contentType: 'application/x-www-form-urlencoded', search: '', query: promql});
		// Go's url.Values.Encode: space as +, ~ kept, everything else outside [A-Za-z0-9-_.] as %XX.
		expect(seen!.rawBody).toBe(
			'query=sum%28increase%28x%7Bdeployment%3D%22web%22%2C+namespace%3D%22books%22%7D%5B1m%5D%29%29+by+%28le%2C+a~b%2Ac%29',
		);
		expect(formEncode('é')).toBe('%C3%A9');
	});

	it('falls back to GET ?query= when the POST answers 405 (and 403, 501)', async () => {
		for (const status of [405, 403, 501]) {
			prom = await startFakePrometheus(r => (r.method === 'POST' ? {status, body: 'method not allowed'} : {status: 200, body: vectorBody([])}));
			const client = createPromHttp({baseUrl: prom.url});
			await expect(client.query('up{job="x"}')).resolves.toEqual({samples: [], warnings: []});
			client.close();
			expect(prom.seen.map(r => [r.method, r.query])).toEqual([
				['POST', 'up{job="x"}'],
				['GET', 'up{job="x"}'],
			]);
			expect(prom.seen[1]!.search).toBe('?query=up%7Bjob%3D%22x%22%7D');
			await prom.close();
			prom = undefined;
		}
	});

	it('a 422 error envelope is one line with client_golang\'s text', async () => {
		const error = await failure(() => ({status: 422, body: '{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory"}'}));
		expect(error.kind).toBe('query');
		expect(error.message).toMatch(/^failed to query Prometheus: execution: query processing would load too many samples into memory \(via http:\/\/127\.0\.0\.1:\d+\)$/);
	});

	it('a 503 is a server error, its body unread', async () => {
		const error = await failure(() => ({status: 503, body: '{"status":"error","errorType":"unavailable","error":"x"}'}));
		expect(error.message).toContain('failed to query Prometheus: server_error: server error: 503');
	});

	it('a body that is not JSON is a bad_response', async () => {
		const error = await failure(() => ({status: 200, body: '<!doctype html><title>Sign in</title>'}));
		expect(error.message).toContain("failed to query Prometheus: bad_response: invalid character '<' looking for beginning of value");
	});

	it('a server that never answers hits the timeout', async () => {
		const error = await failure(() => ({status: 0, body: '', hang: true}), 200);
		expect(error.kind).toBe('timeout');
		expect(error.message).toMatch(/^Prometheus did not answer within 200ms \(via http:\/\/127\.0\.0\.1:\d+\); check Prometheus or raise --request-timeout$/);
	});

	it('nothing listening is one line', async () => {
		prom = await startFakePrometheus(() => ({status: 200, body: vectorBody([])}));
		const url = prom.url;
		await prom.close();
		prom = undefined;
		const client = createPromHttp({baseUrl: url});
		await expect(client.query('up')).rejects.toThrow(/^cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED; check that it runs and the URL$/);
		client.close();
	});
});

describe('fetchRouteMetrics', () => {
	const web = {type: 'deployment', name: 'web', namespace: 'books'};

	it('runs the 18 outbound queries, assembles rows and passes each warning once', async () => {
		prom = await startFakePrometheus(r => {
			if (r.query.startsWith('sum(increase(outbound_http_route_request_statuses_total')) {
				return {status: 200, body: vectorBody([{metric: {deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'r', route_kind: 'HTTPRoute', http_status: '200'}, value: '12.7'}], ['PromQL info: x'])};
			}
			return {status: 200, body: vectorBody([], ['PromQL info: x'])};
		});
		const client = createPromHttp({baseUrl: prom.url});
		const {rows, warnings} = await fetchRouteMetrics(client, 'outbound', web, '1m');
		client.close();
		expect(prom.seen).toHaveLength(18);
		expect(new Set(prom.seen.map(r => r.query)).size).toBe(18);
		expect(warnings).toEqual(['PromQL info: x']);
		expect(rows).toMatchObject([{name: 'web', service: 'books', route: 'r', successes: 12}]);
	});

	it('the first failing query fails the poll', async () => {
		prom = await startFakePrometheus(r => (r.query.includes('retry') ? {status: 400, body: '{"status":"error","errorType":"bad_data","error":"parse error"}'} : {status: 200, body: vectorBody([])}));
		const client = createPromHttp({baseUrl: prom.url});
		await expect(fetchRouteMetrics(client, 'outbound', web, '1m')).rejects.toThrow('failed to query Prometheus: bad_data: parse error');
		client.close();
	});
});
