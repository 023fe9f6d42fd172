// Hand-made SeriesSources for the Prometheus stand-in's tests: every counter grows linearly
// from 0 at t = 0 (value = rate · seconds), so `increase` over a window is rate · W and `irate`
// is the rate, and a histogram's buckets grow in fixed proportions, so its quantiles are known.
import type {PromSample, SeriesSource} from '../../source/demo/prom-types.js';

export interface LinearSeries {
	name: string;
	labels: Record<string, string>;
	/** Growth per second. */
	rate: number;
	/** Virtual ms from which the series exists (default 0). */
	fromMs?: number;
}

export function linearSource(series: LinearSeries[], scrapeIntervalS = 10): SeriesSource & {calls: number[]} {
	const calls: number[] = [];
	return {
		scrapeIntervalS,
		calls,
		samplesAt(tMs: number): PromSample[] {
			calls.push(tMs);
			return series.filter(s => tMs >= (s.fromMs ?? 0)).map(s => ({name: s.name, labels: s.labels, value: (s.rate * (tMs - (s.fromMs ?? 0))) / 1000}));
		},
	};
}

/** A classic histogram: `perBucket[i]` observations/s land in bucket i (last = beyond the highest bound). */
export function histogram(base: string, labels: Record<string, string>, bounds: number[], perBucket: number[], sumPerS = 0): LinearSeries[] {
	let cumulative = 0;
	const les = [...bounds.map(String), '+Inf'];
	const buckets = les.map((le, i) => {
		cumulative += perBucket[i] ?? 0;
		return {name: `${base}_bucket`, labels: {...labels, le}, rate: cumulative};
	});
	return [...buckets, {name: `${base}_sum`, labels, rate: sumPerS}, {name: `${base}_count`, labels, rate: cumulative}];
}

export const ROUTE_BUCKETS = [0.05, 0.5, 1, 10];
export const BACKEND_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 10];
export const LATENCY_MS_BUCKETS = [1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000];

const parent = {parent_group: 'core', parent_kind: 'Service', parent_namespace: 'books', parent_name: 'books', parent_port: '7000', parent_section_name: ''};
const splitRoute = {route_group: 'gateway.networking.k8s.io', route_kind: 'HTTPRoute', route_namespace: 'books', route_name: 'books-split'};
const defaultRoute = {route_group: '', route_kind: 'default', route_namespace: '', route_name: 'http'};
const grpcRoute = {route_group: 'gateway.networking.k8s.io', route_kind: 'GRPCRoute', route_namespace: 'books', route_name: 'authors-rpc'};
const backend = (name: string) => ({backend_group: 'core', backend_kind: 'Service', backend_namespace: 'books', backend_name: name, backend_port: '7000', backend_section_name: ''});
const web = (pod: string) => ({namespace: 'books', pod, deployment: 'web'});
const hostname = {hostname: 'books.books.svc.cluster.local'};
const server = {srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'books-server', srv_port: '7000'};
const defaultServer = {srv_group: '', srv_kind: 'default', srv_name: 'all-unauthenticated', srv_port: '4191'};
const inboundTarget = {target_addr: '10.42.0.9:7000', target_ip: '10.42.0.9', target_port: '7000'};
const tls = {tls: 'true', client_id: 'web.books.serviceaccount.identity.linkerd.cluster.local'};
const getRoute = {route_group: 'gateway.networking.k8s.io', route_kind: 'HTTPRoute', route_name: 'books-get'};
const authz = {authz_group: 'policy.linkerd.io', authz_kind: 'authorizationpolicy', authz_name: 'books-web'};

