// Authz RPC rows → AuthzRow (route-metrics spec §6.1). Pure. Counts arrive as uint64 decimal
// strings; the rows metrics-api sends are few and small, so doubles hold them exactly.
import type {AuthzRow, PolicyRef} from '../model/authz.js';
import type {AuthzRowMsg, ResourceMsg, U64} from './proto.js';

function count(value: U64 | undefined | null): number {
	const n = Number(value ?? 0);
	return Number.isFinite(n) ? n : 0;
}

function ref(resource: ResourceMsg | null | undefined): PolicyRef {
	return {kind: resource?.type ?? '', name: resource?.name ?? ''};
}

export function toAuthzRow(row: AuthzRowMsg): AuthzRow {
	const srv = row.srv_stats;
	return {
		server: ref(srv?.srv),
		route: ref(srv?.route),
		authz: ref(srv?.authz),
		allowed: count(srv?.allowed_count),
		denied: count(srv?.denied_count),
		success: count(row.stats?.success_count),
		failure: count(row.stats?.failure_count),
		p50Ms: count(row.stats?.latency_ms_p50),
		p95Ms: count(row.stats?.latency_ms_p95),
		p99Ms: count(row.stats?.latency_ms_p99),
	};
}
