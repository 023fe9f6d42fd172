// A server proxy's inbound series for its share of each edge that calls it (spec §5.3, §5.4):
// the legacy request_total, response_total and response_latency_ms (ms buckets) with the
// target, TLS, srv_/route_/authz_ labels, and inbound_http_authz_allow_total / _deny_total.
// Denied requests appear only in the deny counter (§8.3).
import {attemptOutcomes, type Outcome} from './outcomes.js';
import type {PodState} from './pods.js';
import {inboundPolicy, type PolicyRef} from './policy.js';
import {buckets, type Labels, type PlanBuilder} from './series-plan.js';
import {workloadIdentity, type EdgeSpec, type Topology} from './topology.js';

const latencyBuckets = buckets([1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000], 1);

/** The TLS labels the server's proxy writes about the client (§5.3 item 4). */
export function inboundTlsLabels(topology: Topology, edge: EdgeSpec): Record<string, string> {
	const override = edge.inboundSourceTls;
	if (override) {
		if (override.tls === 'disabled') return {tls: 'disabled'};
		if (override.tls === 'passthru') return {tls: 'opaque', sni: override['sni'] ?? ''};
		return {tls: 'no_identity', no_tls_reason: override.tls};
	}
	const peer = edge.client;
	const client = peer.kind === 'workload' ? topology.workloads.find(w => w.namespace === peer.namespace && w.name === peer.name) : undefined;
	if (client?.meshed && !client.identityDisabled) return {tls: 'true', client_id: workloadIdentity(topology, client)};
	return {tls: 'no_identity', no_tls_reason: 'no_tls_from_remote'};
}

const refLabels = (prefix: string, ref: PolicyRef | null): Record<string, string> =>
	({[`${prefix}_group`]: ref?.group ?? '', [`${prefix}_kind`]: ref?.kind ?? '', [`${prefix}_name`]: ref?.name ?? ''});

function responseLabels(o: Outcome): Record<string, string> {
	const failed = o.status === null || o.status >= 500 || (o.grpc !== null && [2, 4, 7, 13, 14, 15].includes(o.grpc));
	return {
		status_code: o.status === null ? '' : String(o.status),
		classification: failed ? 'failure' : 'success',
		grpc_status: o.grpc === null ? '' : String(o.grpc),
		error: '',
	};
}

/** Adds the series of `share` of the edge's traffic (one server pod's part) to `plan`. */
export function addInbound(plan: PlanBuilder, topology: Topology, edge: EdgeSpec, share: number, pod: PodState, target: Labels): void {
	const total = edge.routes.reduce((n, r) => n + r.weight, 0);
	const port = pod.workload.port;
	const addr = pod.ip.includes(':') ? `[${pod.ip}]:${port}` : `${pod.ip}:${port}`;
	const targetLabels = {target_addr: addr, target_ip: pod.ip, target_port: String(port)};
	const tls = inboundTlsLabels(topology, edge);
	for (const route of edge.routes) {
		const binding = inboundPolicy(topology, edge, route);
		if (!binding) continue;
		const perS = (edge.rps * share * route.weight) / total;
		const srv = {...refLabels('srv', binding.server), srv_port: String(binding.serverPort)};
		const routeRef = refLabels('route', binding.route);
		if (binding.authz === null) {
			plan.counter('inbound_http_authz_deny_total', {...target, ...targetLabels, ...srv, ...routeRef, ...tls}, perS);
			continue;
		}
		const authz = refLabels('authz', binding.authz);
		plan.counter('inbound_http_authz_allow_total', {...target, ...targetLabels, ...srv, ...routeRef, ...authz, ...tls}, perS);
		const base = {...target, direction: 'inbound', ...targetLabels, ...tls, ...srv, ...routeRef, ...authz};
		plan.counter('request_total', base, perS);
		for (const o of attemptOutcomes(topology, edge, route)) {
			const labels = responseLabels(o);
			plan.counter('response_total', {...base, ...labels}, perS * o.p);
			plan.histogram('response_latency_ms', {...base, status_code: labels.status_code!}, perS * o.p, [o.latency], latencyBuckets);
		}
	}
}
