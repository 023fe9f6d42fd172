// A client proxy's outbound policy-route series (spec §5.1) for its share of each edge it
// calls: route statuses and durations per logical request (above retries), backend requests,
// statuses and durations per attempt (below), and the retry counters. Nothing for traffic a
// ServiceProfile routes (§7.1) or that is not addressed to a Service.
import {attemptOutcomes, grpcCodeNames, retryable, retryMath, type Outcome} from './outcomes.js';
import {outboundPolicy, type OutboundBinding} from './policy.js';
import {buckets, type Labels, type PlanBuilder} from './series-plan.js';
import type {EdgeSpec, Topology} from './topology-types.js';

const routeBuckets = buckets([0.05, 0.5, 1, 10], 1000);
const backendBuckets = buckets([0.025, 0.05, 0.1, 0.25, 0.5, 1, 10], 1000);

function parentLabels(b: OutboundBinding): Record<string, string> {
	return {
		parent_group: 'core', parent_kind: 'Service', parent_namespace: b.parent.namespace, parent_name: b.parent.name,
		parent_port: String(b.parent.port), parent_section_name: '',
		route_group: b.route.group, route_kind: b.route.kind, route_namespace: b.route.namespace, route_name: b.route.name,
	};
}

function backendLabels(b: OutboundBinding): Record<string, string> {
	return {
		backend_group: 'core', backend_kind: 'Service', backend_namespace: b.backend.namespace, backend_name: b.backend.name,
		backend_port: String(b.backend.port), backend_section_name: '',
	};
}

/** The request's URI host when it is a DNS name, else "" (PX `Route::new`). */
function hostname(edge: EdgeSpec): string {
	const host = edge.authority.replace(/:\d+$/, '');
	return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host) && !/^[\d.]+$/.test(host) ? host : '';
}

function statusLabels(o: Outcome, family: 'http' | 'grpc'): Record<string, string> {
	if (family === 'grpc') return {grpc_status: o.grpc === null ? 'UNKNOWN' : grpcCodeNames[o.grpc] ?? 'UNKNOWN', error: o.error};
	return {http_status: o.status === null ? '' : String(o.status), error: o.error};
}

/** Adds the series of `share` of the edge's traffic (one client pod's part) to `plan`. */
export function addOutbound(plan: PlanBuilder, topology: Topology, edge: EdgeSpec, share: number, target: Labels): void {
	const total = edge.routes.reduce((n, r) => n + r.weight, 0);
	for (const route of edge.routes) {
		const binding = outboundPolicy(topology, edge, route);
		if (binding.mode !== 'policy') continue;
		const attemptsPerS = (edge.rps * share * route.weight) / total;
		const fam = binding.family;
		const outcomes = attemptOutcomes(topology, edge, route);
		const isRetryable = (o: Outcome): boolean => retryable(o, binding.retry, fam);
		const math = retryMath(outcomes, isRetryable, binding.retry?.limit ?? 0);
		const logicalPerS = attemptsPerS / math.attempts;
		const p = parentLabels(binding);
		const routeLabels = {...target, ...p, hostname: hostname(edge)};
		const backend = {...target, ...p, ...backendLabels(binding)};
		const f = `outbound_${fam}_route`;
		plan.counter(`${f}_backend_requests_total`, backend, attemptsPerS);
		outcomes.forEach((o, i) => {
			const status = statusLabels(o, fam);
			plan.counter(`${f}_backend_response_statuses_total`, {...backend, ...status}, attemptsPerS * o.p);
			plan.counter(`${f}_request_statuses_total`, {...routeLabels, ...status}, logicalPerS * math.final[i]!);
		});
		const latency = outcomes.map(o => ({...o.latency, weight: o.p}));
		plan.histogram(`${f}_backend_response_duration_seconds`, backend, attemptsPerS, latency, backendBuckets);
		// Route durations span every attempt; the demo approximates them with one attempt's latency.
		plan.histogram(`${f}_request_duration_seconds`, routeLabels, logicalPerS, latency, routeBuckets);
		plan.counter(`${f}_retry_requests_total`, routeLabels, logicalPerS * math.retries);
		plan.counter(`${f}_retry_successes_total`, routeLabels, logicalPerS * math.retrySuccesses);
		plan.counter(`${f}_retry_limit_exceeded_total`, routeLabels, logicalPerS * math.limitExceeded);
		plan.counter(`${f}_retry_overflow_total`, routeLabels, 0);
	}
}
