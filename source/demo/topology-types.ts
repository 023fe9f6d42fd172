// The shapes of the demo mesh's topology: namespaces, workloads, edges, routes, nodes. Types
// only, so the catalog (data) and the topology builder (code) both read them without a cycle.
import type {PolicySpec} from './policy-types.js';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Job';
export type Protocol = 'http' | 'grpc';

export interface NamespaceSpec {
	name: string;
	/** Carries `linkerd.io/inject: enabled`. */
	injected: boolean;
	labels: Record<string, string>;
}

export interface WorkloadSpec {
	namespace: string;
	name: string;
	kind: WorkloadKind;
	replicas: number;
	meshed: boolean;
	serviceAccount: string;
	/** The Service in front of it, if any. */
	service?: string;
	port: number;
	protocol: Protocol;
	/** Pods carry `viz.linkerd.io/tap-enabled: "true"` (the tap injector ran). */
	tapEnabled: boolean;
	/** This many of its pods predate the tap injector: meshed but not tap-enabled. */
	podsWithoutTap?: number;
	/** Pods carry `viz.linkerd.io/disable-tap: "true"`. */
	disableTap?: boolean;
	ipv6?: boolean;
	/** hostNetwork: the pod IP is the node's, so the tap server hydrates it as `node=`. */
	hostNetwork?: boolean;
	/** The proxy runs with identity disabled (tls=disabled on both sides). */
	identityDisabled?: boolean;
	/** A Job that already finished: its pod is Succeeded, so it cannot be tapped. */
	completed?: boolean;
	/** Name of the CronJob that owns this Job. */
	cronJob?: string;
}

export type PeerRef =
	| {kind: 'workload'; namespace: string; name: string}
	| {kind: 'external'; ip: string; name: string};

export interface LatencySpec {
	medianMs: number;
	/** Spread in log space; 0.3 is tight, 0.9 is wide. */
	sigma: number;
	/** Probability of a slow outlier, and how much slower it is. */
	tailP: number;
	tailFactor: number;
}

export interface RouteSpec {
	method: string;
	/** `{id}` is replaced by a number per request. */
	path: string;
	/** ServiceProfile route name, sent as route_meta `route=` (only on Services with a profile). */
	spRoute?: string;
	weight: number;
	successRate: number;
	latency?: LatencySpec;
	responseBytes: number;
}

export interface TlsLabels {
	tls: string;
	[key: string]: string;
}

export interface EdgeSpec {
	id: number;
	client: PeerRef;
	server: PeerRef;
	/** Requests per second on this edge (already scaled to the mesh-wide rate). */
	rps: number;
	protocol: Protocol;
	authority: string;
	scheme: 'http' | 'https';
	port: number;
	routes: RouteSpec[];
	latency: LatencySpec;
	/** Share of requests reset before a response (req then end, no rsp). */
	resetRate: number;
	/** Overrides what the server's proxy reports about the client (source_meta on INBOUND). */
	inboundSourceTls?: TlsLabels;
	/** Overrides what the client's proxy reports about the server (destination_meta on OUTBOUND). */
	outboundDestinationTls?: TlsLabels;
	userAgent: string;
	/** Requests carry credentials (authorization, cookie, x-api-key). */
	secrets?: boolean;
	/** Some requests carry hostile strings (escape sequences, bidi overrides). */
	hostile?: boolean;
}

export interface NodeSpec {
	name: string;
	ip: string;
	zone: string;
}

export interface Topology {
	seed: number;
	eventsPerSecond: number;
	linkerdNamespace: string;
	trustDomain: string;
	nodes: NodeSpec[];
	namespaces: NamespaceSpec[];
	workloads: WorkloadSpec[];
	edges: EdgeSpec[];
	/** Routes, ServiceProfiles, Servers and authorizations (policy-catalog.ts). */
	policy: PolicySpec;
}
