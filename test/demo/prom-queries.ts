// The query strings linkerd viz sends, written out literally from linkerd-route-metrics.md
// §3.3 (stat-outbound, 18), §4 (stat-inbound, 4) and §6.2 (metrics-api Authz, 6) for one
// resource, so the stand-in is tested on exactly what the CLI and metrics-api send.

const outbound: Array<[string, 'rate' | 'quantile', string]> = [
	['outbound_http_route_backend_response_statuses_total', 'rate', 'parent_name, parent_port, backend_name, backend_port, route_name, route_kind, http_status, error'],
	['outbound_http_route_backend_response_duration_seconds_bucket', 'quantile', 'parent_name, parent_port, backend_name, backend_port, route_name, route_kind'],
	['outbound_http_route_request_statuses_total', 'rate', 'parent_name, parent_port, route_name, route_kind, http_status, error'],
	['outbound_http_route_retry_requests_total', 'rate', 'parent_name, parent_port, route_name, route_kind'],
	['outbound_http_route_request_duration_seconds_bucket', 'quantile', 'parent_name, parent_port, route_name, route_kind'],
];

/** stat-outbound's 18 queries for `-n NS deploy/NAME`. */
export function statOutboundQueries(namespace: string, deployment: string, window: string): string[] {
	const m = `{deployment="${deployment}", namespace="${namespace}"}`;
	const g = 'namespace, deployment';
	const queries: string[] = [];
	for (const proto of ['http', 'grpc']) {
		for (const [metric0, kind, labels0] of outbound) {
			const metric = metric0.replace('_http_', `_${proto}_`);
			const labels = proto === 'grpc' ? labels0.replace('http_status', 'grpc_status') : labels0;
			if (kind === 'rate') queries.push(`sum(increase(${metric}${m}[${window}])) by (${labels}, ${g})`);
			else for (const q of ['0.5', '0.95', '0.99']) queries.push(`histogram_quantile(${q}, sum(irate(${metric}${m}[${window}])) by (le, ${labels}, ${g}))`);
		}
	}
	return queries;
}

/** stat-inbound's 4 queries for `-n NS deploy/NAME`. */
export function statInboundQueries(namespace: string, deployment: string, window: string): string[] {
	const m = `{deployment="${deployment}", direction="inbound", namespace="${namespace}"}`;
	return [
		`sum(increase(response_total${m}[${window}])) by (srv_name, srv_kind, route_name, route_kind, classification, target_port, namespace, deployment)`,
		...['0.5', '0.95', '0.99'].map(q => `histogram_quantile(${q}, sum(irate(response_latency_ms_bucket${m}[${window}])) by (le, srv_name, srv_kind, route_name, route_kind, target_port, namespace, deployment))`),
	];
}

/** metrics-api Authz's 6 queries for deploy/NAME in NS. */
export function authzQueries(namespace: string, deployment: string, window: string): string[] {
	const l = `{deployment="${deployment}", namespace="${namespace}"}`;
	const l2 = `{deployment="${deployment}", direction="inbound", namespace="${namespace}"}`;
	const g = 'route_kind, route_name, authz_kind, authz_name, srv_kind, srv_name';
	return [
		`sum(increase(response_total${l2}[${window}])) by (${g}, classification, tls)`,
		`sum(increase(inbound_http_authz_allow_total${l}[${window}])) by (${g})`,
		`sum(increase(inbound_http_authz_deny_total${l}[${window}])) by (${g})`,
		...['0.5', '0.95', '0.99'].map(q => `histogram_quantile(${q}, sum(irate(response_latency_ms_bucket${l2}[${window}])) by (le, ${g}))`),
	];
}
