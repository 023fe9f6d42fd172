// Decoded metrics-api messages → meshtop rows, with the arithmetic of `linkerd viz stat`
// (spec §5). Pure: no I/O, no clock.
import type {BasicStatsMsg, EdgeMsg, RouteRowMsg, StatRowMsg} from './proto.js';
import type {MeshEdge, RouteStats, WorkloadStats} from '../model/metrics.js';

const UNIT_SECONDS: Record<string, number> = {
	ns: 1e-9,
	us: 1e-6,
	µs: 1e-6,
	ms: 1e-3,
	s: 1,
	m: 60,
	h: 3600,
};

/** Seconds in a Go duration string ("1m", "15s", "1m30s"); null when it does not parse or is zero. */
export function windowSeconds(window: string): number | null {
	if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(window)) return null;
	let total = 0;
	for (const [, value, , unit] of window.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
		total += Number(value) * UNIT_SECONDS[unit!]!;
	}
	return total > 0 ? total : null;
}

function num(value: string | number | null | undefined): number {
	const n = Number(value ?? 0);
	return Number.isFinite(n) ? n : 0;
}

type Golden = Pick<WorkloadStats, 'hasData' | 'successRate' | 'rps' | 'p50Ms' | 'p95Ms' | 'p99Ms'>;

/** Success rate, rate and latencies from BasicStats; all null when no counter moved. */
export function golden(stats: BasicStatsMsg | null, window: string): Golden {
	const success = num(stats?.success_count);
	const failure = num(stats?.failure_count);
	const hasData = success + failure + num(stats?.actual_success_count) + num(stats?.actual_failure_count) > 0;
	if (!stats || !hasData) {
		return {hasData: false, successRate: null, rps: null, p50Ms: null, p95Ms: null, p99Ms: null};
	}
	const total = success + failure;
	const seconds = windowSeconds(window);
	return {
		hasData,
		// linkerd prints 0% when only the actual_* counters moved; so do we.
		successRate: total === 0 ? 0 : success / total,
		rps: seconds === null ? null : total / seconds,
		p50Ms: num(stats.latency_ms_p50),
		p95Ms: num(stats.latency_ms_p95),
		p99Ms: num(stats.latency_ms_p99),
	};
}

export function toWorkloadStats(row: StatRowMsg, requestedWindow: string): WorkloadStats {
	const window = row.time_window || requestedWindow;
	const g = golden(row.stats, window);
	return {
		namespace: row.resource?.namespace ?? '',
		type: row.resource?.type ?? '',
		name: row.resource?.name ?? '',
		meshedPods: num(row.meshed_pod_count),
		runningPods: num(row.running_pod_count),
		failedPods: num(row.failed_pod_count),
		...g,
		tcpConnections: g.hasData && row.tcp_stats ? num(row.tcp_stats.open_connections) : null,
		timeWindow: window,
	};
}

export function isSecured(serverId: string, noIdentityMsg: string): boolean {
	return serverId !== '' && noIdentityMsg === '';
}

export function toMeshEdge(edge: EdgeMsg): MeshEdge {
	return {
		srcNamespace: edge.src?.namespace ?? '',
		srcType: edge.src?.type ?? '',
		src: edge.src?.name ?? '',
		dstNamespace: edge.dst?.namespace ?? '',
		dstType: edge.dst?.type ?? '',
		dst: edge.dst?.name ?? '',
		clientId: edge.client_id,
		serverId: edge.server_id,
		noIdentityMsg: edge.no_identity_msg,
		secured: isSecured(edge.server_id, edge.no_identity_msg),
	};
}

export function toRouteStats(resource: string, row: RouteRowMsg, requestedWindow: string): RouteStats {
	// Rows without samples come with an empty window (spec §4 TopRoutes).
	const g = golden(row.stats, row.time_window || requestedWindow);
	return {
		resource,
		route: row.route,
		authority: row.authority,
		successRate: g.successRate,
		rps: g.rps,
		p50Ms: g.p50Ms,
		p95Ms: g.p95Ms,
		p99Ms: g.p99Ms,
	};
}
