// The shapes of the demo mesh's policy world (spec linkerd-route-metrics.md §5, §7, §8): client-side
// routes on Services (Gateway API HTTPRoute/GRPCRoute), the Services still on a ServiceProfile,
// policy.linkerd.io Servers with their inbound routes and AuthorizationPolicies. Types only.

/** Which catalog requests a route takes: all given conditions must hold; no condition matches all. */
export interface RouteMatch {
	pathPrefix?: string;
	/** Exact, upper case. */
	methods?: string[];
	/** gRPC service (`package.Service`): the path's first segment. */
	grpcService?: string;
}

export interface BackendRef {
	service: string;
	port: number;
	weight: number;
}

/** A route whose parent is a Service: what client proxies route by (outbound). */
export interface OutboundRouteSpec {
	kind: 'HTTPRoute' | 'GRPCRoute';
	group: 'gateway.networking.k8s.io' | 'policy.linkerd.io';
	namespace: string;
	name: string;
	parent: {service: string; port: number};
	matches: RouteMatch[];
	/** Empty: the parent Service itself. */
	backends: BackendRef[];
	/** Linkerd's retry annotations (`retry.linkerd.io/http: 5xx`, `…/grpc`, `…/limit`). */
	retry?: {limit: number; http?: '5xx'; grpc?: string[]};
}

export interface ServerSpec {
	namespace: string;
	name: string;
	/** The workload whose pods it selects (podSelector app=<workload>), on the workload's port. */
	workload: string;
	proxyProtocol: 'HTTP/1' | 'HTTP/2' | 'gRPC';
}

/** A route whose parent is a Server: what the server's proxy labels inbound requests with. */
export interface InboundRouteSpec {
	namespace: string;
	name: string;
	server: string;
	matches: RouteMatch[];
}

export type ClientMatch =
	/** Mesh identities, as `<serviceaccount>.<namespace>` or `*.<namespace>`. */
	| {kind: 'mesh'; authn: string; identities: string[]}
	/** Client networks (CIDRs), with or without a mesh identity. */
	| {kind: 'network'; authn: string; cidrs: string[]};

export interface AuthorizationSpec {
	namespace: string;
	name: string;
	/** The Server it authorizes traffic to. */
	server: string;
	clients: ClientMatch;
}

export interface PolicySpec {
	outboundRoutes: OutboundRouteSpec[];
	/** `namespace/service` of the Services with a ServiceProfile that has routes (it wins over routes, §7.1). */
	profiles: string[];
	servers: ServerSpec[];
	inboundRoutes: InboundRouteSpec[];
	authorizations: AuthorizationSpec[];
	/** The cluster's default inbound policy, for pods no Server selects. */
	defaultPolicy: string;
}
