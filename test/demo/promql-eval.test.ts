// The demo's PromQL stand-in on hand-made SeriesSources: Prometheus' increase extrapolation,
// irate, histogram_quantile's rules, label dropping and grouping, and bad_data for anything
// outside the shapes linkerd sends.
import {describe, expect, it} from 'vitest';
import {createPromEvaluator} from '../../source/demo/promql-eval.js';
import {bucketQuantile, extrapolatedRate, instantRate} from '../../source/demo/promql-functions.js';
import {parseDuration, parsePromQL} from '../../source/demo/promql-parse.js';
import type {PromQueryResult} from '../../source/demo/prom-types.js';
import {histogram, linearSource, meshSeries, ROUTE_BUCKETS} from './prom-source.js';
import {authzQueries, statInboundQueries, statOutboundQueries} from './prom-queries.js';

function ok(result: PromQueryResult): Array<{metric: Record<string, string>; value: number}> {
	if (result.status !== 'success') throw new Error(`query failed: ${result.error}`);
	return result.result;
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b)));

describe('Prometheus arithmetic', () => {
	it('extrapolates increase to the range edges when the samples reach near them', () => {
		const points = [{t: 5000, v: 50}, {t: 15_000, v: 150}, {t: 25_000, v: 250}];
		// 20 s sampled, 5 s to each edge of (0, 30 s]: 200 · 30/20.
		close(extrapolatedRate(points, 0, 30_000, false)!, 300);
		close(extrapolatedRate(points, 0, 30_000, true)!, 10);
	});

	it('extrapolates only half an interval when an edge is far, and never below zero', () => {
		const far = [{t: 20_000, v: 100}, {t: 30_000, v: 110}, {t: 40_000, v: 120}];
		// 20 sampled + 5 + 5 over (0, 60 s]: 20 · 30/20.
		close(extrapolatedRate(far, 0, 60_000, false)!, 30);
		const fresh = [{t: 30_000, v: 5}, {t: 40_000, v: 15}, {t: 50_000, v: 25}, {t: 60_000, v: 35}];
		// The counter was 0 five seconds before its first sample: 30 · 35/30.
		close(extrapolatedRate(fresh, 0, 60_000, false)!, 35);
	});

	it('adds counter resets back and needs two samples', () => {
		const reset = [{t: 0, v: 5}, {t: 10_000, v: 10}, {t: 20_000, v: 2}, {t: 30_000, v: 7}];
		close(extrapolatedRate(reset, 0, 30_000, false)!, 12);
		expect(extrapolatedRate([{t: 0, v: 1}], -60_000, 0, false)).toBeUndefined();
	});

	it('irate takes the last two samples, a drop being a reset', () => {
		close(instantRate([{t: 0, v: 0}, {t: 10_000, v: 100}, {t: 20_000, v: 130}])!, 3);
		close(instantRate([{t: 0, v: 100}, {t: 10_000, v: 20}])!, 2);
		expect(instantRate([{t: 0, v: 1}])).toBeUndefined();
	});

	it('histogram_quantile interpolates linearly, from 0 in the lowest bucket', () => {
		const buckets = [{upperBound: 1, count: 10}, {upperBound: 2, count: 30}, {upperBound: Infinity, count: 40}];
		close(bucketQuantile(0.2, buckets), 0.8);
		close(bucketQuantile(0.5, buckets), 1.5);
		// rank 39.6 is beyond the last finite bucket: its bound.
		expect(bucketQuantile(0.99, buckets)).toBe(2);
	});

	it('histogram_quantile: NaN without observations or without +Inf, ±Inf outside [0, 1]', () => {
		expect(bucketQuantile(0.5, [{upperBound: 1, count: 0}, {upperBound: Infinity, count: 0}])).toBeNaN();
		expect(bucketQuantile(0.5, [{upperBound: 1, count: 3}, {upperBound: 2, count: 4}])).toBeNaN();
		expect(bucketQuantile(1.5, [{upperBound: 1, count: 3}, {upperBound: Infinity, count: 4}])).toBe(Infinity);
		expect(bucketQuantile(-1, [{upperBound: 1, count: 3}, {upperBound: Infinity, count: 4}])).toBe(-Infinity);
		// Non-monotonic counts (a scrape between buckets) are evened out first.
		close(bucketQuantile(0.5, [{upperBound: 1, count: 10}, {upperBound: 2, count: 8}, {upperBound: 3, count: 30}, {upperBound: Infinity, count: 30}]), 2.25);
	});
});

