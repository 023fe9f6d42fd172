// The demo metrics-api's Authz (route-metrics spec §6.2): the six query strings for each kind of
// resource against the spec's templates, and row assembly from a tiny evaluator (a fixture of the
// Prometheus side) that answers fixed vectors for exactly those strings and bad_data otherwise.
// The rows then go over real gRPC to our client and through `meshtop authz`'s table.
import {KubeConfig} from '@kubernetes/client-node';
import {afterEach, describe, expect, it} from 'vitest';
import {authzQueries} from '../../source/demo/authz-queries.js';
import {authzRows, roundCount} from '../../source/demo/authz.js';
import {startDemoMetrics, type DemoPrometheus} from '../../source/demo/metrics-server.js';
import type {PromEvaluator, PromQueryResult} from '../../source/demo/prom-types.js';
import {buildTopology} from '../../source/demo/topology.js';
import {connectMetrics} from '../../source/metrics/client.js';
import {MetricsError} from '../../source/metrics/errors.js';
import {formatAuthzTable} from '../../source/output/authz.js';

const G = 'route_kind, route_name, authz_kind, authz_name, srv_kind, srv_name';

describe('Authz query strings', () => {
	it('deploy/web -n books: the six queries of spec §6.2, verbatim', () => {
		const q = authzQueries({namespace: 'books', type: 'deployment', name: 'web'}, '1m');
		expect(q.responses).toBe(`sum(increase(response_total{deployment="web", direction="inbound", namespace="books"}[1m])) by (${G}, classification, tls)`);
		expect(q.allow).toBe(`sum(increase(inbound_http_authz_allow_total{deployment="web", namespace="books"}[1m])) by (${G})`);
		expect(q.deny).toBe(`sum(increase(inbound_http_authz_deny_total{deployment="web", namespace="books"}[1m])) by (${G})`);
		expect(q.quantiles).toEqual([
			`histogram_quantile(0.5, sum(irate(response_latency_ms_bucket{deployment="web", direction="inbound", namespace="books"}[1m])) by (le, ${G}))`,
			`histogram_quantile(0.95, sum(irate(response_latency_ms_bucket{deployment="web", direction="inbound", namespace="books"}[1m])) by (le, ${G}))`,
			`histogram_quantile(0.99, sum(irate(response_latency_ms_bucket{deployment="web", direction="inbound", namespace="books"}[1m])) by (le, ${G}))`,
		]);
	});

	it.each<[string, string, string, string]>([
		['server', 'books-server', '{namespace="books", srv_kind="server", srv_name="books-server"}', '{direction="inbound", namespace="books", srv_kind="server", srv_name="books-server"}'],
		['authorizationpolicy', 'books-get-authn', '{authz_kind="authorizationpolicy", authz_name="books-get-authn", namespace="books"}', '{authz_kind="authorizationpolicy", authz_name="books-get-authn", direction="inbound", namespace="books"}'],
		['serverauthorization', 'legacy', '{authz_kind="serverauthorization", authz_name="legacy", namespace="books"}', '{authz_kind="serverauthorization", authz_name="legacy", direction="inbound", namespace="books"}'],
		['httproute', 'books-get', '{namespace="books", route_name="books-get"}', '{direction="inbound", namespace="books", route_name="books-get"}'],
		['service', 'books', '{namespace="books"}', '{direction="inbound", namespace="books"}'],
		['job', 'migrate', '{k8s_job="migrate", namespace="books"}', '{direction="inbound", k8s_job="migrate", namespace="books"}'],
		['namespace', 'shop', '{namespace="shop"}', '{direction="inbound", namespace="shop"}'],
		['deployment', '', '{namespace="books"}', '{direction="inbound", namespace="books"}'],
		['pod', 'web-1', '{namespace="books", pod="web-1"}', '{direction="inbound", namespace="books", pod="web-1"}'],
	])('%s/%s → L = %s', (type, name, L, inbound) => {
		const q = authzQueries({namespace: 'books', type, name}, '5m');
		expect(q.allow).toBe(`sum(increase(inbound_http_authz_allow_total${L}[5m])) by (${G})`);
		expect(q.deny).toBe(`sum(increase(inbound_http_authz_deny_total${L}[5m])) by (${G})`);
		expect(q.responses).toBe(`sum(increase(response_total${inbound}[5m])) by (${G}, classification, tls)`);
		expect(q.quantiles[2]).toBe(`histogram_quantile(0.99, sum(irate(response_latency_ms_bucket${inbound}[5m])) by (le, ${G}))`);
	});

	it('with no namespace and no name, L is empty', () => {
		expect(authzQueries({namespace: '', type: 'deployment', name: ''}, '1m').allow).toBe(`sum(increase(inbound_http_authz_allow_total{}[1m])) by (${G})`);
	});
});

