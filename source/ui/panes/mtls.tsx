import {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {MeshEdge} from '../../model/metrics.js';
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
import {ageText, endpointText, meshEdgeKey, shortIdentity} from './metrics-text.js';
import stringWidth from 'string-width';
import {bareName, endsText} from './stream-rows.js';
import {tlsShort} from '../../model/filter/row-text.js';

export type MtlsView = 'tap' | 'metrics';

const specs: ColumnSpec[] = [
	{id: 'edge', title: 'SOURCE → DESTINATION', short: 'FROM → TO', flex: 3, min: 14},
	{id: 'bar', title: 'SECURED', width: 10, priority: 2},
	{id: 'count', title: 'MTLS/ALL', width: 9, align: 'right'},
	{id: 'reason', title: 'WHY NOT', short: 'WHY', flex: 2, min: 6, priority: 1},
];

const meshSpecs: ColumnSpec[] = [
	{id: 'edge', title: 'SOURCE → DESTINATION', short: 'FROM → TO', flex: 3, min: 14},
	{id: 'client', title: 'CLIENT ID', flex: 2, min: 12, priority: 1},
	{id: 'server', title: 'SERVER ID', flex: 2, min: 12, priority: 2},
	// Holds the no-identity message, the reason an edge is not secured.
	{id: 'secured', title: 'SECURED', flex: 3, min: 7},
];

export function mtlsColumns(width: number, view: MtlsView = 'tap'): Column[] {
	return fitColumns(view === 'tap' ? specs : meshSpecs, width);
}

/** `sa.ns` as linkerd shows it; just `sa` when that does not fit and ns is the one in view. */
function identityCell(id: string, namespace: string, width: number): string {
	const short = shortIdentity(id);
	if (short === '') return '-';
	const dot = short.indexOf('.');
	return stringWidth(short) > width && dot !== -1 && short.slice(dot + 1) === namespace ? short.slice(0, dot) : short;
}

const edgesText = (n: number) => `${n} ${n === 1 ? 'edge' : 'edges'}`;

export function securedText(edge: MeshEdge): string {
	if (edge.secured) return 'yes';
	return edge.noIdentityMsg || 'no server identity';
}

/**
 * Beside the metrics-api edges (meshed peers only): the sources tap saw without mTLS, named
 * bare and as many as fit whole, then how many more.
 */
export function plaintextNote(sources: readonly string[], width: number): string {
	if (sources.length === 0) return 'metrics-api lists meshed peers only; tap has seen no plaintext source';
	const head = `meshed peers only; tap saw ${sources.length} without mTLS: `;
	const names = sources.map(bareName);
	let shown = names.length;
	const text = (n: number) => head + names.slice(0, n).join(', ') + (n < names.length ? ` +${names.length - n} more` : '');
	while (shown > 1 && stringWidth(text(shown)) > width) shown--;
	return text(shown);
}

export function meshEdgeRow(edge: MeshEdge, columns: Column[], namespace: string, stale: boolean): TableRow {
	const cells = columns.map(column => {
		switch (column.id) {
			case 'edge':
				return `${endpointText(edge.srcNamespace, edge.src, namespace)} → ${endpointText(edge.dstNamespace, edge.dst, namespace)}`;
			case 'client':
				return identityCell(edge.clientId, namespace, column.width);
			case 'server':
				return identityCell(edge.serverId, namespace, column.width);
			case 'secured':
				return (stale ? '~' : '') + securedText(edge);
			default:
				return '';
		}
	});
	const token = stale ? 'muted' : edge.secured ? undefined : 'insecure';
	return {
		key: meshEdgeKey(edge),
		cells,
		token,
		cellTokens: columns.map(c => (c.id === 'secured' && !stale ? (edge.secured ? 'secure' : 'insecure') : undefined)),
	};
}

export function edgeRow(edge: MtlsEdge, columns: Column[]): TableRow {
	const ratio = edge.total === 0 ? 0 : edge.secured / edge.total;
	const reasons = (short: boolean) => edge.reasons.map(r => `${r.reason ? (short ? tlsShort(r.reason) : r.reason) : 'unknown'} ×${r.count}`).join(', ');
	const cells = columns.map(column => {
		switch (column.id) {
			case 'edge': {
				const mark = edge.unmeshedSource ? '! ' : '';
				return mark + endsText(edge.source, edge.destination, column.width - mark.length);
			}
			case 'bar':
				return barText(ratio, column.width);
			case 'count':
				return `${edge.secured}/${edge.total}`;
			case 'reason': {
				// Linkerd's own words when they fit (no_tls_from_remote), else the stream's short ones
				// (plain); the row's ! says the source is unmeshed when the words do not.
				const full = edge.unmeshedSource ? `unmeshed source; ${reasons(false)}` : reasons(false);
				return full.length <= column.width ? full : reasons(true);
			}
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
	view?: MtlsView;
	/** The metrics-api edges of the navigator's namespace (view 'metrics'). */
	meshEdges?: readonly MeshEdge[];
	meshNamespace?: string;
	meshStale?: boolean;
	/** Why there are no metrics-api edges to show (the last poll's failure). */
	meshError?: string | null;
	/** Clock time of the last good refresh, and now, for the age. */
	meshAt?: number | null;
	now?: number;
	/** Client-side filters are in force: the tap view counts only what passes them. */
	filtered?: boolean;
	/** Sources tap saw without mTLS, named beside the metrics-api edges (which cover meshed peers only). */
	tapPlaintextSources?: string[];
}

export const MtlsPane = memo(function MtlsPane(props: MtlsProps) {
	if (props.view === 'metrics') return <MeshEdgesView {...props} />;
	const {overall, edges, selectedKey, focused, width, height} = props;
	const columns = useMemo(() => mtlsColumns(width), [width]);
	const rowsHeight = Math.max(1, height - 3);
	const index = indexOfKey(edges, selectedKey);
	const start = useScrollWindow(index, edges.length, rowsHeight);
	const rows = edges.slice(start, start + rowsHeight).map(edge => edgeRow(edge, columns));
	const ratio = overall.total === 0 ? Number.NaN : overall.secured / overall.total;
	const summary = `${formatPercent(ratio)} secured (${overall.secured}/${overall.total} requests) `;
	const title = props.view === undefined ? 'mTLS' : 'mTLS · sampled from tap';
	return (
		<Pane title={title} info={`${edgesText(edges.length)}${props.filtered ? ' · filtered' : ''}`} focused={focused} width={width} height={height}>
			<SummaryLine summary={summary} ratio={ratio} width={width} />
			<Table columns={columns} rows={rows} selected={index - start} showSelection={focused} empty="no requests yet" />
		</Pane>
	);
});

function SummaryLine(props: {summary: string; ratio: number; width: number}) {
	const {summary, ratio, width} = props;
	const barWidth = Math.max(0, Math.min(30, width - summary.length));
	return (
		<Box>
			<Text wrap="truncate-end">{padCell(summary, Math.min(width, summary.length))}</Text>
			<Styled token={ratio === 1 ? 'secure' : 'insecure'}>{fitCell(barText(ratio, barWidth), barWidth)}</Styled>
		</Box>
	);
}

function MeshEdgesView(props: MtlsProps) {
	const {selectedKey, focused, width, height} = props;
	const edges = props.meshEdges ?? [];
	const namespace = props.meshNamespace ?? '';
	const stale = props.meshStale ?? false;
	const columns = useMemo(() => mtlsColumns(width, 'metrics'), [width]);
	const rowsHeight = Math.max(1, height - 3);
	let index = selectedKey === null ? 0 : edges.findIndex(edge => meshEdgeKey(edge) === selectedKey);
	if (index < 0 || edges.length === 0) index = edges.length === 0 ? -1 : 0;
	const start = useScrollWindow(index, edges.length, rowsHeight);
	const rows = edges.slice(start, start + rowsHeight).map(edge => meshEdgeRow(edge, columns, namespace, stale));
	const secured = edges.filter(edge => edge.secured).length;
	const ratio = edges.length === 0 ? Number.NaN : secured / edges.length;
	const age = stale && props.meshAt != null && props.now !== undefined ? ` · stale ${ageText(props.meshAt, props.now)}` : '';
	const summary = `${formatPercent(ratio)} secured (${secured}/${edges.length} edges) `;
	const plaintext = props.tapPlaintextSources ?? [];
	const note = plaintextNote(plaintext, width);
	const empty = props.meshError ? props.meshError : props.meshAt == null ? 'asking metrics-api…' : `no open connections in ${namespace}`;
	return (
		<Pane title="mTLS · all edges, metrics-api" info={`${edgesText(edges.length)} in ${namespace}${age}`} focused={focused} width={width} height={height}>
			<SummaryLine summary={summary} ratio={ratio} width={width} />
			<Styled token={plaintext.length > 0 ? 'insecure' : 'muted'} wrap="truncate-end">
				{fitCell(note, width)}
			</Styled>
			<Table columns={columns} rows={rows.slice(0, Math.max(0, rowsHeight - 1))} selected={index - start} showSelection={focused} empty={fitCell(empty, width)} />
		</Pane>
	);
}
