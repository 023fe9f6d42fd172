// The policy view's lines (key P): the tapped workload's policy routes as Prometheus counts them
// (what `linkerd viz stat-outbound` / `stat-inbound` show) and its authorization as metrics-api's
// Authz reports it, each section saying where its numbers come from and how coarse they are.
// Pure; every name from the cluster is sanitized by fitName/fitCell.
import type {AuthzRow} from '../../model/authz.js';
import {resourceLabel} from '../../model/resource.js';
import type {InboundRow, Latencies, OutboundBackendRow, OutboundRouteRow} from '../../model/route-metrics/rows.js';
import {fitName} from '../../model/sanitize.js';
import {serviceProfileRouted} from '../../model/sp-routed.js';
import {windowSeconds as goWindowSeconds} from '../../model/route-metrics/queries.js';
import type {PolicyView, StoreState} from '../../store/state.js';
import type {Token} from '../theme.js';
import {ageText, msText} from './metrics-text.js';
import {wrapWords} from '../wrap.js';

export interface PolicyLine {
	text: string;
	token?: Token;
	/** Prose: wrapped to the width (indent kept) rather than cut. */
	prose?: boolean;
}

interface Col {
	title: string;
	width: number;
	right?: boolean;
	/** Shown only from this many columns (a table whose names need the room). */
	hideBelow?: number;
}

function row(cols: readonly Col[], cells: readonly string[], width: number): string {
	return shownColumns(cols, width)
		.map(col => {
			const cell = fitName(cells[col.index] ?? '', col.width);
			return col.right ? cell.padStart(col.width) : cell.padEnd(col.width);
		})
		.join(' ')
		.trimEnd();
}

/**
 * Widths of the name columns in what the numbers leave: each takes no more than its longest cell,
 * and what a short one does not need goes to the others (at least 6 each).
 */
function nameWidths(width: number, fixed: number, columns: ReadonlyArray<{title: string; cells: readonly string[]}>): number[] {
	let room = Math.max(6 * columns.length, width - 2 - fixed - columns.length);
	const wants = columns.map(c => Math.max(c.title.length, ...c.cells.map(cell => [...cell].length)));
	const widths: number[] = new Array(columns.length).fill(0);
	const order = wants.map((want, i) => ({want, i})).sort((a, b) => a.want - b.want);
	order.forEach(({want, i}, k) => {
		const share = Math.floor(room / (order.length - k));
		widths[i] = Math.max(6, Math.min(want, share));
		room -= widths[i]!;
	});
	return widths;
}

function percent(part: number, whole: number): string {
	return whole > 0 ? `${((part / whole) * 100).toFixed(2)}%` : '-';
}

function rps(count: number, windowS: number): string {
	return windowS > 0 ? (count / windowS).toFixed(2) : '-';
}

/**
 * A quantile from Prometheus' buckets. histogram_quantile reads anything past the last finite
 * bucket as that bucket's bound, so a value there means "at least"; NaN means no requests in the
 * last scrape interval (irate sees only the last two samples).
 */
function quantileText(ms: number, lastBoundMs: number): string {
	if (Number.isNaN(ms)) return '-';
	if (ms >= lastBoundMs) return `≥${msText(lastBoundMs)}`;
	return msText(ms);
}

function latencyCells(l: Latencies, lastBoundMs: number): string[] {
	return [quantileText(l.p50, lastBoundMs), quantileText(l.p95, lastBoundMs), quantileText(l.p99, lastBoundMs)];
}

const numbers: Col[] = [
	{title: 'SUCCESS', width: 8, right: true},
	{title: 'RPS', width: 7, right: true},
	{title: 'P50', width: 7, right: true},
	{title: 'P95', width: 7, right: true},
	{title: 'P99', width: 7, right: true},
];

/** Below this many columns the tables drop what on-call asks about least (the tail, P99, stays). */
const NARROW = 110;
const narrowHidden = new Set(['P50', 'P95', 'TIMEOUTS', 'ALLOWED/s', 'TYPE']);

