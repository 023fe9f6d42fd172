import {memo, useMemo} from 'react';
import {shortType} from '../../model/names.js';
import {fitCell} from '../../model/sanitize.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import type {NavItem} from '../selectors.js';
import {Styled} from '../theme-context.js';
import {useScrollWindow} from '../use-scroll.js';

const workloadSpecs: ColumnSpec[] = [
	{id: 'name', title: 'WORKLOAD', flex: 1, min: 10},
	{id: 'ready', title: 'READY', width: 5, align: 'right'},
	{id: 'meshed', title: 'MESHED', width: 6, align: 'right', priority: 2},
	{id: 'tap', title: 'TAP', width: 3, priority: 1},
];
const namespaceSpecs: ColumnSpec[] = [
	{id: 'name', title: 'NAMESPACE', flex: 1, min: 10},
	{id: 'inject', title: 'INJECT', width: 6, priority: 1},
];

export function navigatorColumns(level: 'namespaces' | 'workloads', width: number): Column[] {
	return fitColumns(level === 'namespaces' ? namespaceSpecs : workloadSpecs, width);
}

export function navRow(item: NavItem, columns: Column[]): TableRow {
	if (item.kind === 'namespace') {
		const cells = columns.map(c => (c.id === 'name' ? item.namespace.name : item.namespace.injected ? 'on' : ''));
		return {key: `ns:${item.namespace.name}`, cells, token: item.namespace.injected ? undefined : 'muted'};
	}
	if (item.kind === 'all') {
		return {key: 'all', cells: [`ns/${item.namespace}: the whole namespace`], span: true, token: 'accent'};
	}
	const w = item.workload;
	const tappable = w.tapEnabled > 0;
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
				return '';
		}
	});
	const token = w.meshed === 0 ? 'insecure' : w.ready < w.total ? 'warn' : undefined;
	return {key: `${w.type}/${w.name}`, cells, token: tappable ? token : (token ?? 'muted')};
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
}

export const NavigatorPane = memo(function NavigatorPane(props: NavigatorProps) {
	const {items, level, cursor, focused, width, height, query} = props;
	const columns = useMemo(() => navigatorColumns(level, width), [level, width]);
	const rowsHeight = Math.max(1, height - 2 - (props.error ? 1 : 0));
	const start = useScrollWindow(cursor, items.length, rowsHeight);
	const rows = items.slice(start, start + rowsHeight).map(item => navRow(item, columns));
	const title = level === 'namespaces' ? 'Namespaces' : `Workloads in ${props.namespace}`;
	const info = [query ? `/${query}` : '', `${items.length}`].filter(Boolean).join(' · ');
	return (
		<Pane title={title} info={info} focused={focused} width={width} height={height}>
			{props.error ? <Styled token="error" wrap="truncate-end">{fitCell(props.error, width)}</Styled> : null}
			<Table columns={columns} rows={rows} selected={cursor - start} showSelection={focused} empty={query ? 'nothing matches' : 'loading…'} />
		</Pane>
	);
});
