// What the metrics-api client hands to the store and the headless tables. Plain data, no
// Longs: counts are small enough for doubles, and the store polls every ~10 s.
import type {AuthzQuery, AuthzRow} from './authz.js';

export interface WorkloadStats {
	namespace: string;
	type: string;
	name: string;
	meshedPods: number;
	runningPods: number;
	failedPods: number;
	/** Any of success/failure/actual counts was non-zero; otherwise every metric is null. */
	hasData: boolean;
	/** 0..1 */
	successRate: number | null;
	rps: number | null;
	p50Ms: number | null;
	p95Ms: number | null;
	p99Ms: number | null;
	tcpConnections: number | null;
	timeWindow: string;
}

export interface MeshEdge {
	srcNamespace: string;
	srcType: string;
	src: string;
	dstNamespace: string;
	dstType: string;
	dst: string;
	clientId: string;
	serverId: string;
	noIdentityMsg: string;
	/** serverId !== '' && noIdentityMsg === '' (stricter than `linkerd viz edges`). */
	secured: boolean;
}

export interface RouteStats {
	/** "<type>/<name>" of the table the row came from. */
	resource: string;
	route: string;
	authority: string;
	successRate: number | null;
	rps: number | null;
	p50Ms: number | null;
	p95Ms: number | null;
	p99Ms: number | null;
}

export interface StatSummaryQuery {
	namespace: string;
	type: string;
	name?: string;
	/** Go duration, default "1m". */
	timeWindow?: string;
}

export interface EdgesQuery {
	namespace: string;
	/** default "deployment" */
	type?: string;
}

export type TopRoutesQuery = StatSummaryQuery;

export interface MetricsClient {
	statSummary(req: StatSummaryQuery): Promise<WorkloadStats[]>;
	edges(req: EdgesQuery): Promise<MeshEdge[]>;
	topRoutes(req: TopRoutesQuery): Promise<RouteStats[]>;
	/** Rows of the Authz RPC; a ResourceError rejects with its text as one line. */
	authz(req: AuthzQuery): Promise<AuthzRow[]>;
	/** "port-forward linkerd-viz/metrics-api-xxx" or the --metrics-addr value. */
	readonly via: string;
	close(): void;
}

export const DEFAULT_TIME_WINDOW = '1m';
export const DEFAULT_DEADLINE_MS = 5000;
export const METRICS_API_PORT = 8085;
