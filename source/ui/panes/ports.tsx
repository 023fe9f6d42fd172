import {memo, useMemo} from 'react';
import {Box} from 'ink';
import {fitColumns} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {Styled} from '../theme-context.js';
import {useScrollWindow} from '../use-scroll.js';

export interface PortsProps {
	ports: Array<{port: number; count: number}>;
	current: number | undefined;
	cursor: number;
	typed: string;
	width: number;
	height: number;
}

/** Row 0 is "any port"; the rest are the destination ports seen so far, busiest first. */
export function portRows(ports: PortsProps['ports'], current: number | undefined): TableRow[] {
	const rows: TableRow[] = [{key: 'any', cells: [current === undefined ? '● any port' : '  any port', ''], token: 'accent'}];
	for (const {port, count} of ports) {
		rows.push({key: port, cells: [`${port === current ? '●' : ' '} ${port}`, String(count)]});
	}
	return rows;
}

export const PortsPane = memo(function PortsPane(props: PortsProps) {
	const {width, height, cursor, typed} = props;
	const columns = useMemo(
		() =>
			fitColumns(
				[
					{id: 'port', title: 'DESTINATION PORT', width: 18},
					{id: 'count', title: 'REQUESTS', width: 9, align: 'right'},
				],
				width,
			),
		[width],
	);
	const all = portRows(props.ports, props.current);
	const rowsHeight = Math.max(1, height - 3);
	const start = useScrollWindow(cursor, all.length, rowsHeight);
	return (
		<Pane title="Port filter" info="enter apply · type a number · esc cancel" focused width={width} height={height}>
			<Box>
				<Styled token="key">port: </Styled>
				<Styled token={typed ? 'plain' : 'muted'}>{typed ? `${typed}█` : 'type a port or pick one below'}</Styled>
			</Box>
			<Table columns={columns} rows={all.slice(start, start + rowsHeight)} selected={typed ? -1 : cursor - start} />
		</Pane>
	);
});