type Vector = Array<{metric: Record<string, string>; value: number}>;

/** Answers the given vectors for exactly these query strings; anything else is bad_data. */
function evaluator(answers: Record<string, Vector | PromQueryResult>, asked: string[] = []): PromEvaluator {
	return {
		query(promql) {
			asked.push(promql);
			const answer = answers[promql];
			if (answer === undefined) return {status: 'error', errorType: 'bad_data', error: `unexpected query ${promql}`};
			return Array.isArray(answer) ? {status: 'success', result: answer} : answer;
		},
	};
}

const WEB = {namespace: 'books', type: 'deployment', name: 'web'};
const Q = authzQueries(WEB, '1m');
const policy = {route_kind: 'HTTPRoute', route_name: 'books-get', authz_kind: 'authorizationpolicy', authz_name: 'books-get-authn', srv_kind: 'server', srv_name: 'books-server'};
const probe = {route_kind: 'default', route_name: 'probe', authz_kind: 'default', authz_name: 'probe', srv_kind: 'default', srv_name: 'all-unauthenticated'};
// Deny samples have no authz labels; Prometheus leaves empty labels out.
const denied = {route_kind: 'HTTPRoute', route_name: 'books-get', srv_kind: 'server', srv_name: 'books-server'};

const ANSWERS: Record<string, Vector> = {
	[Q.responses]: [
		{metric: {...policy, classification: 'success', tls: 'true'}, value: 77.5},
		{metric: {...policy, classification: 'success', tls: 'no_identity'}, value: 0.4},
		{metric: {...policy, classification: 'failure', tls: 'true'}, value: 2.5},
		{metric: {...probe, classification: 'success', tls: 'no_identity'}, value: 12.0000001},
	],
	[Q.allow]: [
		{metric: policy, value: 81.2},
		{metric: probe, value: 12},
	],
	[Q.deny]: [{metric: denied, value: 29.5}],
	[Q.quantiles[0]]: [
		{metric: policy, value: 1.5},
		{metric: probe, value: 0.9},
	],
	[Q.quantiles[1]]: [{metric: policy, value: Number.NaN}],
	[Q.quantiles[2]]: [{metric: policy, value: 10.49}],
};

const res = (type: string, name: string) => ({type, name});
const EXPECTED_ROWS = [
	{
		resource: WEB,
		stats: {success_count: 78, failure_count: 3, latency_ms_p50: 2, latency_ms_p95: 0, latency_ms_p99: 10},
		srv_stats: {allowed_count: 81, denied_count: 0, srv: res('server', 'books-server'), route: res('HTTPRoute', 'books-get'), authz: res('authorizationpolicy', 'books-get-authn')},
	},
	{
		resource: WEB,
		stats: {success_count: 12, failure_count: 0, latency_ms_p50: 1, latency_ms_p95: 0, latency_ms_p99: 0},
		srv_stats: {allowed_count: 12, denied_count: 0, srv: res('default', 'all-unauthenticated'), route: res('default', 'probe'), authz: res('default', 'probe')},
	},
	{
		resource: WEB,
		stats: {success_count: 0, failure_count: 0, latency_ms_p50: 0, latency_ms_p95: 0, latency_ms_p99: 0},
		srv_stats: {allowed_count: 0, denied_count: 30, srv: res('server', 'books-server'), route: res('HTTPRoute', 'books-get'), authz: res('', '')},
	},
];

