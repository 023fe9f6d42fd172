// The immutable state the store publishes and the UI reads. Plain data only.
import type {MeshEdge, RouteStats, WorkloadStats} from '../model/metrics.js';
import type {ClientFilter} from '../model/filters.js';
import type {ModelSnapshot} from '../model/mesh-model.js';
import {routeSorts, type RouteSort} from '../model/top-routes.js';
import type {ContextInfo, NamespaceInfo, WorkloadInfo} from '../model/cluster.js';
import type {Resource} from '../model/resource.js';
import type {TapSpec, TapStatus} from '../model/tap-spec.js';

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
	/** Tap events ingested per second, over the last second or so. */
	eventsPerSecond: number;
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
	/** Data refresh interval in ms (`-d`, `+`/`-`): the snapshot is published at most this often. */
	refreshMs: number;
	/** Bumps on every publish; handy for memo keys and tests. */
	version: number;
}

export function nextSort(sort: RouteSort): RouteSort {
	const index = routeSorts.indexOf(sort);
	return routeSorts[(index + 1) % routeSorts.length]!;
}
