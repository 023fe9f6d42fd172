// The demo's proxy series (what viz Prometheus would hold): monotone, deterministic, histograms
// consistent, and rates that agree with the metrics-api stand-in and the traffic model.
import {describe, expect, it} from 'vitest';
import {DemoCluster} from '../../source/demo/cluster.js';
import type {PromSample} from '../../source/demo/prom-types.js';
import {ProxySeries} from '../../source/demo/proxy-series.js';
import {workloadStats} from '../../source/demo/stats.js';
import {buildTopology} from '../../source/demo/topology.js';

const topology = buildTopology({seed: 1});
const cluster = new DemoCluster(topology, () => '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
const series = new ProxySeries(topology, () => cluster.pods());
const t0 = 600_000;
const t1 = t0 + 60_000;
const before = series.samplesAt(t0);
const after = series.samplesAt(t1);

const key = (s: PromSample): string => s.name + JSON.stringify(Object.entries(s.labels).sort());
const where = (samples: PromSample[], name: string, labels: Record<string, string>): PromSample[] =>
	samples.filter(s => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const start = new Map(before.map(s => [key(s), s.value]));
/** increase over the minute, per second, of the matching series. */
function rate(name: string, labels: Record<string, string>): number {
	return where(after, name, labels).reduce((n, s) => n + s.value - (start.get(key(s)) ?? 0), 0) / 60;
}

describe('proxy series', () => {
	it('are deterministic for a seed, and counters never decrease', () => {
		const again = new ProxySeries(topology, () => cluster.pods()).samplesAt(t0);
		expect(again).toEqual(before);
		const later = new Map(after.map(s => [key(s), s.value]));
		expect(before.length).toBeGreaterThan(1000);
		expect(before.filter(s => !later.has(key(s)) || later.get(key(s))! < s.value || (!s.name.endsWith('_sum') && !Number.isInteger(s.value)))).toEqual([]);
	});

	it('carry the labels viz Prometheus adds, and direction only on the legacy families', () => {
		const [legacy] = where(after, 'response_total', {deployment: 'books'});
		expect(legacy!.labels).toMatchObject({namespace: 'booksapp', deployment: 'books', direction: 'inbound', control_plane_ns: 'linkerd', job: 'linkerd-proxy'});
		expect(legacy!.labels['pod']).toMatch(/^books-/);
		const [job] = where(after, 'outbound_http_route_request_statuses_total', {k8s_job: 'settlement-29412000'});
		expect(job!.labels).not.toHaveProperty('direction');
		expect(where(after, 'inbound_http_authz_allow_total', {}).every(s => !('direction' in s.labels))).toBe(true);
	});

	it('have cumulative buckets whose +Inf equals _count', () => {
		const buckets = new Map<string, PromSample[]>();
		for (const s of after.filter(x => x.name.endsWith('_bucket'))) {
			const {le: _le, ...rest} = s.labels;
			const k = s.name.replace(/_bucket$/, '') + JSON.stringify(rest);
			buckets.set(k, [...(buckets.get(k) ?? []), s]);
		}
		const counts = new Map(after.filter(s => s.name.endsWith('_count')).map(s => [s.name.replace(/_count$/, '') + JSON.stringify(s.labels), s.value]));
		expect(buckets.size).toBeGreaterThan(100);
		for (const [k, list] of buckets) {
			expect(list.at(-1)!.labels['le']).toBe('+Inf');
			for (let i = 1; i < list.length; i++) {
				const le = (x: PromSample): number => (x.labels['le'] === '+Inf' ? Infinity : Number(x.labels['le']));
				expect(le(list[i]!)).toBeGreaterThan(le(list[i - 1]!));
				expect(list[i]!.value).toBeGreaterThanOrEqual(list[i - 1]!.value);
			}
			expect(list.at(-1)!.value).toBe(counts.get(k));
		}
		expect(where(after, 'response_latency_ms_bucket', {}).length % 26).toBe(0);
		expect(new Set(where(after, 'outbound_http_route_request_duration_seconds_bucket', {}).map(s => s.labels['le']))).toEqual(new Set(['0.05', '0.5', '1', '10', '+Inf']));
	});

	it("agree with the metrics-api stand-in's rps and success rate per workload", () => {
		for (const [namespace, name] of [['booksapp', 'books'], ['booksapp', 'authors'], ['emojivoto', 'voting'], ['payments', 'payments-api'], ['emojivoto', 'web']] as const) {
			const stats = workloadStats(topology, namespace, 60).find(w => w.name === name)!;
			const labels = {namespace, deployment: name, direction: 'inbound'};
			const total = rate('response_total', labels);
			expect(total, name).toBeCloseTo(stats.rps, 0);
			expect(Math.abs(total - stats.rps) / stats.rps, name).toBeLessThan(0.02);
			const success = rate('response_total', {...labels, classification: 'success'}) / total;
			expect(Math.abs(success - stats.successCount / (stats.successCount + stats.failureCount)), name).toBeLessThan(0.01);
		}
	});

	it('split books traffic 80/20 over its backends, counting every retry attempt there', () => {
		const parent = {deployment: 'webapp', parent_name: 'books', route_name: 'books-split', route_kind: 'HTTPRoute'};
		const v1 = rate('outbound_http_route_backend_requests_total', {...parent, backend_name: 'books'});
		const v2 = rate('outbound_http_route_backend_requests_total', {...parent, backend_name: 'books-v2'});
		expect(v2 / (v1 + v2)).toBeCloseTo(0.2, 2);
		// The attempts are what the books pods serve from webapp.
		const fromWebapp = {client_id: 'webapp.booksapp.serviceaccount.identity.linkerd.cluster.local'};
		const served = rate('request_total', {...fromWebapp, deployment: 'books'}) + rate('request_total', {...fromWebapp, deployment: 'books-v2'});
		expect(v1 + v2).toBeCloseTo(served, 0);
		const logical = rate('outbound_http_route_request_statuses_total', parent);
		const retries = rate('outbound_http_route_retry_requests_total', parent);
		expect(retries).toBeGreaterThan(0);
		expect(logical + retries).toBeCloseTo(v1 + v2, 0);
		const fail = (labels: Record<string, string>, name: string): number =>
			where(after, name, labels).filter(s => /^5/.test(s.labels['http_status'] ?? '') || s.labels['error']).length;
		expect(fail(parent, 'outbound_http_route_request_statuses_total')).toBeGreaterThan(0);
		// Retries hide most 5xx from the route: its success beats its backends'.
		const routeOk = rate('outbound_http_route_request_statuses_total', {...parent, error: ''}) - ['500', '502', '503', '504'].reduce((n, s) => n + rate('outbound_http_route_request_statuses_total', {...parent, http_status: s}), 0);
		const backendOk = rate('outbound_http_route_backend_response_statuses_total', {...parent, error: ''}) - ['500', '502', '503', '504'].reduce((n, s) => n + rate('outbound_http_route_backend_response_statuses_total', {...parent, http_status: s}), 0);
		expect(routeOk / logical).toBeGreaterThan(backendOk / (v1 + v2));
	});

	it('leave the ServiceProfile-routed Service without outbound route series, and use gRPC families only with a GRPCRoute', () => {
		expect(after.filter(s => s.name.startsWith('outbound_') && s.labels['parent_name'] === 'voting-svc')).toEqual([]);
		expect(rate('response_total', {deployment: 'voting'})).toBeGreaterThan(0);
		const emoji = where(after, 'outbound_grpc_route_request_statuses_total', {parent_name: 'emoji-svc', route_name: 'emoji-grpc', route_kind: 'GRPCRoute'});
		expect(new Set(emoji.map(s => s.labels['grpc_status']))).toContain('OK');
		expect(where(after, 'outbound_http_route_request_statuses_total', {parent_name: 'emoji-svc'})).toEqual([]);
		// ledger has no GRPCRoute: its gRPC calls count in the http families, as 200s, on the default route.
		const ledger = where(after, 'outbound_http_route_request_statuses_total', {parent_name: 'ledger', route_kind: 'default', route_name: 'http'});
		expect(ledger.length).toBeGreaterThan(0);
		expect(where(after, 'outbound_grpc_route_request_statuses_total', {parent_name: 'ledger'})).toEqual([]);
	});

	it("count node-agent's denied calls only in payments-api's deny counter, and as 403s at the caller", () => {
		const denied = rate('inbound_http_authz_deny_total', {deployment: 'payments-api', srv_name: 'payments-api-http'});
		const edge = topology.edges.find(e => e.client.kind === 'workload' && e.client.name === 'node-agent' && e.server.kind === 'workload' && e.server.name === 'payments-api')!;
		expect(denied).toBeCloseTo(edge.rps, 1);
		const [deny] = where(after, 'inbound_http_authz_deny_total', {deployment: 'payments-api'});
		expect(Object.keys(deny!.labels).filter(k => k.startsWith('authz_'))).toEqual([]);
		expect(deny!.labels).toMatchObject({tls: 'no_identity', no_tls_reason: 'no_tls_from_remote', route_kind: 'default'});
		expect(rate('outbound_http_route_request_statuses_total', {daemonset: 'node-agent', parent_name: 'payments-api', http_status: '403'})).toBeCloseTo(edge.rps, 1);
		const allowed = rate('inbound_http_authz_allow_total', {deployment: 'payments-api'});
		expect(allowed).toBeCloseTo(rate('request_total', {deployment: 'payments-api'}), 5);
	});
});