/** The columns shown at `width`, each with its index among the cells. */
function shownColumns(cols: readonly Col[], width: number): Array<Col & {index: number}> {
	return cols
		.map((col, index) => ({...col, index}))
		.filter(col => (width >= NARROW || !narrowHidden.has(col.title)) && (col.hideBelow === undefined || width >= col.hideBelow));
}

function fixedWidth(cols: readonly Col[], width: number): number {
	return shownColumns(cols, width).reduce((n, c) => n + c.width + 1, 0);
}

function token(successes: number, failures: number): Token | undefined {
	const total = successes + failures;
	if (total === 0) return undefined;
	const rate = successes / total;
	return rate < 0.95 ? 'error' : rate < 0.99 ? 'warn' : undefined;
}

/** Window seconds of a Go duration such as 1m, 30s, 1h30m; 0 when unreadable. */
export function windowSeconds(window: string): number {
	return goWindowSeconds(window) ?? 0;
}

function outboundLines(rows: readonly OutboundRouteRow[], windowS: number, width: number): PolicyLine[] {
	const extra: Col[] = [
		{title: 'TIMEOUTS', width: 8, right: true},
		{title: 'RETRIES', width: 8, right: true},
	];
	const fixed = fixedWidth([{title: 'TYPE', width: 9}, ...numbers, ...extra], width);
	const [service, route] = nameWidths(width, fixed, [
		{title: 'SERVICE', cells: rows.map(r => `${r.service}:${r.port}`)},
		{title: 'ROUTE', cells: rows.flatMap(r => [r.route, ...r.backends.map(b => `├─► ${b.backend}:${b.backendPort}`)])},
	]);
	const cols: Col[] = [
		{title: 'SERVICE', width: service!},
		{title: 'ROUTE', width: route!},
		{title: 'TYPE', width: 9},
		...numbers,
		...extra,
	];
	const lines: PolicyLine[] = [{text: `  ${row(cols, cols.map(c => c.title), width)}`, token: 'muted'}];
	for (const route of rows) {
		const total = route.successes + route.failures;
		lines.push({
			text: `  ${row(cols, [
				`${route.service}:${route.port}`,
				route.route,
				route.routeType,
				percent(route.successes, total),
				rps(total, windowS),
				...latencyCells(route.latencyMs, 10_000),
				percent(route.timeouts, total),
				percent(route.retries, total + route.retries),
			], width)}`,
			token: token(route.successes, route.failures),
		});
		route.backends.forEach((backend: OutboundBackendRow, i) => {
			const count = backend.successes + backend.failures;
			const branch = i === route.backends.length - 1 ? '└─►' : '├─►';
			lines.push({
				text: `  ${row(cols, [
					'',
					`${branch} ${backend.backend}:${backend.backendPort}`,
					'backend',
					percent(backend.successes, count),
					rps(count, windowS),
					...latencyCells(backend.latencyMs, 10_000),
					percent(backend.timeouts, count),
					'',
				], width)}`,
				token: token(backend.successes, backend.failures) ?? 'muted',
			});
		});
	}
	return lines;
}

function inboundLines(rows: readonly InboundRow[], windowS: number, width: number): PolicyLine[] {
	const fixed = fixedWidth([{title: 'TYPE', width: 9}, ...numbers], width);
	const [server, route] = nameWidths(width, fixed, [
		{title: 'SERVER', cells: rows.map(r => `${r.server}:${r.port}`)},
		{title: 'ROUTE', cells: rows.map(r => r.route)},
	]);
	const cols: Col[] = [
		{title: 'SERVER', width: server!},
		{title: 'ROUTE', width: route!},
		{title: 'TYPE', width: 9},
		...numbers,
	];
	const lines: PolicyLine[] = [{text: `  ${row(cols, cols.map(c => c.title), width)}`, token: 'muted'}];
	for (const r of rows) {
		const total = r.successes + r.failures;
		lines.push({
			text: `  ${row(cols, [`${r.server}:${r.port}`, r.route, r.routeType, percent(r.successes, total), rps(total, windowS), ...latencyCells(r.latencyMs, 50_000)], width)}`,
			token: token(r.successes, r.failures),
		});
	}
	return lines;
}

