import {memo, useMemo} from 'react';
import {formatLatency, formatPercent, formatRate} from '../../model/format.js';
import type {RouteRow, RouteSort} from '../../model/top-routes.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {indexOfKey} from '../selectors.js';
import {useScrollWindow} from '../use-scroll.js';
import {compactName} from './stream-rows.js';

const specs: ColumnSpec[] = [
	{id: 'source', title: 'SOURCE', flex: 2, min: 12},
	{id: 'destination', title: 'DESTINATION', flex: 2, min: 12},
	{id: 'method', title: 'METHOD', width: 6, priority: 5},
	{id: 'path', title: 'PATH', flex: 5, min: 16},
	{id: 'count', title: 'COUNT', width: 6, align: 'right'},
	{id: 'success', title: 'SUCCESS', width: 7, align: 'right'},
	{id: 'p50', title: 'P50', width: 6, align: 'right', priority: 2},
	{id: 'p95', title: 'P95', width: 6, align: 'right', priority: 3},
	{id: 'p99', title: 'P99', width: 6, align: 'right', priority: 4},
	{id: 'rps', title: 'RPS', width: 8, align: 'right', priority: 1},
];

export function routeColumns(width: number): Column[] {
	return fitColumns(specs, width);
}

export function routeRow(route: RouteRow, columns: Column[]): TableRow {
	const cells = columns.map(column => {
		switch (column.id) {
			case 'source':
				return compactName(route.source, column.width);
			case 'destination':
				return compactName(route.destination, column.width);
			case 'method':
				return route.method;
			case 'path':
				return route.path;
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
			default:
				return '';
		}
	});
	const rate = route.successRate;
	const token = rate === null ? undefined : rate < 0.95 ? 'error' : rate < 0.99 ? 'warn' : undefined;
	return {key: route.key, cells, token};
}

export interface RoutesProps {
	routes: RouteRow[];
	selectedKey: string | null;
	sort: RouteSort;
	focused: boolean;
	width: number;
	height: number;
}

export const RoutesPane = memo(function RoutesPane(props: RoutesProps) {
	const {routes, selectedKey, sort, focused, width, height} = props;
	const columns = useMemo(() => routeColumns(width), [width]);
	const rowsHeight = Math.max(1, height - 2);
	const index = indexOfKey(routes, selectedKey);
	const start = useScrollWindow(index, routes.length, rowsHeight);
	const rows = routes.slice(start, start + rowsHeight).map(route => routeRow(route, columns));
	return (
		<Pane title="Top routes" info={`${routes.length} · sort: ${sort} (s)`} focused={focused} width={width} height={height}>
			<Table columns={columns} rows={rows} selected={index - start} showSelection={focused} empty="no completed requests yet" />
		</Pane>
	);
});
