import {memo, useMemo} from 'react';
import {Box} from 'ink';
import type {RouteStats} from '../../model/metrics.js';
import {formatLatency, formatPercent, formatRate} from '../../model/format.js';
import type {RouteRow, RouteSort} from '../../model/top-routes.js';
import {sparkline} from '../../model/trend.js';
import {fitCell, fitMiddle, fitName} from '../../model/sanitize.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import {fitParts, Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {indexOfKey} from '../selectors.js';
import {useScrollWindow} from '../use-scroll.js';
import {Styled} from '../theme-context.js';
import {isMetricsRouteKey, metricsRouteKey, msText, rateText, rpsText, staleMark, successToken} from './metrics-text.js';
import stringWidth from 'string-width';
import {bareName} from './stream-rows.js';

const specs: ColumnSpec[] = [
	{id: 'source', title: 'SOURCE', flex: 2, min: 12},
	{id: 'destination', title: 'DESTINATION', flex: 2, min: 12},
	{id: 'method', title: 'METHOD', width: 6, priority: 5},
	{id: 'path', title: 'PATH', flex: 5, min: 16},
	{id: 'count', title: 'COUNT', width: 6, align: 'right'},
	{id: 'success', title: 'SUCCESS', width: 7, align: 'right'},
	// Requests per 10 s over the last two minutes; red when any of them failed (h: the whole 5 minutes).
	{id: 'trend', title: 'LAST 2m', width: 12, priority: 2.5},
	{id: 'p50', title: 'P50', width: 6, align: 'right', priority: 2},
	{id: 'p95', title: 'P95', width: 6, align: 'right', priority: 3},
	{id: 'p99', title: 'P99', width: 6, align: 'right', priority: 4},
	{id: 'rps', title: 'RPS', width: 8, align: 'right', priority: 1},
];

export function routeColumns(width: number): Column[] {
	return fitColumns(specs, width);
}

/** Whether a name column can show every visible name whole (deploy/web); else all go bare (web). */
export interface NameRule {
	source: boolean;
	destination: boolean;
}

/** One naming rule per column: full names when all the visible ones fit, bare names for all otherwise. */
export function nameRule(routes: readonly RouteRow[], columns: Column[]): NameRule {
	const width = (id: string) => columns.find(column => column.id === id)?.width ?? 0;
	const fits = (names: string[], room: number) => names.every(name => stringWidth(name) <= room);
	return {source: fits(routes.map(r => r.source), width('source')), destination: fits(routes.map(r => r.destination), width('destination'))};
}

export function routeRow(route: RouteRow, columns: Column[], rule: NameRule = {source: true, destination: true}): TableRow {
	const cells = columns.map(column => {
		switch (column.id) {
			case 'source':
				return fitName(rule.source ? route.source : bareName(route.source), column.width);
			case 'destination':
				return fitName(rule.destination ? route.destination : bareName(route.destination), column.width);
			case 'method':
				return route.method;
			case 'path':
				return fitMiddle(route.path, column.width);
			case 'count':
				return String(route.count);
			case 'success':
				return route.successRate === null ? '-' : formatPercent(route.successRate);
			case 'p50':
				return formatLatency(route.p50Us);
			case 'p95':
				return formatLatency(route.p95Us);
			case 'p99':
				return formatLatency(route.p99Us);
			case 'rps':
				return formatRate(route.rps);
			case 'trend':
				return sparkline(route.trend.total, column.width);
			default:
				return '';
		}
	});
	const rate = route.successRate;
	const token = rate === null ? undefined : rate < 0.95 ? 'error' : rate < 0.99 ? 'warn' : undefined;
	const trendAt = columns.findIndex(column => column.id === 'trend');
	if (trendAt === -1) return {key: route.key, cells, token};
	const failing = route.trend.failed.slice(-columns[trendAt]!.width).some(n => n > 0);
	const cellTokens: Array<TableRow['token']> = columns.map((_, i) => (i === trendAt ? (failing ? 'error' : 'ok') : token));
	return {key: route.key, cells, token, cellTokens};
}

const metricsSpecs: ColumnSpec[] = [
	{id: 'route', title: 'ROUTE', flex: 3, min: 12},
	{id: 'authority', title: 'AUTHORITY', flex: 2, min: 10, priority: 2},
	{id: 'sr', title: 'SR', width: 7, align: 'right'},
	{id: 'rps', title: 'RPS', width: 7, align: 'right'},
	{id: 'p50', title: 'P50', width: 6, align: 'right', priority: 1},
	{id: 'p95', title: 'P95', width: 6, align: 'right', priority: 3},
	{id: 'p99', title: 'P99', width: 6, align: 'right', priority: 4},
];

export function metricsRouteColumns(width: number): Column[] {
	return fitColumns(metricsSpecs, width);
}

