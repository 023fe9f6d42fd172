import {memo, useMemo} from 'react';
import type {StreamMarker} from '../../model/mesh-model.js';
import type {RequestRecord} from '../../model/types.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {selectedStreamIndex} from '../selectors.js';
import type {UiState} from '../ui-state.js';
import {useScrollWindow} from '../use-scroll.js';
import {recordKey} from '../visible.js';
import {clockTime, sortedColumns, streamColumns, streamRow} from './stream-rows.js';
import type {Column} from '../components/columns.js';

// The row made for each record, kept while the record shows the same fields at the same
// columns: an unchanged row is the same object, so its memoized <Row> is not rendered again.
const rowCache = new WeakMap<RequestRecord, {key: string; columns: Column[]; row: TableRow}>();

function cachedRow(record: RequestRecord, columns: Column[], partner: RequestRecord | undefined): TableRow {
	const key = partner ? `${recordKey(record)}+${recordKey(partner)}` : recordKey(record);
	const cached = rowCache.get(record);
	if (cached && cached.key === key && cached.columns === columns) return cached.row;
	const row = streamRow(record, columns, partner);
	rowCache.set(record, {key, columns, row});
	return row;
}

export interface StreamProps {
	/** In the order shown (streamRecords: time, or the chosen sort). */
	records: RequestRecord[];
	/** Where the tap changed or the buffer was discarded; drawn between rows in time order only. */
	markers: StreamMarker[];
	selection: UiState['stream'];
	focused: boolean;
	paused: boolean;
	width: number;
	height: number;
	/** What an empty stream says: no requests yet, or why there are none to show. */
	empty: string;
	/** Changes when records may have changed in place (responses arriving). */
	version: number;
	/** Requests seen at both ends: each shown record's other side (model/pairing.ts); empty in raw view. */
	partners: ReadonlyMap<number, RequestRecord>;
	/** Many namespaces tapped: a NAMESPACE column. */
	namespaces: boolean;
	/** The tap has stopped for good (its error): said first in the title, since the rows above it are old. */
	stopped?: string | null;
	/** A recording (meshtop replay): nothing is live; following means staying on the newest request. */
	replay?: boolean;
}

function markerRow(marker: StreamMarker): TableRow {
	return {key: `marker-${marker.afterSeq}-${marker.at}`, cells: [`── ${clockTime(marker.at)} ${marker.text} ──`], token: 'accent', span: true};
}

/**
 * The visible rows with the markers that fall among them, cut back to `height` around the
 * selected row; returns the rows and the selected row's index among them.
 */
function withMarkers(visible: RequestRecord[], rows: TableRow[], markers: StreamMarker[], selected: number, height: number, atEnd: boolean) {
	if (markers.length === 0 || visible.length === 0) return {rows, selected};
	const out: TableRow[] = [];
	let selectedOut = -1;
	let m = 0;
	const firstSeq = visible[0]!.seq;
	while (m < markers.length && markers[m]!.afterSeq < firstSeq - 1) m++;
	for (let i = 0; i < visible.length; i++) {
		const seq = visible[i]!.seq;
		while (m < markers.length && markers[m]!.afterSeq < seq) out.push(markerRow(markers[m++]!));
		if (i === selected) selectedOut = out.length;
		out.push(rows[i]!);
	}
	if (atEnd) while (m < markers.length) out.push(markerRow(markers[m++]!));
	if (out.length <= height) return {rows: out, selected: selectedOut};
	// Markers take room: drop rows from the top, but never the selected one.
	let start = out.length - height;
	if (selectedOut !== -1 && selectedOut < start) start = selectedOut;
	const cut = out.slice(start, start + height);
	return {rows: cut, selected: selectedOut - start};
}

export const StreamPane = memo(function StreamPane(props: StreamProps) {
	const {records, markers, selection, focused, paused, width, height} = props;
	const sort = selection.sort ?? 'time';
	const paired = props.partners.size > 0;
	const columns = useMemo(() => sortedColumns(streamColumns(width, {namespaces: props.namespaces, paired}), sort), [width, sort, props.namespaces, paired]);
	const rowsHeight = Math.max(1, height - 2);
	const index = selectedStreamIndex(records, {stream: selection});
	const start = useScrollWindow(index, records.length, rowsHeight);
	const visible = records.slice(start, start + rowsHeight);
	const plain = visible.map(record => cachedRow(record, columns, props.partners.get(record.seq)));
	const atEnd = start + visible.length === records.length;
	const shown = sort === 'time' ? withMarkers(visible, plain, markers, index - start, rowsHeight, atEnd) : {rows: plain, selected: index - start};
	const position = records.length === 0 ? '' : `${index + 1}/${records.length}`;
	// Scrolled back on a request since dropped from the buffer or hidden by a filter: say so rather than move silently.
	const gone = !selection.follow && selection.selectedSeq !== null && records.length > 0 && records[index]?.seq !== selection.selectedSeq;
	const mode = props.stopped
		? props.stopped
		: paused
		? 'paused'
		: gone
			? 'the selected request is no longer shown (F: follow)'
			: sort !== 'time'
				? `sorted by ${sort}`
				: selection.follow
					? props.replay
						? 'at the newest'
						: 'following live'
					: props.replay
						? 'scrolled back (F: newest)'
						: 'scrolled back (F: follow)';
	return (
		<Pane title="Requests" info={(props.stopped ? [mode, position] : [position, mode]).filter(Boolean).join(' · ')} focused={focused} width={width} height={height}>
			<Table columns={columns} rows={shown.rows} selected={shown.selected} showSelection={focused || !selection.follow} empty={props.empty} />
		</Pane>
	);
});
