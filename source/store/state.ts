// The immutable state the store publishes and the UI reads. Plain data only.
import type {MeshEdge, RouteStats, WorkloadStats} from '../model/metrics.js';
import type {ClientFilter} from '../model/filters.js';
import type {ModelSnapshot} from '../model/mesh-model.js';
import {routeSorts, type RouteSort} from '../model/top-routes.js';
import type {ContextInfo, NamespaceInfo, WorkloadInfo} from '../model/cluster.js';
import type {Resource} from '../model/resource.js';
import type {TapSpec, TapStatus} from '../model/tap-spec.js';
import type {AuthzRow} from '../model/authz.js';
import type {InboundRow, OutboundRouteRow} from '../model/route-metrics/rows.js';
import type {RecordingView} from './recording.js';

export type Notice = {level: 'info' | 'error'; text: string};

/** One kind of metrics-api answer as last polled. */
export interface Polled<T> {
	rows: T[];
	/** Clock time of the last successful refresh; null before the first. */
	at: number | null;
	/** A refresh failed after rows were shown: they are old. */
	stale: boolean;
}

/** What the viz metrics-api said, polled beside the tap. */
export interface MetricsView {
	/** The sources can reach a metrics-api at all (false in the demo-less tests, never on a cluster). */
	available: boolean;
	/** Namespace of `stats` and `edges`. */
	namespace: string;
	/** Resource whose routes `routes` holds; null when no workload is tapped. */
	routesFor: Resource | null;
	stats: Polled<WorkloadStats>;
	edges: Polled<MeshEdge>;
	routes: Polled<RouteStats>;
	/** The last poll's failure, one sanitized line; null when the last poll worked. */
	error: string | null;
	/** How the client reaches metrics-api (port-forward pod or --metrics-addr). */
	via: string | null;
	timeWindow: string;
}

/** The policy view (P): the tapped workload's policy routes (Prometheus) and authorization (metrics-api). */
export interface PolicyView {
	/** The view is open; figures are polled only then. */
	open: boolean;
	/** Whose figures these are (the tapped target when the view opened). */
	for: Resource | null;
	timeWindow: string;
	outbound: Polled<OutboundRouteRow>;
	inbound: Polled<InboundRow>;
	authz: Polled<AuthzRow>;
	/** The last Prometheus failure, one sanitized line. */
	promError: string | null;
	/** The last Authz failure, one sanitized line. */
	authzError: string | null;
	/** Prometheus' own warnings on the last answer. */
	warnings: string[];
}

export function emptyPolled<T>(): Polled<T> {
	return {rows: [], at: null, stale: false};
}

export interface StoreState {
	info: ContextInfo;
	/** True while `:ctx` is swapping the sources. */
	switchingContext: boolean;
	namespaces: NamespaceInfo[];
	namespacesError: string | null;
	/** Namespace whose workloads are watched (navigator's choice). */
	namespace: string;
	workloads: WorkloadInfo[];
	workloadsError: string | null;
	target: Resource | null;
	/** The spec of the running tap (null when nothing is tapped). */
	spec: TapSpec | null;
	tapStatus: TapStatus | null;
	badFrames: number;
	lastBadFrame: string | null;
	clientFilter: ClientFilter;
	/** Every filter in force, client- and server-side, in the order the user added them: esc removes the last. */
	filterOrder: FilterKey[];
	/** Tap events ingested per second, over the last second or so. */
	eventsPerSecond: number;
	/** Inbound requests per second the tap delivered, over the last 10 s (honest sampling). */
	inboundRequestsPerSecond: number;
	paused: boolean;
	/** Requests that arrived since the pause. */
	newSincePause: number;
	/** The model's view: frozen while paused, live otherwise. */
	snapshot: ModelSnapshot;
	sort: RouteSort;
	/** Clock time of the snapshot. */
	now: number;
	notice: Notice | null;
	metrics: MetricsView;
	policy: PolicyView;
	/** Data refresh interval in ms (`-d`, `+`/`-`): the snapshot is published at most this often. */
	refreshMs: number;
	/** The recording in progress (`R`, `:record`, --record); null when none. */
	recording: RecordingView | null;
	/** Bumps on every publish; handy for memo keys and tests. */
	version: number;
}

/** A filter the user can add and remove: a ClientFilter field, or a server-side (tap API) one. */
export type FilterKey = keyof ClientFilter | 'to' | 'method' | 'path' | 'authority' | 'scheme' | 'maxRps' | 'labelSelector';

const clientKeys: Array<keyof ClientFilter> = ['from', 'fromNamespace', 'port', 'expr', 'failuresOnly', 'hideNoise', 'route'];
const serverKeys = ['to', 'method', 'path', 'authority', 'scheme', 'labelSelector'] as const;
/** The filters the tap API applies (changing one restarts the tap), max-rps last. */
export const serverFilterKeys = [...serverKeys, 'maxRps'] as const;
export type ServerFilterKey = (typeof serverFilterKeys)[number];

export function isServerFilterKey(key: FilterKey): key is ServerFilterKey {
	return (serverFilterKeys as readonly string[]).includes(key);
}

/** The filters in force (maxRps only when it is not the default 100). */
export function filterKeysOf(client: ClientFilter, server: Partial<Record<(typeof serverKeys)[number] | 'maxRps', unknown>>): FilterKey[] {
	const keys: FilterKey[] = clientKeys.filter(key => client[key] !== undefined && client[key] !== false && client[key] !== '');
	for (const key of serverKeys) if (server[key] !== undefined && server[key] !== '') keys.push(key);
	if (server.maxRps !== undefined && server.maxRps !== 100) keys.push('maxRps');
	return keys;
}

/** Keeps the order of filters still in force and appends new ones at the end. */
export function orderFilters(previous: readonly FilterKey[], inForce: readonly FilterKey[]): FilterKey[] {
	const kept = previous.filter(key => inForce.includes(key));
	return [...kept, ...inForce.filter(key => !kept.includes(key))];
}

export function nextSort(sort: RouteSort): RouteSort {
	const index = routeSorts.indexOf(sort);
	return routeSorts[(index + 1) % routeSorts.length]!;
}