export function metricsRouteRow(route: RouteStats, columns: Column[], stale: boolean): TableRow {
	const cells = columns.map(column => {
		switch (column.id) {
			case 'route':
				return route.route;
			case 'authority':
				return route.authority;
			case 'sr':
				return staleMark(rateText(route.successRate), stale);
			case 'rps':
				return staleMark(rpsText(route.rps), stale);
			case 'p50':
				return staleMark(msText(route.p50Ms), stale);
			case 'p95':
				return staleMark(msText(route.p95Ms), stale);
			case 'p99':
				return staleMark(msText(route.p99Ms), stale);
			default:
				return '';
		}
	});
	return {key: metricsRouteKey(route), cells, token: stale ? 'muted' : successToken(route.successRate)};
}

/** The metrics-api section of the pane: ServiceProfile routes of the tapped workload. */
export interface MetricsRoutes {
	rows: readonly RouteStats[];
	stale: boolean;
	/** e.g. "deploy/web", for the section title. */
	resource: string;
	timeWindow: string;
	/** Without rows: one line saying why (no workload tapped, no ServiceProfile, still asking, the error). */
	note?: string;
}

export interface RoutesProps {
	routes: RouteRow[];
	/** A tap route's key, or a metrics-api route's (metricsRouteKey): the cursor walks both lists. */
	selectedKey: string | null;
	sort: RouteSort;
	focused: boolean;
	width: number;
	height: number;
	/** Shown below the tap-derived rows when metrics-api has routes for the target (else its note). */
	metricsRoutes?: MetricsRoutes;
	/** Client-side filters are in force: the rows count only what passes them. */
	filtered?: boolean;
	/** Requests seen at both ends (model/both-ends.ts): counted once, said in the title. */
	bothEnds?: number;
}

/**
 * Rows the metrics-api section takes: title, column names and its routes, at most half the
 * pane; all it needs (leaving the tap table its names and one row) while the cursor is in it.
 * One line for a note; none when there is no room.
 */
export function metricsSectionHeight(extra: MetricsRoutes | undefined, height: number, cursorInSection: boolean): number {
	if (!extra) return 0;
	if (extra.rows.length === 0) return extra.note && height >= 5 ? 1 : 0;
	const room = cursorInSection ? height - 3 : Math.floor((height - 1) / 2);
	const rows = Math.min(extra.rows.length + 2, room);
	return rows >= 3 ? rows : 0;
}

export const RoutesPane = memo(function RoutesPane(props: RoutesProps) {
	const {routes, selectedKey, sort, focused, width, height} = props;
	const columns = useMemo(() => routeColumns(width), [width]);
	const extra = props.metricsRoutes;
	const inSection = isMetricsRouteKey(selectedKey) && extra !== undefined && extra.rows.some(route => metricsRouteKey(route) === selectedKey);
	const sectionHeight = metricsSectionHeight(extra, height, inSection);
	const rowsHeight = Math.max(1, height - 2 - sectionHeight);
	const index = inSection ? -1 : indexOfKey(routes, selectedKey);
	const start = useScrollWindow(index, routes.length, rowsHeight);
	const visible = routes.slice(start, start + rowsHeight);
	const rule = nameRule(visible, columns);
	const rows = visible.map(route => routeRow(route, columns, rule));
	return (
		<Pane title="Top routes" info={`${routes.length}${props.filtered ? ' · filtered' : ''}${props.bothEnds ? ' · o+i once' : ''} · sort: ${sort} (s)`} focused={focused} width={width} height={height}>
			<Box flexDirection="column" height={height - 1 - sectionHeight}>
				<Table columns={columns} rows={rows} selected={index - start} showSelection={focused && !inSection} empty="no completed requests yet" />
			</Box>
			{extra && sectionHeight >= 3 ? (
				<MetricsSection routes={extra} width={width} height={sectionHeight} selectedKey={inSection ? selectedKey : null} focused={focused} />
			) : extra?.note && sectionHeight === 1 ? (
				<Styled token="muted" wrap="truncate-end">
					{fitCell(extra.note, width)}
				</Styled>
			) : null}
		</Pane>
	);
});

function MetricsSection(props: {routes: MetricsRoutes; width: number; height: number; selectedKey: string | null; focused: boolean}) {
	const {routes, width, height, selectedKey, focused} = props;
	const columns = useMemo(() => metricsRouteColumns(width), [width]);
	const rowsHeight = Math.max(1, height - 2);
	const index = selectedKey === null ? -1 : routes.rows.findIndex(route => metricsRouteKey(route) === selectedKey);
	const start = useScrollWindow(index, routes.rows.length, rowsHeight);
	const shown = routes.rows.slice(start, start + rowsHeight);
	const more = routes.rows.length - shown.length;
	const hint = focused ? ' · ↓↑ select, enter: its stream' : '';
	const title = `metrics-api routes (${routes.timeWindow}) · ${routes.resource}${routes.stale ? ' · stale' : ''}${more > 0 ? ` · ${more} more` : ''}${hint}`;
	return (
		<Box flexDirection="column" height={height}>
			<Styled token="title" wrap="truncate-end">
				{fitParts(title, width)}
			</Styled>
			<Table
				columns={columns}
				rows={shown.map(route => metricsRouteRow(route, columns, routes.stale))}
				selected={index === -1 ? -1 : index - start}
				showSelection={focused && index !== -1}
			/>
		</Box>
	);
}