describe('parsing', () => {
	it('reads Prometheus durations', () => {
		expect(parseDuration('1m')).toBe(60_000);
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('1d')).toBe(86_400_000);
		expect(parseDuration('1m1h')).toBeUndefined();
		expect(parseDuration('1.5m')).toBeUndefined();
	});

	it('accepts both grouping positions, no braces, {} and __name__', () => {
		for (const query of ['sum by (a) (increase(x[1m]))', 'sum(increase(x{}[1m])) by (a)', 'sum(increase({__name__="x"}[1m])) by (a,)', 'SUM(increase(x[ 1m ])) BY (a)']) {
			const parsed = parsePromQL(query);
			expect(parsed.ok, query).toBe(true);
			if (parsed.ok) expect(parsed.query).toEqual({kind: 'sum', fn: 'increase', selector: {metric: 'x', matchers: [], rangeMs: 60_000}, by: ['a']});
		}
	});

	it('answers anything else with a Prometheus-style parse error', () => {
		const cases: Array<[string, RegExp]> = [
			['', /^1:1: parse error: no expression found in input$/],
			['up', /^1:1: parse error: the demo's Prometheus stand-in does not evaluate identifier "up" here/],
			['sum(increase(x{a!="b"}[1m]))', /^1:17: parse error: the demo's Prometheus stand-in supports only = label matchers, not !=$/],
			['sum(increase(x{a=~"b"}[1m]))', /only = label matchers, not =~/],
			['sum(increase(x[1q]))', /^1:16: parse error: bad duration syntax: "1q"$/],
			['sum(increase(x[0s]))', /duration must be greater than 0/],
			['sum(increase(x[1m])) by (a', /^1:27: parse error: unexpected end of input in grouping opts/],
			['sum(increase(x{a="b}[1m]))', /unterminated quoted string/],
			['sum(increase(x[1m])) without (a)', /does not evaluate identifier "without"/],
			['sum(increase(x[1m])) by (a) by (b)', /unexpected identifier "by"/],
			['sum(increase(x))', /expected type range vector/],
			['sum(increase(x[1m])) + 1', /^1:22: parse error: unexpected "\+"$/],
			['histogram_quantile(0.5, sum(irate(x_bucket[1m])) by (le)', /unexpected end of input, expected "\)"/],
			['sum(increase(x{a="b"}[1m] offset 5m))', /bad duration syntax|unexpected identifier "offset"/],
			['sum(increase({a="b"}[1m]))', /vector selector must contain at least one non-empty matcher/],
			['sum(delta(x[1m]))', /does not evaluate identifier "delta"/],
			['sum(increase(x[1m])) @ 5', /unexpected "@"/],
		];
		for (const [query, pattern] of cases) {
			const parsed = parsePromQL(query);
			expect(parsed.ok, query).toBe(false);
			if (!parsed.ok) expect(parsed.error, query).toMatch(pattern);
		}
	});
});

describe('evaluating over a SeriesSource', () => {
	const source = linearSource([
		{name: 'req_total', labels: {pod: 'a', route: 'r1', error: ''}, rate: 2},
		{name: 'req_total', labels: {pod: 'b', route: 'r1', error: ''}, rate: 3},
		{name: 'req_total', labels: {pod: 'b', route: 'r2', error: 'RESET'}, rate: 1},
		{name: 'late_total', labels: {pod: 'a'}, rate: 6, fromMs: 45_000},
		...histogram('lat', {pod: 'a'}, ROUTE_BUCKETS, [6, 3, 1, 0.4, 0.3]),
		...histogram('idle', {pod: 'a'}, ROUTE_BUCKETS, [0, 0, 0, 0, 0]),
	]);
	const evaluator = createPromEvaluator(source);

	it('sums increase by the grouping labels, dropping empty ones', () => {
		// Now off the scrape grid: the window holds the scrapes at 550…600 s, extrapolated to its edges.
		const result = ok(evaluator.query('sum(increase(req_total[1m])) by (route, error)', 605_000));
		expect(result).toEqual([
			{metric: {error: 'RESET', route: 'r2'}, value: expect.closeTo(60, 9)},
			{metric: {route: 'r1'}, value: expect.closeTo(300, 9)},
		]);
	});

	it('filters by = matchers, "" matching a missing or empty label, and sums without by into one group', () => {
		expect(ok(evaluator.query('sum(increase(req_total{pod="b"}[1m]))', 605_000))).toEqual([{metric: {}, value: expect.closeTo(240, 9)}]);
		expect(ok(evaluator.query('sum(increase(req_total{error=""}[1m]))', 605_000))).toEqual([{metric: {}, value: expect.closeTo(300, 9)}]);
		expect(ok(evaluator.query('sum(increase(req_total{pod="zzz"}[1m]))', 605_000))).toEqual([]);
		expect(ok(evaluator.query('sum(rate(req_total[1m])) by (pod)', 605_000))).toEqual([
			{metric: {pod: 'a'}, value: expect.closeTo(2, 9)},
			{metric: {pod: 'b'}, value: expect.closeTo(4, 9)},
		]);
	});

	it('extrapolates a series born inside the window to zero, not to the edge', () => {
		// Scrapes at 50 and 60 s: 60 → 90 gives 60 over 10 s, the counter was 0 at 45 s: 60 · 15/10.
		expect(ok(evaluator.query('sum(increase(late_total[1m])) by (pod)', 60_000))).toEqual([{metric: {pod: 'a'}, value: expect.closeTo(90, 9)}]);
		// A single scrape in the window: no value.
		expect(ok(evaluator.query('sum(increase(late_total[1m])) by (pod)', 50_000))).toEqual([]);
		expect(ok(evaluator.query('sum(increase(req_total[1m])) by (pod)', 5_000))).toEqual([]);
	});

	it('histogram_quantile over sum(irate(…_bucket)) by (le, …)', () => {
		const q = (phi: string) => ok(evaluator.query(`histogram_quantile(${phi}, sum(irate(lat_bucket[1m])) by (le, pod))`, 605_000));
		// 10.7 obs/s: p50 rank 5.35 in (0, 0.05] of 6; p95 rank 10.165 in (1, 10] of 0.4; p99 in +Inf → 10.
		expect(q('0.5')).toEqual([{metric: {pod: 'a'}, value: expect.closeTo(0.05 * 5.35 / 6, 12)}]);
		expect(q('0.95')).toEqual([{metric: {pod: 'a'}, value: expect.closeTo(1 + 9 * 0.165 / 0.4, 9)}]);
		expect(q('0.99')).toEqual([{metric: {pod: 'a'}, value: 10}]);
	});

	it('gives NaN with zero observations, and no result without le in the grouping', () => {
		const idle = ok(evaluator.query('histogram_quantile(0.5, sum(irate(idle_bucket[1m])) by (le, pod))', 605_000));
		expect(idle).toHaveLength(1);
		expect(idle[0]!.metric).toEqual({pod: 'a'});
		expect(idle[0]!.value).toBeNaN();
		expect(ok(evaluator.query('histogram_quantile(0.5, sum(irate(lat_bucket[1m])) by (pod))', 605_000))).toEqual([]);
	});

	it('reads each scrape of the window once, and only the scrapes in (now − W, now]', () => {
		const counted = linearSource([{name: 'c_total', labels: {}, rate: 1}], 10);
		const fresh = createPromEvaluator(counted);
		fresh.query('sum(increase(c_total[1m]))', 600_000);
		expect(counted.calls).toEqual([550_000, 560_000, 570_000, 580_000, 590_000, 600_000]);
		fresh.query('sum(irate(c_total[1m]))', 600_000);
		expect(counted.calls).toHaveLength(6);
	});

	it('answers bad_data for unknown shapes and execution for a window too long to load', () => {
		expect(evaluator.query('up', 1000)).toEqual({status: 'error', errorType: 'bad_data', error: expect.stringMatching(/^1:1: parse error: /)});
		const small = createPromEvaluator(source, {maxScrapes: 10});
		expect(small.query('sum(increase(req_total[5m]))', 605_000)).toEqual({status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution'});
	});
});

describe('the queries linkerd sends', () => {
	const evaluator = createPromEvaluator(linearSource(meshSeries(), 10));
	const now = 600_000;

	it('stat-outbound: 18 queries, the route rows and backends of deploy/web summed over both pods', () => {
		const queries = statOutboundQueries('books', 'web', '1m');
		expect(queries).toHaveLength(18);
		const results = queries.map(query => ok(evaluator.query(query, now)));
		const statuses = results[4]!;
		expect(statuses).toContainEqual({metric: {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'books-split', route_kind: 'HTTPRoute', http_status: '200'}, value: expect.closeTo(600, 9)});
		expect(statuses).toContainEqual({metric: {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'books-split', route_kind: 'HTTPRoute', error: 'REQUEST_TIMEOUT'}, value: expect.closeTo(12, 9)});
		expect(statuses).toContainEqual({metric: {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'http', route_kind: 'default', http_status: '200'}, value: expect.closeTo(180, 9)});
		expect(statuses.some(s => s.value === 6000)).toBe(false);
		// backend p99 of books-v2 lands in +Inf: the highest finite bound, 10 s.
		expect(results[3]!.find(s => s.metric['backend_name'] === 'books-v2')!.value).toBe(10);
		// gRPC backend without observations: NaN.
		expect(results[10]!.every(s => Number.isNaN(s.value))).toBe(true);
		expect(results[10]!).toHaveLength(1);
	});

	it('stat-inbound and Authz: the denials have their own row without authz labels', () => {
		for (const query of statInboundQueries('books', 'books', '1m')) expect(ok(evaluator.query(query, now)).length).toBeGreaterThan(0);
		const [responses, allow, deny] = authzQueries('books', 'books', '1m').map(query => ok(evaluator.query(query, now)));
		expect(responses).toContainEqual({metric: {route_kind: 'HTTPRoute', route_name: 'books-get', authz_kind: 'authorizationpolicy', authz_name: 'books-web', srv_kind: 'server', srv_name: 'books-server', classification: 'failure', tls: 'true'}, value: expect.closeTo(60, 9)});
		expect(allow).toEqual([{metric: {route_kind: 'HTTPRoute', route_name: 'books-get', authz_kind: 'authorizationpolicy', authz_name: 'books-web', srv_kind: 'server', srv_name: 'books-server'}, value: expect.closeTo(600, 9)}]);
		expect(deny).toEqual([{metric: {route_kind: 'HTTPRoute', route_name: 'books-get', srv_kind: 'server', srv_name: 'books-server'}, value: expect.closeTo(42, 9)}]);
	});
});
