// Row assembly of stat-outbound and stat-inbound (linkerd-route-metrics.md §3.4, §4): samples
// of the 18 (or 4) queries → route rows with their backends, like the CLI's maps. Pure.
//
// Counts: each sample is truncated to a whole number BEFORE summing (Go's `uint64(v)`), not
// rounded after, to match `linkerd viz stat-outbound` byte for byte; a NaN or infinite count
// reads as 0. Order: the CLI prints Go map order, i.e. random; meshtop sorts route rows by
// NAME, SERVICE/SERVER, port, ROUTE, TYPE and backends by name and port.
import {label, type PromSample} from './prom-response.js';
import {nameLabel, type Quantile, type RouteMetricsResource, type RouteQuery} from './queries.js';

/** p50/p95/p99 in ms: 0 when Prometheus sent no sample for the row, NaN when it sent NaN. */
export interface Latencies {
	p50: number;
	p95: number;
	p99: number;
}

export interface Counts {
	successes: number;
	failures: number;
	/** Outbound only: errors RESPONSE_HEADERS_TIMEOUT and REQUEST_TIMEOUT. */
	timeouts: number;
	latencyMs: Latencies;
}

export interface OutboundBackendRow extends Counts {
	backend: string;
	backendPort: string;
}

export interface OutboundRouteRow extends Counts {
	/** The resource's name (the value of its type label; the namespace for ns/X). */
	name: string;
	/** parent_name and parent_port: the Service the route is attached to. */
	service: string;
	port: string;
	/** route_name, or `[default]` (§3.4). */
	route: string;
	/** route_kind (HTTPRoute, GRPCRoute), or "" for a default route. */
	routeType: string;
	/** Retry attempts the route sent (route-level only). */
	retries: number;
	backends: OutboundBackendRow[];
}

export interface InboundRow {
	name: string;
	/** srv_name, or `[default]` for a default server. */
	server: string;
	/** target_port. */
	port: string;
	route: string;
	routeType: string;
	successes: number;
	failures: number;
	latencyMs: Latencies;
}

/** The samples one query returned. */
export interface QueryResult {
	query: RouteQuery;
	samples: readonly PromSample[];
}

/** Go's uint64(v) on a count: truncated toward zero; NaN, ±Inf and negatives read as 0. */
export function truncCount(value: number): number {
	return Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0;
}

const TIMEOUT_ERRORS = new Set(['RESPONSE_HEADERS_TIMEOUT', 'REQUEST_TIMEOUT']);

function emptyCounts(): Counts {
	return {successes: 0, failures: 0, timeouts: 0, latencyMs: {p50: 0, p95: 0, p99: 0}};
}

/** HTTP: 5xx or any error is a failure. gRPC: anything but OK, or any error (stricter than the proxy). */
function addCounts(counts: Counts, sample: PromSample, protocol: 'http' | 'grpc'): void {
	const error = label(sample, 'error');
	const failed = protocol === 'http' ? label(sample, 'http_status').startsWith('5') || error !== '' : label(sample, 'grpc_status') !== 'OK' || error !== '';
	const n = truncCount(sample.value);
	if (failed) counts.failures += n;
	else counts.successes += n;
	if (TIMEOUT_ERRORS.has(error)) counts.timeouts += n;
}

function setLatency(latency: Latencies, quantile: Quantile | undefined, ms: number): void {
	if (quantile === '0.5') latency.p50 = ms;
	else if (quantile === '0.95') latency.p95 = ms;
	else if (quantile === '0.99') latency.p99 = ms;
}

