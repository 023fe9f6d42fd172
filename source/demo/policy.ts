// What the policy world means for one edge of the demo's traffic: which Service, route and
// backend the client's proxy routes a request by (or a ServiceProfile instead, spec §7.1), and
// which Server, route and AuthorizationPolicy the server's proxy applies (or denies, §8.3).
// Pure; memoized per topology and edge/route, since the traffic and metrics ask it constantly.
import type {AuthorizationSpec, OutboundRouteSpec, RouteMatch} from './policy-types.js';
import {makePods} from './pods.js';
import type {EdgeSpec, RouteSpec, Topology, WorkloadSpec} from './topology-types.js';

export interface PolicyRef {
	group: string;
	kind: string;
	namespace: string;
	name: string;
}

export interface ServiceRef {
	namespace: string;
	name: string;
	port: number;
}

export interface OutboundBinding {
	mode: 'policy';
	parent: ServiceRef;
	route: PolicyRef;
	backend: ServiceRef;
	/** gRPC families only when the parent has a GRPCRoute (§5.1). */
	family: 'http' | 'grpc';
	retry?: OutboundRouteSpec['retry'];
}

/** `none`: no client proxy, or not addressed to a Service; `profile`: the ServiceProfile routes it. */
export type OutboundPolicy = {mode: 'none'} | {mode: 'profile'; service: ServiceRef} | OutboundBinding;

export interface InboundBinding {
	server: PolicyRef;
	serverPort: number;
	route: PolicyRef;
	/** null: no authorization matched, the request is denied before the router (§8.3). */
	authz: PolicyRef | null;
}

const defaultOutboundRoute: PolicyRef = {group: '', kind: 'default', namespace: '', name: 'http'};
const defaultInboundRoute: PolicyRef = {group: '', kind: 'default', namespace: '', name: 'default'};

const findService = (topology: Topology, namespace: string, name: string): WorkloadSpec | undefined =>
	topology.workloads.find(w => w.namespace === namespace && w.service === name);

/** The Service an authority names (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`, with or without a port). */
function addressedService(topology: Topology, edge: EdgeSpec, clientNamespace: string): WorkloadSpec | undefined {
	const host = edge.authority.replace(/:\d+$/, '');
	if (/^[\d.]+$/.test(host) || host.includes(':')) return undefined;
	const [name = '', namespace = clientNamespace] = host.split('.');
	return findService(topology, namespace, name);
}

function matches(match: RouteMatch, route: RouteSpec): boolean {
	if (match.pathPrefix !== undefined && !route.path.startsWith(match.pathPrefix)) return false;
	if (match.methods && !match.methods.includes(route.method)) return false;
	if (match.grpcService !== undefined && route.path.split('/')[1] !== match.grpcService) return false;
	return true;
}

/** Longest matching path prefix wins, then the name (Gateway API precedence, simplified). */
function pickRoute<T extends {name: string; matches: RouteMatch[]}>(candidates: readonly T[], route: RouteSpec): T | undefined {
	const score = (c: T): number => Math.max(-1, ...c.matches.filter(m => matches(m, route)).map(m => m.pathPrefix?.length ?? 0));
	return candidates
		.filter(c => score(c) >= 0)
		.sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name))[0];
}

function resolveOutbound(topology: Topology, edge: EdgeSpec, route: RouteSpec): OutboundPolicy {
	const {client: from, server: to} = edge;
	if (from.kind !== 'workload' || to.kind !== 'workload') return {mode: 'none'};
	const client = topology.workloads.find(w => w.namespace === from.namespace && w.name === from.name);
	const server = topology.workloads.find(w => w.namespace === to.namespace && w.name === to.name);
	if (!client?.meshed || !server) return {mode: 'none'};
	const parentWorkload = addressedService(topology, edge, client.namespace);
	if (!parentWorkload) return {mode: 'none'};
	const parent: ServiceRef = {namespace: parentWorkload.namespace, name: parentWorkload.service!, port: parentWorkload.port};
	if (topology.policy.profiles.includes(`${parent.namespace}/${parent.name}`)) return {mode: 'profile', service: parent};
	const backend: ServiceRef = {namespace: server.namespace, name: server.service ?? parent.name, port: server.port};
	const routes = topology.policy.outboundRoutes.filter(r => r.namespace === parent.namespace && r.parent.service === parent.name && r.parent.port === parent.port);
	const family = routes.some(r => r.kind === 'GRPCRoute') ? 'grpc' : 'http';
	const chosen = pickRoute(routes.filter(r => (family === 'grpc') === (r.kind === 'GRPCRoute')), route);
	if (!chosen) return {mode: 'policy', parent, route: defaultOutboundRoute, backend, family};
	return {
		mode: 'policy', parent, backend, family,
		route: {group: chosen.group, kind: chosen.kind, namespace: chosen.namespace, name: chosen.name},
		...(chosen.retry ? {retry: chosen.retry} : {}),
	};
}

