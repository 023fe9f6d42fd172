// The PromQL of `linkerd viz stat-outbound` (18 queries) and `stat-inbound` (4), verbatim
// (linkerd-route-metrics.md §3.2, §3.3, §4): label matchers from the resource, the grouping
// labels, and the two query shapes. Pure.
import type {Resource} from '../resource.js';

export type Direction = 'outbound' | 'inbound';

/** What a route-metrics query selects: a workload (name optional) in a namespace, or ns/X. */
export type RouteMetricsResource = Pick<Resource, 'type' | 'name' | 'namespace'>;

export type Quantile = '0.5' | '0.95' | '0.99';
export const quantiles: readonly Quantile[] = ['0.5', '0.95', '0.99'];

/** Which rows a query's samples feed (§3.4): route or backend counts, retries, latencies. */
export type QueryRole = 'backend-counts' | 'backend-latency' | 'route-counts' | 'route-retries' | 'route-latency' | 'inbound-counts' | 'inbound-latency';

export interface RouteQuery {
	role: QueryRole;
	protocol: 'http' | 'grpc';
	/** Set for histogram_quantile queries. */
	quantile?: Quantile;
	promql: string;
}

/** The Prometheus label that carries the resource's name: the type, except job → k8s_job (KindToL5DLabel). */
export function typeLabel(type: string): string {
	return type === 'job' ? 'k8s_job' : type;
}

/** Go's %q for the ASCII and Unicode a label value can hold. */
function goQuote(value: string): string {
	let out = '"';
	for (const ch of value) {
		const cp = ch.codePointAt(0)!;
		if (ch === '"' || ch === '\\') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\r') out += '\\r';
		else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

/** Matchers M (§3.2): extra labels, the name, the namespace; rendered sorted as PCM's LabelSet.String. */
export function labelMatchers(resource: RouteMetricsResource, extra: Record<string, string> = {}): string {
	const set: Record<string, string> = {...extra};
	if (resource.name !== '') set[typeLabel(resource.type)] = resource.name;
	if (resource.type !== 'namespace' && resource.namespace !== '') set['namespace'] = resource.namespace;
	const names = Object.keys(set).sort();
	return `{${names.map(name => `${name}=${goQuote(set[name]!)}`).join(', ')}}`;
}

/** Grouping suffix G: namespace, then the type label unless the type is namespace. */
export function groupingLabels(resource: RouteMetricsResource): string[] {
	return resource.type === 'namespace' ? ['namespace'] : ['namespace', typeLabel(resource.type)];
}

/** The label whose value is a result row's NAME. */
export function nameLabel(resource: RouteMetricsResource): string {
	return typeLabel(resource.type);
}

function rateQuery(metric: string, matchers: string, window: string, labels: readonly string[]): string {
	return `sum(increase(${metric}${matchers}[${window}])) by (${labels.join(', ')})`;
}

function quantileQuery(q: Quantile, metric: string, matchers: string, window: string, labels: readonly string[]): string {
	return `histogram_quantile(${q}, sum(irate(${metric}${matchers}[${window}])) by (le, ${labels.join(', ')}))`;
}

const parent = ['parent_name', 'parent_port'];
const route = ['route_name', 'route_kind'];
const backend = ['backend_name', 'backend_port'];

/** The 18 queries of stat-outbound, in the CLI's order (http then grpc; §3.3 table). */
export function outboundQueries(resource: RouteMetricsResource, window: string): RouteQuery[] {
	const m = labelMatchers(resource);
	const g = groupingLabels(resource);
	const queries: RouteQuery[] = [];
	for (const protocol of ['http', 'grpc'] as const) {
		const status = `${protocol}_status`;
		const family = `outbound_${protocol}_route`;
		queries.push({role: 'backend-counts', protocol, promql: rateQuery(`${family}_backend_response_statuses_total`, m, window, [...parent, ...backend, ...route, status, 'error', ...g])});
		for (const q of quantiles) {
			queries.push({role: 'backend-latency', protocol, quantile: q, promql: quantileQuery(q, `${family}_backend_response_duration_seconds_bucket`, m, window, [...parent, ...backend, ...route, ...g])});
		}
		queries.push({role: 'route-counts', protocol, promql: rateQuery(`${family}_request_statuses_total`, m, window, [...parent, ...route, status, 'error', ...g])});
		queries.push({role: 'route-retries', protocol, promql: rateQuery(`${family}_retry_requests_total`, m, window, [...parent, ...route, ...g])});
		for (const q of quantiles) {
			queries.push({role: 'route-latency', protocol, quantile: q, promql: quantileQuery(q, `${family}_request_duration_seconds_bucket`, m, window, [...parent, ...route, ...g])});
		}
	}
	return queries;
}

/** The 4 queries of stat-inbound (§4): the legacy endpoint families, direction="inbound". */
export function inboundQueries(resource: RouteMetricsResource, window: string): RouteQuery[] {
	const m = labelMatchers(resource, {direction: 'inbound'});
	const g = groupingLabels(resource);
	const server = ['srv_name', 'srv_kind', ...route];
	return [
		{role: 'inbound-counts', protocol: 'http', promql: rateQuery('response_total', m, window, [...server, 'classification', 'target_port', ...g])},
		...quantiles.map((q): RouteQuery => ({role: 'inbound-latency', protocol: 'http', quantile: q, promql: quantileQuery(q, 'response_latency_ms_bucket', m, window, [...server, 'target_port', ...g])})),
	];
}

export function routeQueries(direction: Direction, resource: RouteMetricsResource, window: string): RouteQuery[] {
	return direction === 'outbound' ? outboundQueries(resource, window) : inboundQueries(resource, window);
}

/**
 * The window in seconds, as Go's time.ParseDuration reads it for RPS (`30s`, `1m`, `1h30m`,
 * `500ms`; whole numbers only, as Prometheus wants); undefined when it is not one.
 */
export function windowSeconds(window: string): number | undefined {
	const units: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600};
	const parts = [...window.matchAll(/(\d+)(ms|s|m|h)/g)];
	if (parts.length === 0 || parts.map(p => p[0]).join('') !== window) return undefined;
	const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
	return seconds > 0 ? seconds : undefined;
}
