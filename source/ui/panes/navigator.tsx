import {memo, useMemo} from 'react';
import type {WorkloadStats} from '../../model/metrics.js';
import {shortType} from '../../model/names.js';
import {fitCell} from '../../model/sanitize.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import type {NavItem} from '../selectors.js';
import {Styled} from '../theme-context.js';
import {useScrollWindow} from '../use-scroll.js';
import type {Token} from '../theme.js';
import {msText, rateText, rpsText, staleMark, successToken} from './metrics-text.js';

const workloadSpecs: ColumnSpec[] = [
	{id: 'name', title: 'WORKLOAD', flex: 1, min: 10},
	{id: 'ready', title: 'READY', width: 5, align: 'right'},
	{id: 'meshed', title: 'MESHED', width: 6, align: 'right', priority: 2},
	{id: 'tap', title: 'TAP', width: 3, priority: 1},
];
// With metrics-api: golden metrics first; what drops first is what matters least on call.
const metricsSpecs: ColumnSpec[] = [
	{id: 'name', title: 'WORKLOAD', flex: 1, min: 16},
	{id: 'sr', title: 'SR', width: 7, align: 'right', priority: 9},
	{id: 'rps', title: 'RPS', width: 7, align: 'right', priority: 8},
	{id: 'p50', title: 'P50', width: 6, align: 'right', priority: 2},
	{id: 'p95', title: 'P95', width: 6, align: 'right', priority: 3},
	{id: 'p99', title: 'P99', width: 6, align: 'right', priority: 7},
	{id: 'tcp', title: 'TCP', width: 4, align: 'right', priority: 1},
	{id: 'meshed', title: 'MESHED', width: 6, align: 'right', priority: 6},
	{id: 'ready', title: 'READY', width: 5, align: 'right', priority: 5},
	{id: 'tap', title: 'TAP', width: 3, priority: 4},
];
const namespaceSpecs: ColumnSpec[] = [
	{id: 'name', title: 'NAMESPACE', flex: 1, min: 10},
	{id: 'inject', title: 'INJECT', width: 6, priority: 1},
];

export function navigatorColumns(level: 'namespaces' | 'workloads', width: number, withMetrics = false): Column[] {
	if (level === 'namespaces') return fitColumns(namespaceSpecs, width);
	return fitColumns(withMetrics ? metricsSpecs : workloadSpecs, width);
}

/** metrics-api rows of the navigator's namespace, by `type/name`. */
export interface NavMetrics {
	byWorkload: ReadonlyMap<string, WorkloadStats>;
	/** The last refresh failed: numbers are old. */
	stale: boolean;
}

export function navMetrics(rows: readonly WorkloadStats[], stale: boolean): NavMetrics {
	return {byWorkload: new Map(rows.map(row => [`${row.type}/${row.name}`, row])), stale};
}

function metricCell(id: string, stats: WorkloadStats | undefined, stale: boolean): string {
	if (!stats) return '';
	let text: string;
	switch (id) {
		case 'sr':
			text = rateText(stats.successRate);
			break;
		case 'rps':
			text = rpsText(stats.rps);
			break;
		case 'p50':
			text = msText(stats.p50Ms);
			break;
		case 'p95':
			text = msText(stats.p95Ms);
			break;
		case 'p99':
			text = msText(stats.p99Ms);
			break;
		case 'tcp':
			text = stats.tcpConnections === null ? '-' : String(stats.tcpConnections);
			break;
		default:
			return '';
	}
	return staleMark(text, stale);
}

export function navRow(item: NavItem, columns: Column[], metrics?: NavMetrics): TableRow {
	if (item.kind === 'namespace') {
		const cells = columns.map(c => (c.id === 'name' ? item.namespace.name : item.namespace.injected ? 'on' : ''));
		return {key: `ns:${item.namespace.name}`, cells, token: item.namespace.injected ? undefined : 'muted'};
	}
	if (item.kind === 'all') {
		return {key: 'all', cells: [`ns/${item.namespace}: the whole namespace`], span: true, token: 'accent'};
	}
	const w = item.workload;
	const tappable = w.tapEnabled > 0;
	const stats = metrics?.byWorkload.get(`${w.type}/${w.name}`);
	const stale = metrics?.stale ?? false;
	const cells = columns.map(column => {
		switch (column.id) {
			case 'name':
				return `${shortType(w.type)}/${w.name}`;
			case 'ready':
				return `${w.ready}/${w.total}`;
			case 'meshed':
				return `${w.meshed}/${w.total}`;
			case 'tap':
				return tappable ? 'yes' : 'no';
			default:
				return metricCell(column.id, stats, stale);
		}
	});
	const token = w.meshed === 0 ? 'insecure' : w.ready < w.total ? 'warn' : undefined;
	const rowToken: Token | undefined = tappable ? token : (token ?? 'muted');
	const key = `${w.type}/${w.name}`;
	if (!stats) return {key, cells, token: rowToken};
	const cellTokens = columns.map((column): Token | undefined => {
		if (column.id === 'name' || column.id === 'ready' || column.id === 'meshed' || column.id === 'tap') return undefined;
		if (stale) return 'muted';
		return column.id === 'sr' ? (successToken(stats.successRate) ?? rowToken) : undefined;
	});
	return {key, cells, token: rowToken, cellTokens};
}

export interface NavigatorProps {
	items: NavItem[];
	level: 'namespaces' | 'workloads';
	namespace: string;
	cursor: number;
	query: string;
	error: string | null;
	focused: boolean;
	width: number;
	height: number;
	/** Present when the sources reach metrics-api: adds the golden-metrics columns. */
	metrics?: NavMetrics;
	/** e.g. `metrics 1m` or `metrics stale 40s`. */
	metricsInfo?: string;
	/** Workloads' order (`s`): the sorted column's title carries ▼. */
	sort?: 'name' | 'sr' | 'rps' | 'p99';
}

export const NavigatorPane = memo(function NavigatorPane(props: NavigatorProps) {
	const {items, level, cursor, focused, width, height, query} = props;
	const withMetrics = props.metrics !== undefined;
	const sort = props.sort ?? 'name';
	const columns = useMemo(() => {
		const fitted = navigatorColumns(level, width, withMetrics);
		if (level !== 'workloads' || sort === 'name') return fitted;
		return fitted.map(column => (column.id === sort ? {...column, title: `${column.title}▼`} : column));
	}, [level, width, withMetrics, sort]);
	const rowsHeight = Math.max(1, height - 2 - (props.error ? 1 : 0));
	const start = useScrollWindow(cursor, items.length, rowsHeight);
	const rows = items.slice(start, start + rowsHeight).map(item => navRow(item, columns, props.metrics));
	const title = level === 'namespaces' ? 'Namespaces' : `Workloads in ${props.namespace}`;
	const metricsInfo = level === 'workloads' ? props.metricsInfo : undefined;
	// The count is of workloads (or namespaces): the "whole namespace" row is not one.
	const count = items.filter(item => item.kind !== 'all').length;
	const info = [query ? `/${query}` : '', `${count}`, metricsInfo].filter(Boolean).join(' · ');
	return (
		<Pane title={title} info={info} focused={focused} width={width} height={height}>
			{props.error ? <Styled token="error" wrap="truncate-end">{fitCell(props.error, width)}</Styled> : null}
			<Table columns={columns} rows={rows} selected={cursor - start} showSelection={focused} empty={query ? 'nothing matches' : 'loading…'} />
		</Pane>
	);
});