/** `route_name="default"` reads `[default]`; `route_kind="default"` also blanks the type. */
function routeOf(sample: PromSample): {route: string; routeType: string} {
	let route = label(sample, 'route_name');
	let routeType = label(sample, 'route_kind');
	if (route === 'default') route = '[default]';
	if (routeType === 'default') {
		routeType = '';
		route = '[default]';
	}
	return {route, routeType};
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Ports as numbers when both are, so 80 comes before 7000. */
function comparePort(a: string, b: string): number {
	return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : compareText(a, b);
}

/** stat-outbound's rows: HTTP and gRPC samples share one map; equal keys are summed. */
export function assembleOutbound(resource: RouteMetricsResource, results: readonly QueryResult[]): OutboundRouteRow[] {
	const rows = new Map<string, OutboundRouteRow & {byBackend: Map<string, OutboundBackendRow>}>();
	const nameKey = nameLabel(resource);
	for (const {query, samples} of results) {
		for (const sample of samples) {
			const {route, routeType} = routeOf(sample);
			const name = label(sample, nameKey);
			const service = label(sample, 'parent_name');
			const port = label(sample, 'parent_port');
			const key = JSON.stringify([name, service, port, route, routeType]);
			let row = rows.get(key);
			if (!row) {
				row = {name, service, port, route, routeType, retries: 0, ...emptyCounts(), backends: [], byBackend: new Map()};
				rows.set(key, row);
			}
			let backend: OutboundBackendRow | undefined;
			if (query.role === 'backend-counts' || query.role === 'backend-latency') {
				const backendName = label(sample, 'backend_name');
				const backendPort = label(sample, 'backend_port');
				const backendKey = JSON.stringify([backendName, backendPort]);
				backend = row.byBackend.get(backendKey);
				if (!backend) {
					backend = {backend: backendName, backendPort, ...emptyCounts()};
					row.byBackend.set(backendKey, backend);
				}
			}
			switch (query.role) {
				case 'backend-counts':
					addCounts(backend!, sample, query.protocol);
					break;
				case 'backend-latency':
					setLatency(backend!.latencyMs, query.quantile, sample.value * 1000);
					break;
				case 'route-counts':
					addCounts(row, sample, query.protocol);
					break;
				case 'route-retries':
					row.retries += truncCount(sample.value);
					break;
				case 'route-latency':
					setLatency(row.latencyMs, query.quantile, sample.value * 1000);
					break;
				default:
					break;
			}
		}
	}
	const out: OutboundRouteRow[] = [];
	for (const {byBackend, ...row} of rows.values()) {
		row.backends = [...byBackend.values()].sort((a, b) => compareText(a.backend, b.backend) || comparePort(a.backendPort, b.backendPort));
		out.push(row);
	}
	return out.sort(
		(a, b) =>
			compareText(a.name, b.name) ||
			compareText(a.service, b.service) ||
			comparePort(a.port, b.port) ||
			compareText(a.route, b.route) ||
			compareText(a.routeType, b.routeType),
	);
}

/** stat-inbound's rows (§4): server `[default]` for a default server; latencies already in ms. */
export function assembleInbound(resource: RouteMetricsResource, results: readonly QueryResult[]): InboundRow[] {
	const rows = new Map<string, InboundRow>();
	const nameKey = nameLabel(resource);
	for (const {query, samples} of results) {
		for (const sample of samples) {
			const server = label(sample, 'srv_kind') === 'default' ? '[default]' : label(sample, 'srv_name');
			let route = label(sample, 'route_name');
			if (route === 'default') route = '[default]';
			const kind = label(sample, 'route_kind');
			const routeType = kind === 'default' ? '' : kind;
			const name = label(sample, nameKey);
			const port = label(sample, 'target_port');
			const key = JSON.stringify([name, server, port, route, routeType]);
			let row = rows.get(key);
			if (!row) {
				row = {name, server, port, route, routeType, successes: 0, failures: 0, latencyMs: {p50: 0, p95: 0, p99: 0}};
				rows.set(key, row);
			}
			if (query.role === 'inbound-counts') {
				if (label(sample, 'classification') === 'success') row.successes += truncCount(sample.value);
				else row.failures += truncCount(sample.value);
			} else if (query.role === 'inbound-latency') {
				setLatency(row.latencyMs, query.quantile, sample.value);
			}
		}
	}
	return [...rows.values()].sort(
		(a, b) =>
			compareText(a.name, b.name) ||
			compareText(a.server, b.server) ||
			comparePort(a.port, b.port) ||
			compareText(a.routeType, b.routeType) ||
			compareText(a.route, b.route),
	);
}
