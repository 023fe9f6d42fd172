// The demo metrics-api's Authz, computed as viz/metrics-api/authz.go does (route-metrics spec
// §6.2): the six queries through a PromEvaluator, rows keyed by the six policy labels, each
// value rounded half away from zero (NaN → 0), allow and deny setting counts, deny samples
// (no authz labels) forming rows of their own. Pure but for the evaluator it is handed.
import {AUTHZ_GROUP, authzQueries, type AuthzResource} from './authz-queries.js';
import type {PromEvaluator, PromQueryResult} from './prom-types.js';

interface RowCounts {
	labels: Record<string, string>;
	success: number;
	failure: number;
	allowed: number;
	denied: number;
	latency: [number, number, number];
}

/** Go's uint64(math.Round(v)) as metrics-api uses it, with NaN (and ±Inf) as 0. */
export function roundCount(v: number): number {
	if (!Number.isFinite(v) || v <= 0) return 0;
	return Math.round(v); // half away from zero, as v > 0
}

/** The error client_golang makes of a Prometheus error answer (spec §2.2). */
export function promClientError(result: Extract<PromQueryResult, {status: 'error'}>): string {
	switch (result.errorType) {
		case 'bad_data':
		case 'execution':
			return `${result.errorType}: ${result.error}`;
		case 'not_found':
			return 'client_error: client error: 404';
		case 'timeout':
			return 'server_error: server error: 503';
		default:
			return 'server_error: server error: 500';
	}
}

export class AuthzQueryError extends Error {
	override name = 'AuthzQueryError';
}

function run(evaluator: PromEvaluator, query: string, nowMs: number): Array<{metric: Record<string, string>; value: number}> {
	const result = evaluator.query(query, nowMs);
	if (result.status === 'error') throw new AuthzQueryError(`Query failed: "${query}": ${promClientError(result)}`);
	return result.result;
}

/** StatTable.PodGroup.Row objects for the demo's gRPC server; throws AuthzQueryError. */
export function authzRows(evaluator: PromEvaluator, resource: AuthzResource, window: string, nowMs: number): object[] {
	const queries = authzQueries(resource, window);
	const rows = new Map<string, RowCounts>();
	const rowFor = (metric: Record<string, string>): RowCounts => {
		const labels = Object.fromEntries(AUTHZ_GROUP.map(name => [name, metric[name] ?? '']));
		const key = JSON.stringify(AUTHZ_GROUP.map(name => labels[name]));
		let row = rows.get(key);
		if (!row) {
			row = {labels, success: 0, failure: 0, allowed: 0, denied: 0, latency: [0, 0, 0]};
			rows.set(key, row);
		}
		return row;
	};
	// All six are asked before any is used, as metrics-api runs them in parallel.
	const responses = run(evaluator, queries.responses, nowMs);
	const allow = run(evaluator, queries.allow, nowMs);
	const deny = run(evaluator, queries.deny, nowMs);
	const quantiles = queries.quantiles.map(q => run(evaluator, q, nowMs));
	for (const sample of responses) {
		const row = rowFor(sample.metric);
		const classification = sample.metric['classification'];
		if (classification === 'success') row.success += roundCount(sample.value);
		else if (classification === 'failure') row.failure += roundCount(sample.value);
	}
	for (const sample of allow) rowFor(sample.metric).allowed = roundCount(sample.value);
	for (const sample of deny) rowFor(sample.metric).denied = roundCount(sample.value);
	quantiles.forEach((samples, i) => {
		for (const sample of samples) rowFor(sample.metric).latency[i] = roundCount(sample.value);
	});
	const echo = {namespace: resource.namespace, type: resource.type, name: resource.name};
	return [...rows.values()].map(row => ({
		resource: echo,
		stats: {
			success_count: row.success,
			failure_count: row.failure,
			latency_ms_p50: row.latency[0],
			latency_ms_p95: row.latency[1],
			latency_ms_p99: row.latency[2],
		},
		srv_stats: {
			allowed_count: row.allowed,
			denied_count: row.denied,
			// `namespace` is not a grouping label, so metrics-api always leaves it empty here.
			srv: {type: row.labels['srv_kind'], name: row.labels['srv_name']},
			route: {type: row.labels['route_kind'], name: row.labels['route_name']},
			authz: {type: row.labels['authz_kind'], name: row.labels['authz_name']},
		},
	}));
}
