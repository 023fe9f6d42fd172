// Cell text for metrics-api numbers, shared by the navigator, routes and mTLS panes. Pure.
// The numbers come from Prometheus via metrics-api: whole milliseconds, rates over the window.
import type {MeshEdge, RouteStats} from '../../model/metrics.js';
import {formatLatency} from '../../model/format.js';
import type {StoreState} from '../../store/state.js';
import type {Token} from '../theme.js';

/** `98.0%`; `-` when the window saw no requests. */
export function rateText(ratio: number | null): string {
	return ratio === null || !Number.isFinite(ratio) ? '-' : `${(ratio * 100).toFixed(1)}%`;
}

/** Requests per second without the unit (the column says RPS): `5.0`, `123.4`, `1.2k`. */
export function rpsText(rps: number | null): string {
	if (rps === null || !Number.isFinite(rps) || rps < 0) return '-';
	const tenths = Math.round(rps * 10) / 10;
	return tenths < 1000 ? tenths.toFixed(1) : `${(rps / 1000).toFixed(1)}k`;
}

/** Latency quantiles arrive in whole ms: `95ms`, `1.2s`. */
export function msText(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms)) return '-';
	return ms < 1000 ? `${Math.round(ms)}ms` : formatLatency(ms * 1000);
}

/** Old numbers keep their place but say so. */
export function staleMark(text: string, stale: boolean): string {
	return stale && text !== '' && text !== '-' ? `~${text}` : text;
}

export function successToken(ratio: number | null): Token | undefined {
	if (ratio === null) return undefined;
	return ratio < 0.95 ? 'error' : ratio < 0.99 ? 'warn' : undefined;
}

/** `stale 40s` style age of the last good refresh. */
export function ageText(at: number | null, now: number): string {
	if (at === null) return '';
	const seconds = Math.max(0, Math.round((now - at) / 1000));
	return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** The header's metrics status: null when there is nothing to say (no metrics path, or all well). */
export function metricsStatus(data: StoreState): {text: string; token: Token} | null {
	const m = data.metrics;
	if (!m.available) return null;
	if (m.error) return {text: `metrics: ${m.error}`, token: 'error'};
	if (m.stats.at === null) return {text: 'metrics: connecting…', token: 'muted'};
	return null;
}

/** `ns/name` when the namespace is not the one in view, else `name`. */
export function endpointText(namespace: string, name: string, inView: string): string {
	return namespace === inView || namespace === '' ? name : `${namespace}/${name}`;
}

/** Identities are long DNS names; `sa.ns` (the first two labels) is what linkerd shows too. */
export function shortIdentity(id: string): string {
	if (id === '') return '';
	return id.split('.').slice(0, 2).join('.');
}

/** Stable row key of a metrics-api edge. */
export function meshEdgeKey(edge: MeshEdge): string {
	return `${edge.srcNamespace}/${edge.srcType}/${edge.src}\u0000${edge.dstNamespace}/${edge.dstType}/${edge.dst}`;
}

/** Routes-pane cursor keys of metrics-api rows: prefixed, so they never equal a tap route's key. */
export const metricsRouteKeyPrefix = 'metrics-api\u0000';

export function metricsRouteKey(route: RouteStats): string {
	return `${metricsRouteKeyPrefix}${route.resource}\u0000${route.authority}\u0000${route.route}`;
}

export function isMetricsRouteKey(key: string | null): boolean {
	return key !== null && key.startsWith(metricsRouteKeyPrefix);
}
