import {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import {formatPercent} from '../../model/format.js';
import type {MtlsEdge} from '../../model/mtls.js';
import {fitCell, padCell} from '../../model/sanitize.js';
import {barText} from '../components/bar.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {indexOfKey} from '../selectors.js';
import {Styled} from '../theme-context.js';
import {useScrollWindow} from '../use-scroll.js';
import {bareName} from './stream-rows.js';

const specs: ColumnSpec[] = [
	{id: 'edge', title: 'SOURCE → DESTINATION', flex: 3, min: 14},
	{id: 'bar', title: 'SECURED', width: 10, priority: 2},
	{id: 'count', title: 'MTLS/ALL', width: 9, align: 'right'},
	{id: 'reason', title: 'WHY NOT', flex: 2, min: 6, priority: 1},
];

export function mtlsColumns(width: number): Column[] {
	return fitColumns(specs, width);
}

export function edgeRow(edge: MtlsEdge, columns: Column[]): TableRow {
	const ratio = edge.total === 0 ? 0 : edge.secured / edge.total;
	const reasons = edge.reasons.map(r => `${r.reason || 'unknown'} ×${r.count}`).join(', ');
	const cells = columns.map(column => {
		switch (column.id) {
			case 'edge': {
				const mark = edge.unmeshedSource ? '! ' : '';
				const full = `${mark}${edge.source} → ${edge.destination}`;
				return full.length <= column.width ? full : `${mark}${bareName(edge.source)} → ${bareName(edge.destination)}`;
			}
			case 'bar':
				return barText(ratio, column.width);
			case 'count':
				return `${edge.secured}/${edge.total}`;
			case 'reason':
				return edge.unmeshedSource ? `unmeshed source; ${reasons}` : reasons;
			default:
				return '';
		}
	});
	const token = edge.unmeshedSource ? 'insecure' : edge.secured < edge.total ? 'warn' : undefined;
	return {key: edge.key, cells, token, cellTokens: columns.map(c => (c.id === 'bar' ? (ratio === 1 ? 'secure' : 'insecure') : undefined))};
}

export interface MtlsProps {
	overall: {total: number; secured: number};
	edges: MtlsEdge[];
	selectedKey: string | null;
	focused: boolean;
	width: number;
	height: number;
}

export const MtlsPane = memo(function MtlsPane(props: MtlsProps) {
	const {overall, edges, selectedKey, focused, width, height} = props;
	const columns = useMemo(() => mtlsColumns(width), [width]);
	const rowsHeight = Math.max(1, height - 3);
	const index = indexOfKey(edges, selectedKey);
	const start = useScrollWindow(index, edges.length, rowsHeight);
	const rows = edges.slice(start, start + rowsHeight).map(edge => edgeRow(edge, columns));
	const ratio = overall.total === 0 ? Number.NaN : overall.secured / overall.total;
	const summary = `${formatPercent(ratio)} secured (${overall.secured}/${overall.total} requests) `;
	const barWidth = Math.max(0, Math.min(30, width - summary.length));
	return (
		<Pane title="mTLS" info={`${edges.length} edges`} focused={focused} width={width} height={height}>
			<Box>
				<Text wrap="truncate-end">{padCell(summary, Math.min(width, summary.length))}</Text>
				<Styled token={ratio === 1 ? 'secure' : 'insecure'}>{fitCell(barText(ratio, barWidth), barWidth)}</Styled>
			</Box>
			<Table columns={columns} rows={rows} selected={index - start} showSelection={focused} empty="no requests yet" />
		</Pane>
	);
});
