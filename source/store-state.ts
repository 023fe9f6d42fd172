// The immutable state the store publishes and the UI reads. Plain data only.
import type {ClientFilter} from './model/filters.js';
import type {ModelSnapshot} from './model/mesh-model.js';
import {routeSorts, type RouteSort} from './model/top-routes.js';
import type {ContextInfo, NamespaceInfo, WorkloadInfo} from './sources.js';
import type {Resource} from './tap/event.js';
import type {TapSpec, TapStatus} from './tap/types.js';

export type Notice = {level: 'info' | 'error'; text: string};

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
	/** Bumps on every publish; handy for memo keys and tests. */
	version: number;
}

export function nextSort(sort: RouteSort): RouteSort {
	const index = routeSorts.indexOf(sort);
	return routeSorts[(index + 1) % routeSorts.length]!;
}