/** As linkerd viz authz names them: a Server by its name (default:POLICY for the default one), a route by its name. */
function serverText(ref: {kind: string; name: string}): string {
	return ref.kind === 'default' ? `default:${ref.name}` : ref.name;
}

/** The short kinds meshtop authz also accepts: the names are what differ, so the kinds stay small. */
const shortKinds: Record<string, string> = {authorizationpolicy: 'ap', serverauthorization: 'saz'};

function refText(ref: {kind: string; name: string}): string {
	if (ref.kind === '' && ref.name === '') return '';
	if (ref.kind === 'default') return `default:${ref.name}`;
	return ref.kind ? `${shortKinds[ref.kind] ?? ref.kind}/${ref.name}` : ref.name;
}

function authzLines(rows: readonly AuthzRow[], windowS: number, width: number): PolicyLine[] {
	// Server and policy names run long (default:all-unauthenticated): under 130 columns P50 makes room.
	const cols0: Col[] = [
		{title: 'DENIED/s', width: 8, right: true},
		{title: 'ALLOWED/s', width: 9, right: true},
		...numbers.map(col => (col.title === 'P50' ? {...col, hideBelow: 130} : col)),
	];
	const fixed = fixedWidth(cols0, width);
	const authzText = (r: AuthzRow) => (r.denied > 0 && r.authz.kind === '' ? 'denied: no policy matched' : refText(r.authz));
	const [server, route, authz] = nameWidths(width, fixed, [
		{title: 'SERVER', cells: rows.map(r => serverText(r.server))},
		{title: 'ROUTE', cells: rows.map(r => r.route.name)},
		{title: 'AUTHORIZATION', cells: rows.map(authzText)},
	]);
	const cols: Col[] = [
		{title: 'SERVER', width: server!},
		{title: 'ROUTE', width: route!},
		{title: 'AUTHORIZATION', width: authz!},
		...cols0,
	];
	const lines: PolicyLine[] = [{text: `  ${row(cols, cols.map(c => c.title), width)}`, token: 'muted'}];
	const sorted = [...rows].sort((a, b) => b.denied - a.denied || serverText(a.server).localeCompare(serverText(b.server)) || a.route.name.localeCompare(b.route.name));
	for (const r of sorted) {
		const total = r.success + r.failure;
		if (total + r.denied + r.allowed === 0) continue;
		lines.push({
			text: `  ${row(cols, [
				serverText(r.server),
				r.route.name,
				authzText(r),
				rps(r.denied, windowS),
				rps(r.allowed, windowS),
				percent(r.success, total),
				rps(total, windowS),
				// No request reached the server (all denied): no latency, not 0ms.
				...(total > 0 ? [msText(r.p50Ms), msText(r.p95Ms), msText(r.p99Ms)] : ['-', '-', '-']),
			], width)}`,
			token: r.denied > 0 ? 'error' : token(r.success, r.failure),
		});
	}
	return lines;
}

function status(label: string, polled: {at: number | null; stale: boolean}, error: string | null, now: number): PolicyLine | null {
	if (error) return {text: `  ${label}: ${error}${polled.at !== null ? ` (showing numbers from ${ageText(polled.at, now)} ago)` : ''}`, token: 'error', prose: true};
	if (polled.at === null) return {text: `  ${label}: asking…`, token: 'muted'};
	return null;
}

