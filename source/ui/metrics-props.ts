// The metrics-api parts of the pane props, derived from the store state. Pure. Derived
// objects are cached per polled answer so the memoized panes skip the 10 Hz publishes.
import type {RouteStats, WorkloadStats} from '../model/metrics.js';
import {resourceLabel} from '../model/resource.js';
import type {Polled, StoreState} from '../store/state.js';
import type {MtlsProps} from './panes/mtls.js';
import {ageText, metricsRouteKey} from './panes/metrics-text.js';
import {navMetrics, type NavMetrics} from './panes/navigator.js';
import type {MetricsRoutes} from './panes/routes.js';
import type {UiState} from './ui-state.js';

const navCache = new WeakMap<Polled<WorkloadStats>, NavMetrics>();
const routesCache = new WeakMap<Polled<RouteStats>, MetricsRoutes>();

export function navigatorMetrics(data: StoreState): {metrics?: NavMetrics; metricsInfo?: string} {
	const m = data.metrics;
	if (!m.available) return {};
	let metrics = navCache.get(m.stats);
	if (!metrics) {
		metrics = navMetrics(m.stats.rows, m.stats.stale);
		navCache.set(m.stats, metrics);
	}
	let metricsInfo: string;
	if (m.stats.stale) metricsInfo = `metrics stale ${ageText(m.stats.at, data.now)}`;
	else if (m.stats.at === null) metricsInfo = m.error ? 'no metrics' : 'metrics…';
	else {
		// Coarse (5 s steps), so a quiet screen does not redraw every second for it.
		const age = Math.floor(Math.max(0, data.now - m.stats.at) / 5000) * 5;
		metricsInfo = `metrics ${m.timeWindow} · updated ${age < 5 ? 'just now' : `${age}s ago`}`;
	}
	return {metrics, metricsInfo};
}

const plaintextCache = new WeakMap<object, string[]>();

/**
 * Sources tap saw sending without mTLS: metrics-api edges cover meshed peers only, so the
 * edges view names these beside its own rows rather than claiming everything is secured.
 */
function plaintextSources(data: StoreState): string[] {
	const edges = data.snapshot.mtls.edges;
	let sources = plaintextCache.get(edges);
	if (!sources) {
		sources = [...new Set(edges.filter(edge => edge.unmeshedSource || edge.secured < edge.total).map(edge => edge.source))];
		plaintextCache.set(edges, sources);
	}
	return sources;
}

export function mtlsMetrics(data: StoreState, ui: UiState): Partial<MtlsProps> {
	const m = data.metrics;
	if (ui.mtls.view === 'tap') return {view: 'tap'};
	const edges = m.edges;
	return {
		view: 'metrics',
		meshEdges: edges.rows,
		meshNamespace: m.namespace,
		meshStale: edges.stale,
		meshError: m.available ? m.error : 'metrics-api is not reachable from these sources',
		meshAt: edges.at,
		// Only the stale age reads the clock: leave it out otherwise so the pane stays memoized.
		now: edges.stale ? data.now : undefined,
		tapPlaintextSources: plaintextSources(data),
	};
}

const routeNotes = new Map<string, MetricsRoutes>();

/** A section of no rows with one line saying why; the same object for the same words, so the pane stays memoized. */
function routesNote(note: string, timeWindow: string): MetricsRoutes {
	let routes = routeNotes.get(note);
	if (!routes) {
		if (routeNotes.size > 64) routeNotes.clear();
		routes = {rows: [], stale: false, resource: '', timeWindow, note};
		routeNotes.set(note, routes);
	}
	return routes;
}

/**
 * The routes pane's metrics-api section: the tapped workload's ServiceProfile routes, or a
 * line saying why there are none; undefined when these sources have no metrics-api at all.
 */
export function routesMetrics(data: StoreState): MetricsRoutes | undefined {
	const m = data.metrics;
	if (!m.available) return undefined;
	if (!m.routesFor) return routesNote('metrics-api routes: tap one workload to see its ServiceProfile routes', m.timeWindow);
	const label = resourceLabel(m.routesFor);
	if (m.routes.rows.length === 0) {
		if (m.routes.at !== null) return routesNote(`metrics-api routes · ${label}: none (it has no ServiceProfile)`, m.timeWindow);
		return routesNote(`metrics-api routes · ${label}: ${m.error ?? 'asking…'}`, m.timeWindow);
	}
	let routes = routesCache.get(m.routes);
	if (!routes) {
		routes = {rows: m.routes.rows, stale: m.routes.stale, resource: label, timeWindow: m.timeWindow};
		routesCache.set(m.routes, routes);
	}
	return routes;
}

/** Keys of the rows the routes pane's cursor walks: the tap routes, then the metrics-api routes. */
export function routesCursorRows(data: StoreState): Array<{key: string}> {
	const metrics = routesMetrics(data)?.rows ?? [];
	return metrics.length === 0 ? data.snapshot.routes : [...data.snapshot.routes, ...metrics.map(route => ({key: metricsRouteKey(route)}))];
}