interface ClientFacts {
	/** `<serviceaccount>.<namespace>` when the server's proxy sees a mesh identity. */
	identity?: string;
	ip: string;
}

function clientFacts(topology: Topology, edge: EdgeSpec): ClientFacts {
	if (edge.client.kind === 'external') return {ip: edge.client.ip};
	const {namespace, name} = edge.client;
	const workload = topology.workloads.find(w => w.namespace === namespace && w.name === name)!;
	const ip = workload.hostNetwork ? topology.nodes[0]!.ip : makePods(topology, workload, 0)[0]?.ip ?? '';
	const mtls = edge.inboundSourceTls === undefined && workload.meshed && !workload.identityDisabled;
	return mtls ? {identity: `${workload.serviceAccount}.${workload.namespace}`, ip} : {ip};
}

/** IPv4 CIDRs of any length; for IPv6 only `::/0` (the demo needs no more). */
function inCidr(ip: string, cidr: string): boolean {
	const [base = '', bitsText = '32'] = cidr.split('/');
	const bits = Number(bitsText);
	if (ip.includes(':') !== base.includes(':')) return false;
	if (bits === 0) return true;
	if (ip.includes(':')) return false;
	const num = (a: string): number => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
	const block = 2 ** (32 - bits);
	return Math.floor(num(ip) / block) === Math.floor(num(base) / block);
}

function authorizes(authz: AuthorizationSpec, client: ClientFacts): boolean {
	if (authz.clients.kind === 'network') return authz.clients.cidrs.some(c => inCidr(client.ip, c));
	const identity = client.identity;
	if (!identity) return false;
	return authz.clients.identities.some(id => id === identity || (id.startsWith('*.') && identity.endsWith(id.slice(1))));
}

function resolveInbound(topology: Topology, edge: EdgeSpec, route: RouteSpec): InboundBinding {
	const policy = topology.policy;
	const {namespace, name} = edge.server as {namespace: string; name: string};
	const workload = topology.workloads.find(w => w.namespace === namespace && w.name === name)!;
	const server = policy.servers.find(s => s.namespace === namespace && s.workload === name);
	if (!server) {
		const ref: PolicyRef = {group: '', kind: 'default', namespace: '', name: policy.defaultPolicy};
		return {server: ref, serverPort: workload.port, route: defaultInboundRoute, authz: ref};
	}
	const inbound = pickRoute(policy.inboundRoutes.filter(r => r.namespace === namespace && r.server === server.name), route);
	const client = clientFacts(topology, edge);
	const authz = policy.authorizations.find(a => a.namespace === namespace && a.server === server.name && authorizes(a, client));
	return {
		server: {group: 'policy.linkerd.io', kind: 'server', namespace, name: server.name},
		serverPort: workload.port,
		route: inbound ? {group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace, name: inbound.name} : defaultInboundRoute,
		authz: authz ? {group: 'policy.linkerd.io', kind: 'authorizationpolicy', namespace, name: authz.name} : null,
	};
}

const memo = new WeakMap<Topology, Map<string, {out: OutboundPolicy; in?: InboundBinding}>>();

function lookup(topology: Topology, edge: EdgeSpec, route: RouteSpec): {out: OutboundPolicy; in?: InboundBinding} {
	let byKey = memo.get(topology);
	if (!byKey) memo.set(topology, (byKey = new Map()));
	const key = `${edge.id}:${edge.routes.indexOf(route)}`;
	let entry = byKey.get(key);
	if (!entry) {
		entry = {out: resolveOutbound(topology, edge, route), ...(edge.server.kind === 'workload' ? {in: resolveInbound(topology, edge, route)} : {})};
		byKey.set(key, entry);
	}
	return entry;
}

export function outboundPolicy(topology: Topology, edge: EdgeSpec, route: RouteSpec): OutboundPolicy {
	return lookup(topology, edge, route).out;
}

/** Undefined when the server is not a pod of the mesh. */
export function inboundPolicy(topology: Topology, edge: EdgeSpec, route: RouteSpec): InboundBinding | undefined {
	return lookup(topology, edge, route).in;
}

/** The server's proxy refuses this edge's requests (a meshed server with no matching authorization). */
export function deniedEdge(topology: Topology, edge: EdgeSpec): boolean {
	if (edge.server.kind !== 'workload' || edge.routes.length === 0) return false;
	const {namespace, name} = edge.server;
	if (!topology.workloads.find(w => w.namespace === namespace && w.name === name)?.meshed) return false;
	return inboundPolicy(topology, edge, edge.routes[0]!)?.authz === null;
}