describe('Authz row assembly', () => {
	it('keys rows by the six labels, rounds half away from zero, NaN → 0, denials on their own row', () => {
		const asked: string[] = [];
		expect(authzRows(evaluator(ANSWERS, asked), WEB, '1m', 60_000)).toEqual(EXPECTED_ROWS);
		expect(asked.sort()).toEqual(Object.keys(ANSWERS).sort());
	});

	it('rounds like Go math.Round into uint64', () => {
		expect([0.5, 1.5, 2.5, 2.4999, Number.NaN, Number.POSITIVE_INFINITY, -3].map(roundCount)).toEqual([1, 2, 3, 2, 0, 0, 0]);
	});

	it('a failing query becomes Query failed: "<query>": <client error>', () => {
		const failing = {...ANSWERS, [Q.deny]: {status: 'error', errorType: 'execution', error: 'query timed out in expression evaluation'} as PromQueryResult};
		expect(() => authzRows(evaluator(failing), WEB, '1m', 0)).toThrow(`Query failed: "${Q.deny}": execution: query timed out in expression evaluation`);
		const internal = {...ANSWERS, [Q.allow]: {status: 'error', errorType: 'internal', error: 'x'} as PromQueryResult};
		expect(() => authzRows(evaluator(internal), WEB, '1m', 0)).toThrow(`Query failed: "${Q.allow}": server_error: server error: 500`);
	});
});

describe('the demo metrics-api answers Authz over gRPC', () => {
	const cleanups: Array<() => unknown> = [];
	afterEach(async () => {
		for (const c of cleanups.splice(0).reverse()) await c();
	});

	async function ask(prometheus?: DemoPrometheus, type = 'deployment', name = 'web') {
		const server = await startDemoMetrics(buildTopology(), () => [], prometheus);
		cleanups.push(() => server.close());
		const client = await connectMetrics({kubeConfig: new KubeConfig(), metricsAddr: `127.0.0.1:${server.port}`});
		cleanups.push(() => client.close());
		return client.authz({namespace: 'books', type, name, timeWindow: '1m'});
	}

	it('rows reach the client and print as linkerd viz authz does', async () => {
		let now = 0;
		const rows = await ask({evaluator: evaluator(ANSWERS), now: () => (now += 1000)});
		expect(rows.map(r => [r.server.name, r.route.name, r.authz.kind, r.denied])).toEqual([
			['books-server', 'books-get', 'authorizationpolicy', 0],
			['all-unauthenticated', 'probe', 'default', 0],
			['books-server', 'books-get', '', 30],
		]);
		expect(formatAuthzTable(rows, 60).split('\n').slice(1, 4)).toEqual([
			'books-get  books-server                                                            0.5rps    0.00%  0.0rps          0ms          0ms          0ms  ',
			'books-get  books-server                 authorizationpolicy/books-get-authn        0.0rps   96.30%  1.4rps          2ms          0ms         10ms  ',
			'probe      default:all-unauthenticated  default/probe                              0.0rps  100.00%  0.2rps          1ms          0ms          0ms  ',
		]);
	});

	it('without a Prometheus: the ResourceError metrics-api gives', async () => {
		const err = await ask(undefined).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(MetricsError);
		expect((err as MetricsError).message).toBe('No prometheus instance to connect');
	});

	it('a failing query: its text, one line', async () => {
		const err = await ask({evaluator: evaluator({}), now: () => 0}).catch((e: unknown) => e);
		expect((err as MetricsError).message).toBe(`Query failed: "${Q.responses}": bad_data: unexpected query ${Q.responses}`);
	});
});