/** Proxy-style series of `deploy/web` (two pods) and `deploy/books` in namespace books, plus noise elsewhere. */
export function meshSeries(): LinearSeries[] {
	const series: LinearSeries[] = [];
	for (const [pod, share] of [['web-7d9f-abcde', 0.6], ['web-7d9f-fghij', 0.4]] as const) {
		const at = {...web(pod), ...parent};
		series.push(
			{name: 'outbound_http_route_request_statuses_total', labels: {...at, ...splitRoute, ...hostname, http_status: '200', error: ''}, rate: 10 * share},
			{name: 'outbound_http_route_request_statuses_total', labels: {...at, ...splitRoute, ...hostname, http_status: '500', error: ''}, rate: 0.5 * share},
			{name: 'outbound_http_route_request_statuses_total', labels: {...at, ...splitRoute, ...hostname, http_status: '', error: 'REQUEST_TIMEOUT'}, rate: 0.2 * share},
			{name: 'outbound_http_route_request_statuses_total', labels: {...at, ...defaultRoute, ...hostname, http_status: '200', error: ''}, rate: 3 * share},
			{name: 'outbound_http_route_retry_requests_total', labels: {...at, ...splitRoute, ...hostname}, rate: 0.3 * share},
			{name: 'outbound_http_route_backend_response_statuses_total', labels: {...at, ...splitRoute, ...backend('books-v1'), http_status: '200', error: ''}, rate: 8 * share},
			{name: 'outbound_http_route_backend_response_statuses_total', labels: {...at, ...splitRoute, ...backend('books-v2'), http_status: '200', error: ''}, rate: 2.4 * share},
			{name: 'outbound_http_route_backend_response_statuses_total', labels: {...at, ...splitRoute, ...backend('books-v2'), http_status: '500', error: ''}, rate: 0.5 * share},
			...histogram('outbound_http_route_request_duration_seconds', {...at, ...splitRoute, ...hostname}, ROUTE_BUCKETS, [6, 3, 1, 0.4, 0.3].map(r => r * share)),
			...histogram('outbound_http_route_backend_response_duration_seconds', {...at, ...splitRoute, ...backend('books-v1')}, BACKEND_BUCKETS, [1, 2, 3, 1, 0.5, 0.3, 0.1, 0].map(r => r * share)),
			// Nearly everything slower than 10 s: the quantiles answer the highest finite bound.
			...histogram('outbound_http_route_backend_response_duration_seconds', {...at, ...splitRoute, ...backend('books-v2')}, BACKEND_BUCKETS, [0, 0, 0, 0, 0, 0, 0.1, 5].map(r => r * share)),
			{name: 'outbound_grpc_route_request_statuses_total', labels: {...at, ...grpcRoute, ...hostname, grpc_status: 'OK', error: ''}, rate: 4 * share},
			{name: 'outbound_grpc_route_request_statuses_total', labels: {...at, ...grpcRoute, ...hostname, grpc_status: 'UNAVAILABLE', error: ''}, rate: 0.25 * share},
			...histogram('outbound_grpc_route_request_duration_seconds', {...at, ...grpcRoute, ...hostname}, ROUTE_BUCKETS, [3, 1, 0.25, 0, 0].map(r => r * share)),
			// No observations at all: every quantile is NaN.
			...histogram('outbound_grpc_route_backend_response_duration_seconds', {...at, ...grpcRoute, ...backend('authors')}, BACKEND_BUCKETS, [0, 0, 0, 0, 0, 0, 0, 0]),
		);
	}
	const books = {namespace: 'books', pod: 'books-5c4b-klmno', deployment: 'books', direction: 'inbound'};
	const inbound = (extra: Record<string, string>, classification: string, status: string, rate: number): LinearSeries => ({
		name: 'response_total', labels: {...books, ...inboundTarget, ...tls, ...server, ...getRoute, ...authz, status_code: status, ...extra, classification, grpc_status: '', error: ''}, rate,
	});
	series.push(
		inbound({}, 'success', '200', 9),
		inbound({}, 'failure', '503', 1),
		inbound({...defaultServer, target_port: '4191', route_kind: 'default', route_name: 'probe', route_group: '', authz_group: '', authz_kind: 'default', authz_name: 'probe'}, 'success', '200', 0.2),
		...histogram('response_latency_ms', {...books, ...inboundTarget, ...tls, ...server, ...getRoute, ...authz, status_code: '200'}, LATENCY_MS_BUCKETS, [1, 2, 3, 1, 1, 0.5, 0.25, 0.25]),
		{name: 'inbound_http_authz_allow_total', labels: {namespace: 'books', pod: books.pod, deployment: 'books', ...inboundTarget, ...server, ...getRoute, ...authz, ...tls}, rate: 10},
		{name: 'inbound_http_authz_deny_total', labels: {namespace: 'books', pod: books.pod, deployment: 'books', ...inboundTarget, ...server, ...getRoute, tls: 'no_identity', no_tls_reason: 'no_tls_from_remote'}, rate: 0.7},
		// Another namespace: filtered out by namespace="books".
		{name: 'outbound_http_route_request_statuses_total', labels: {namespace: 'emojivoto', pod: 'web-x', deployment: 'web', ...parent, ...splitRoute, http_status: '200', error: ''}, rate: 100},
		// Escaping end to end: quotes, a backslash and a non-ASCII character in a grouped label.
		{name: 'outbound_http_route_request_statuses_total', labels: {...web('web-7d9f-abcde'), ...parent, ...splitRoute, route_name: 'odd "route" \\ ü', http_status: '204', error: ''}, rate: 1},
	);
	return series;
}