/** Every line of the policy view, for `width` columns. */
export function policyLines(view: PolicyView, now: number, width: number, spRouted: readonly string[] = []): PolicyLine[] {
	const target = view.for;
	if (!target) return [{text: 'Policy: nothing is tapped. Pick a workload (enter in the navigator) or :tap RES.', token: 'muted'}];
	const windowS = windowSeconds(view.timeWindow);
	const name = `${resourceLabel(target)}${target.namespace ? ` -n ${target.namespace}` : ''}`;
	const lines: PolicyLine[] = [{text: `Policy of ${name} · window ${view.timeWindow} · refreshed every 10 s while this view is open`, token: 'title', prose: true}, {text: ''}];

	lines.push({text: 'Outbound routes (Prometheus, as linkerd viz stat-outbound): per Service and HTTPRoute/GRPCRoute', token: 'title', prose: true});
	lines.push({text: '  latency from route histograms with buckets 50ms 500ms 1s 10s (backends: 25ms…10s): coarse; ≥10s means past the last bucket', token: 'muted', prose: true});
	const outStatus = status('Prometheus', view.outbound, view.promError, now);
	if (outStatus) lines.push(outStatus);
	else if (view.outbound.rows.length === 0) {
		lines.push({text: '  no policy-routed outbound traffic in the window (ServiceProfile-routed Services, proxies older than 2.16 and windows shorter than two scrape intervals show nothing here)', token: 'muted', prose: true});
	} else lines.push(...outboundLines(view.outbound.rows, windowS, width));
	for (const authority of spRouted) {
		lines.push({text: `  ${authority}: routed by a ServiceProfile (tap route labels): its HTTPRoutes are ignored by the client proxy and it has no rows here`, token: 'warn', prose: true});
	}
	lines.push({text: ''});

	lines.push({text: 'Inbound routes (Prometheus, as linkerd viz stat-inbound): per Server and route', token: 'title', prose: true});
	lines.push({text: '  latency from response_latency_ms (buckets 1…5ms by 1, then 10 20 30 40 50 100…): fine below 50 ms', token: 'muted', prose: true});
	const inStatus = status('Prometheus', view.inbound, view.promError, now);
	if (inStatus) lines.push(inStatus);
	else if (view.inbound.rows.length === 0) lines.push({text: '  no inbound requests in the window', token: 'muted'});
	else lines.push(...inboundLines(view.inbound.rows, windowS, width));
	lines.push({text: ''});

	lines.push({text: 'Authorization (metrics-api Authz, as linkerd viz authz): allowed and denied per Server, route and policy', token: 'title', prose: true});
	lines.push({text: '  requests denied by policy never reach the server\'s tap: they show here, and at the caller as 403 / PermissionDenied (ap/ = AuthorizationPolicy, saz/ = ServerAuthorization)', token: 'muted', prose: true});
	const authzStatus = status('metrics-api', view.authz, view.authzError, now);
	if (authzStatus) lines.push(authzStatus);
	else if (view.authz.rows.length === 0) lines.push({text: '  no authorization decisions in the window', token: 'muted'});
	else lines.push(...authzLines(view.authz.rows, windowS, width));
	if (view.warnings.length > 0) {
		lines.push({text: ''});
		for (const warning of view.warnings) lines.push({text: `Prometheus warning: ${warning}`, token: 'warn', prose: true});
	}
	return lines;
}

/** Prose lines wrapped to `width` (keeping their indent); table rows are left to be cut. */
export function wrapProse(lines: readonly PolicyLine[], width: number): PolicyLine[] {
	return lines.flatMap(line => {
		if (!line.prose) return [line];
		const indent = /^ */.exec(line.text)![0];
		return wrapWords(line.text.slice(indent.length), Math.max(10, width - indent.length)).map(text => ({...line, text: indent + text}));
	});
}

/** The policy view of a store state: its polled figures plus the ServiceProfile hints from the tap. */
export function policyViewLines(data: StoreState, width: number): PolicyLine[] {
	const spRouted = serviceProfileRouted(data.snapshot.records);
	if (data.info.replay) {
		// A recording holds tap frames only: no Prometheus or metrics-api to ask.
		const lines: PolicyLine[] = [
			{text: 'Policy: this is a replay. Route metrics (Prometheus) and authorization (metrics-api) are not in a recording; open the policy view on the live cluster, or use meshtop stat-outbound / stat-inbound / authz there.', token: 'muted', prose: true},
			...spRouted.map(authority => ({text: `  ${authority}: routed by a ServiceProfile when recorded (tap route labels)`, token: 'warn' as Token, prose: true})),
		];
		return wrapProse(lines, width);
	}
	return wrapProse(policyLines(data.policy, data.now, width, spRouted), width);
}
