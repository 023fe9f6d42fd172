// What a metrics-api would report for the demo mesh, derived from the same topology the
// traffic comes from: per-workload inbound golden metrics, per-edge traffic, ServiceProfile
// routes and mTLS edges. Pure and deterministic for a seed (latency quantiles come from a
// fixed sample of the edge's latency model).
import type {PodState} from './pods.js';
import {deniedEdge} from './policy.js';
import {createRng, mixSeed} from './prng.js';
import {findWorkload, kindLabel, workloadIdentity, type EdgeSpec, type RouteSpec, type Topology, type WorkloadSpec} from './topology.js';

export interface GoldenStats {
	successCount: number;
	failureCount: number;
	/** (success + failure) / window seconds. */
	rps: number;
	latencyMsP50: number;
	latencyMsP95: number;
	latencyMsP99: number;
}

export interface WorkloadStats extends GoldenStats {
	namespace: string;
	/** Linkerd resource type: deployment, statefulset, daemonset, k8s_job... */
	type: string;
	name: string;
	meshedPodCount: number;
	runningPodCount: number;
	/** Open TCP connections to it, a rough figure (one per client pod per edge). */
	tcpOpenConnections: number;
}

export interface RouteStats extends GoldenStats {
	/** ServiceProfile route name, or [DEFAULT] for traffic no route matched. */
	route: string;
	/** The Service name, as TopRoutes reports it. */
	authority: string;
}

export interface MeshEdge {
	src: {namespace: string; type: string; name: string};
	dst: {namespace: string; type: string; name: string};
	clientId: string;
	serverId: string;
	/** Raw no_tls_reason ('' when secured). */
	noTlsReason: string;
}

const samplesPerEdge = 400;

function routeFailure(topology: Topology, edge: EdgeSpec, route: RouteSpec): number {
	// A denial is a 403 (a success to the classifier) or gRPC PermissionDenied (a failure).
	if (deniedEdge(topology, edge)) return edge.protocol === 'grpc' ? 1 : 0;
	return edge.resetRate + (1 - edge.resetRate) * (1 - route.successRate);
}

interface Slice {
	edge: EdgeSpec;
	route: RouteSpec;
	rps: number;
}

