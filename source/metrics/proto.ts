// Loads proto/viz.proto once for both ends of linkerd2.viz.Api (our client and the demo's server).
// Options are fixed here so both ends agree on the JS shape: snake_case names as on the wire,
// uint64 as decimal strings (no Long objects leak out), absent messages as null, and the
// name of the set member of each oneof in a virtual field (e.g. `response: 'ok'`).
import {fileURLToPath} from 'node:url';
import {loadPackageDefinition, type GrpcObject, type ServiceClientConstructor} from '@grpc/grpc-js';
import {loadSync, type Options} from '@grpc/proto-loader';

export const VIZ_PROTO_PATH = fileURLToPath(new URL('../../proto/viz.proto', import.meta.url));

export const PROTO_LOADER_OPTIONS: Options = {
	keepCase: true,
	longs: String,
	enums: String,
	defaults: true,
	oneofs: true,
};

let cached: ServiceClientConstructor | undefined;

/** The generated client constructor; its `.service` is the definition a server registers. */
export function vizApi(): ServiceClientConstructor {
	if (!cached) {
		const definition = loadSync(VIZ_PROTO_PATH, PROTO_LOADER_OPTIONS);
		const linkerd2 = loadPackageDefinition(definition)['linkerd2'] as GrpcObject;
		const viz = linkerd2['viz'] as GrpcObject;
		cached = viz['Api'] as ServiceClientConstructor;
	}
	return cached;
}

// The decoded shapes under PROTO_LOADER_OPTIONS, only as far as meshtop reads them. Members of
// a oneof that are not set are absent rather than null.
export type U64 = string;

export interface ResourceMsg {
	namespace: string;
	type: string;
	name: string;
}

export interface ResourceErrorMsg {
	resource: ResourceMsg | null;
	error: string;
}

export interface BasicStatsMsg {
	success_count: U64;
	failure_count: U64;
	latency_ms_p50: U64;
	latency_ms_p95: U64;
	latency_ms_p99: U64;
	actual_success_count: U64;
	actual_failure_count: U64;
}

export interface StatRowMsg {
	resource: ResourceMsg | null;
	time_window: string;
	meshed_pod_count: U64;
	running_pod_count: U64;
	failed_pod_count: U64;
	stats: BasicStatsMsg | null;
	tcp_stats: {open_connections: U64; read_bytes_total: U64; write_bytes_total: U64} | null;
	status: string;
}

export interface StatSummaryResponseMsg {
	response?: 'ok' | 'error';
	ok?: {stat_tables: Array<{table?: 'pod_group'; pod_group?: {rows: StatRowMsg[]} | null}>} | null;
	error?: ResourceErrorMsg | null;
}

export interface EdgeMsg {
	src: ResourceMsg | null;
	dst: ResourceMsg | null;
	client_id: string;
	server_id: string;
	no_identity_msg: string;
}

export interface EdgesResponseMsg {
	response?: 'ok' | 'error';
	ok?: {edges: EdgeMsg[]} | null;
	error?: ResourceErrorMsg | null;
}

export interface RouteRowMsg {
	route: string;
	time_window: string;
	stats: BasicStatsMsg | null;
	authority: string;
}

export interface TopRoutesResponseMsg {
	response?: 'ok' | 'error';
	ok?: {routes: Array<{rows: RouteRowMsg[]; resource: string}>} | null;
	error?: ResourceErrorMsg | null;
}

export interface ServerStatsMsg {
	allowed_count: U64;
	denied_count: U64;
	srv: ResourceMsg | null;
	route: ResourceMsg | null;
	authz: ResourceMsg | null;
}

export interface AuthzRowMsg {
	resource: ResourceMsg | null;
	stats: BasicStatsMsg | null;
	srv_stats: ServerStatsMsg | null;
}

export interface AuthzResponseMsg {
	response?: 'ok' | 'error';
	ok?: {stat_table: {table?: 'pod_group'; pod_group?: {rows: AuthzRowMsg[]} | null} | null} | null;
	error?: ResourceErrorMsg | null;
}
