// The six PromQL queries metrics-api's Authz runs for a resource (route-metrics spec §6.2), as
// exact strings: L = QueryLabels(resource) with the policy-type cases, L′ = L plus
// direction="inbound", grouped by the six policy labels. Pure.

/** The labels every Authz row is keyed by, in the order metrics-api groups by them. */
export const AUTHZ_GROUP = ['route_kind', 'route_name', 'authz_kind', 'authz_name', 'srv_kind', 'srv_name'] as const;

export const AUTHZ_QUANTILES = ['0.5', '0.95', '0.99'] as const;

export interface AuthzResource {
	namespace: string;
	type: string;
	name: string;
}

/** QueryLabels: the matchers for a resource, before rendering. */
export function authzLabels(resource: AuthzResource): Record<string, string> {
	const labels: Record<string, string> = {};
	const {type, name} = resource;
	if (name !== '') {
		if (type === 'server') {
			labels['srv_kind'] = 'server';
			labels['srv_name'] = name;
		} else if (type === 'serverauthorization' || type === 'authorizationpolicy') {
			labels['authz_kind'] = type;
			labels['authz_name'] = name;
		} else if (type === 'httproute') {
			labels['route_name'] = name;
		} else if (type !== 'service') {
			// The workload labels viz Prometheus copies from the pod; a job's is k8s_job.
			labels[type === 'job' ? 'k8s_job' : type] = name;
		}
	}
	if (type !== 'namespace' && resource.namespace !== '') labels['namespace'] = resource.namespace;
	return labels;
}

/**
 * A label set as Prometheus's LabelSet.String() writes it: names sorted, `name="value"` joined by
 * ", " in braces. Values are Go-quoted; JSON quoting is the same for Kubernetes names.
 */
export function renderLabels(labels: Record<string, string>): string {
	const names = Object.keys(labels).sort();
	return `{${names.map(n => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

export interface AuthzQueries {
	responses: string;
	allow: string;
	deny: string;
	/** p50, p95, p99 in that order. */
	quantiles: [string, string, string];
}

export function authzQueries(resource: AuthzResource, window: string): AuthzQueries {
	const l = authzLabels(resource);
	const L = renderLabels(l);
	const inbound = renderLabels({...l, direction: 'inbound'});
	const g = AUTHZ_GROUP.join(', ');
	const [q50, q95, q99] = AUTHZ_QUANTILES.map(
		q => `histogram_quantile(${q}, sum(irate(response_latency_ms_bucket${inbound}[${window}])) by (le, ${g}))`,
	) as [string, string, string];
	return {
		responses: `sum(increase(response_total${inbound}[${window}])) by (${g}, classification, tls)`,
		allow: `sum(increase(inbound_http_authz_allow_total${L}[${window}])) by (${g})`,
		deny: `sum(increase(inbound_http_authz_deny_total${L}[${window}])) by (${g})`,
		quantiles: [q50, q95, q99],
	};
}