function slices(edges: readonly EdgeSpec[], keep: (edge: EdgeSpec, route: RouteSpec) => boolean = () => true): Slice[] {
	return edges.flatMap(edge => {
		const total = edge.routes.reduce((sum, r) => sum + r.weight, 0);
		return edge.routes.filter(r => keep(edge, r)).map(route => ({edge, route, rps: (edge.rps * route.weight) / total}));
	});
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function golden(topology: Topology, parts: Slice[], windowSeconds: number): GoldenStats {
	let success = 0;
	let failure = 0;
	const samples: number[] = [];
	for (const part of parts) {
		const count = part.rps * windowSeconds;
		const failRate = routeFailure(topology, part.edge, part.route);
		success += count * (1 - failRate);
		failure += count * failRate;
		const rng = createRng(mixSeed(topology.seed, part.edge.id, part.edge.routes.indexOf(part.route), 0x57a7));
		const spec = part.route.latency ?? part.edge.latency;
		const n = Math.max(1, Math.round((samplesPerEdge * part.rps) / Math.max(part.edge.rps, 1e-9)));
		for (let i = 0; i < n; i++) {
			let ms = rng.lognormal(spec.medianMs, spec.sigma);
			if (rng.chance(spec.tailP)) ms *= spec.tailFactor;
			samples.push(ms);
		}
	}
	samples.sort((a, b) => a - b);
	const s = Math.round(success);
	const f = Math.round(failure);
	const any = s + f > 0;
	return {
		successCount: s,
		failureCount: f,
		rps: windowSeconds > 0 ? (s + f) / windowSeconds : 0,
		latencyMsP50: any ? Math.round(quantile(samples, 0.5)) : 0,
		latencyMsP95: any ? Math.round(quantile(samples, 0.95)) : 0,
		latencyMsP99: any ? Math.round(quantile(samples, 0.99)) : 0,
	};
}

/** Inbound traffic the server's proxy lets through: denied requests never reach its metrics (§8.3). */
const servesWorkload = (topology: Topology, edge: EdgeSpec, workload: WorkloadSpec): boolean =>
	edge.server.kind === 'workload' && edge.server.namespace === workload.namespace && edge.server.name === workload.name
	&& !deniedEdge(topology, edge);

function podCount(topology: Topology, workload: WorkloadSpec): number {
	if (workload.completed) return 0;
	return workload.kind === 'DaemonSet' ? topology.nodes.length : workload.replicas;
}

/** Inbound golden metrics of every workload in a namespace ('' = all), like StatSummary. */
export function workloadStats(topology: Topology, namespace: string, windowSeconds: number): WorkloadStats[] {
	return topology.workloads
		.filter(w => namespace === '' || w.namespace === namespace)
		.map(workload => {
			const inbound = topology.edges.filter(edge => servesWorkload(topology, edge, workload));
			const running = podCount(topology, workload);
			return {
				namespace: workload.namespace,
				type: kindLabel(workload.kind),
				name: workload.name,
				meshedPodCount: workload.meshed ? running : 0,
				runningPodCount: running,
				tcpOpenConnections: inbound.length * 2,
				...golden(topology, slices(inbound), windowSeconds),
			};
		});
}

export interface PodStats extends GoldenStats {
	namespace: string;
	name: string;
	meshed: boolean;
	running: boolean;
	tcpOpenConnections: number;
}

/**
 * Inbound golden metrics of each pod, like StatSummary for type pod (Prometheus's `pod` label):
 * its workload's inbound traffic split evenly over the workload's running pods.
 */
export function podStats(topology: Topology, pods: readonly PodState[], windowSeconds: number): PodStats[] {
	return pods.map(pod => {
		const running = pod.phase === 'Running';
		const replicas = Math.max(1, pods.filter(p => p.workload === pod.workload && p.phase === 'Running').length);
		const inbound = running && pod.meshed ? topology.edges.filter(edge => servesWorkload(topology, edge, pod.workload)) : [];
		const parts = slices(inbound).map(part => ({...part, rps: part.rps / replicas}));
		return {
			namespace: pod.namespace,
			name: pod.name,
			meshed: pod.meshed,
			running,
			tcpOpenConnections: Math.ceil((inbound.length * 2) / replicas),
			...golden(topology, parts, windowSeconds),
		};
	});
}

/** Inbound golden metrics of a whole namespace (Prometheus's `namespace` label): every meshed server in it. */
export function namespaceStats(topology: Topology, namespace: string, windowSeconds: number): GoldenStats & {tcpOpenConnections: number} {
	const servers = topology.workloads.filter(w => w.namespace === namespace && w.meshed && !w.completed);
	const inbound = topology.edges.filter(edge => servers.some(w => servesWorkload(topology, edge, w)));
	return {tcpOpenConnections: inbound.length * 2, ...golden(topology, slices(inbound), windowSeconds)};
}

/** Golden metrics of the traffic one workload sends to another, like StatSummary with to_resource. */
export function edgeStats(topology: Topology, from: {namespace: string; name: string}, to: {namespace: string; name: string}, windowSeconds: number): GoldenStats {
	const edges = topology.edges.filter(e => e.client.kind === 'workload' && e.client.namespace === from.namespace && e.client.name === from.name
		&& e.server.kind === 'workload' && e.server.namespace === to.namespace && e.server.name === to.name);
	return golden(topology, slices(edges), windowSeconds);
}

/** ServiceProfile routes of a workload's inbound traffic, plus [DEFAULT], like TopRoutes. */
export function routeStats(topology: Topology, namespace: string, name: string, windowSeconds: number): RouteStats[] {
	const workload = findWorkload(topology, namespace, name);
	if (!workload) return [];
	const inbound = topology.edges.filter(edge => servesWorkload(topology, edge, workload));
	const names = [...new Set(inbound.flatMap(e => e.routes.map(r => r.spRoute)).filter((r): r is string => r !== undefined))].sort();
	const authority = workload.service ?? workload.name;
	const rows = names.map(route => ({route, authority, ...golden(topology, slices(inbound, (_e, r) => r.spRoute === route), windowSeconds)}));
	rows.push({route: '[DEFAULT]', authority, ...golden(topology, slices(inbound, (_e, r) => r.spRoute === undefined), windowSeconds)});
	return rows;
}

/** Open-connection edges with either end in the namespace ('' = all), like Edges. */
export function meshEdges(topology: Topology, namespace: string): MeshEdge[] {
	const out: MeshEdge[] = [];
	const seen = new Set<string>();
	for (const edge of topology.edges) {
		if (edge.client.kind !== 'workload' || edge.server.kind !== 'workload') continue;
		const client = findWorkload(topology, edge.client.namespace, edge.client.name);
		const server = findWorkload(topology, edge.server.namespace, edge.server.name);
		// Only a meshed client's proxy reports outbound connections.
		if (!client || !server || !client.meshed) continue;
		if (namespace !== '' && client.namespace !== namespace && server.namespace !== namespace) continue;
		const key = `${client.namespace}/${client.name}>${server.namespace}/${server.name}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const override = edge.outboundDestinationTls?.tls;
		const secured = override === undefined && server.meshed && !server.identityDisabled && !client.identityDisabled;
		out.push({
			src: {namespace: client.namespace, type: kindLabel(client.kind), name: client.name},
			dst: {namespace: server.namespace, type: kindLabel(server.kind), name: server.name},
			clientId: client.identityDisabled ? '' : workloadIdentity(topology, client),
			serverId: secured ? workloadIdentity(topology, server) : '',
			noTlsReason: secured ? '' : override ?? 'not_provided_by_service_discovery',
		});
	}
	return out;
}
