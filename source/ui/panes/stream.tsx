import {memo, useMemo} from 'react';
import type {RequestRecord} from '../../model/types.js';
import {Pane} from '../components/pane.js';
import {Table} from '../components/table.js';
import {selectedStreamIndex} from '../selectors.js';
import type {UiState} from '../ui-state.js';
import {useScrollWindow} from '../use-scroll.js';
import {recordKey} from '../visible.js';
import {streamColumns, streamRow} from './stream-rows.js';
import type {Column} from '../components/columns.js';
import type {TableRow} from '../components/table.js';

// The row made for each record, kept while the record shows the same fields at the same
// columns: an unchanged row is the same object, so its memoized <Row> is not rendered again.
const rowCache = new WeakMap<RequestRecord, {key: string; columns: Column[]; row: TableRow}>();

function cachedRow(record: RequestRecord, columns: Column[]): TableRow {
	const key = recordKey(record);
	const cached = rowCache.get(record);
	if (cached && cached.key === key && cached.columns === columns) return cached.row;
	const row = streamRow(record, columns);
	rowCache.set(record, {key, columns, row});
	return row;
}

export interface StreamProps {
	records: RequestRecord[];
	selection: UiState['stream'];
	focused: boolean;
	paused: boolean;
	width: number;
	height: number;
	/** Changes when records may have changed in place (responses arriving). */
	version: number;
}

export const StreamPane = memo(function StreamPane(props: StreamProps) {
	const {records, selection, focused, paused, width, height} = props;
	const columns = useMemo(() => streamColumns(width), [width]);
	const rowsHeight = Math.max(1, height - 2);
	const index = selectedStreamIndex(records, {stream: selection} as UiState);
	const start = useScrollWindow(index, records.length, rowsHeight);
	const visible = records.slice(start, start + rowsHeight);
	const rows = visible.map(record => cachedRow(record, columns));
	const position = records.length === 0 ? '' : `${index + 1}/${records.length}`;
	const mode = paused ? 'paused' : selection.follow ? 'following live' : 'scrolled back (F: follow)';
	return (
		<Pane title="Requests" info={[position, mode].filter(Boolean).join(' · ')} focused={focused} width={width} height={height}>
			<Table
				columns={columns}
				rows={rows}
				selected={index - start}
				showSelection={focused || !selection.follow}
				empty="no requests yet"
			/>
		</Pane>
	);
});
