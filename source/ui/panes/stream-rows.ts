// Stream rows as plain strings and tokens. Pure, and called only for the rows on screen.
import stringWidth from 'string-width';
import {fitMiddle, fitName} from '../../model/sanitize.js';
import {formatLatency, grpcStatusName} from '../../model/format.js';
import {pairLatencies} from '../../model/pairing.js';
import type {RequestRecord} from '../../model/types.js';
import {tlsShort} from '../../model/filter/row-text.js';
import {fitColumns, type Column, type ColumnSpec} from '../components/columns.js';
import type {TableRow} from '../components/table.js';
import type {Token} from '../theme.js';

const specs: ColumnSpec[] = [
	{id: 'time', title: 'TIME', width: 8, priority: 3},
	{id: 'dir', title: 'DIR', width: 3, priority: 2},
	// Room for an IPv4 source and a bare name (198.51.100.23 → web): who talks to whom is what most drills ask.
	{id: 'route', title: 'SOURCE → DESTINATION', short: 'FROM → TO', flex: 3, min: 19},
	{id: 'method', title: 'METHOD', width: 6},
	{id: 'authority', title: 'AUTHORITY', flex: 2, min: 16, priority: 1},
	{id: 'path', title: 'PATH', flex: 4, min: 8},
	{id: 'status', title: 'STATUS', width: 11},
	{id: 'latency', title: 'LATENCY', width: 7, align: 'right'},
	{id: 'tls', title: 'mTLS', width: 5, priority: 4},
];

// Below 100 columns the status cell shrinks and the path gives up some of its share.
const narrowSpecs = specs.map(spec => (spec.id === 'status' ? {...spec, width: 7} : spec.id === 'path' ? {...spec, flex: 3} : spec));

/** Many namespaces tapped: each row's namespace (source, → destination when it differs). */
const namespaceSpec: ColumnSpec = {id: 'ns', title: 'NAMESPACE', flex: 2, min: 9, priority: 2};
/** Requests seen at both ends: the server-side latency beside the client-side one. */
const serverSpec: ColumnSpec = {id: 'server', title: 'SERVER', width: 7, align: 'right', priority: 1};

export interface StreamColumnOptions {
	namespaces?: boolean;
	paired?: boolean;
}

export function streamColumns(width: number, options: StreamColumnOptions = {}): Column[] {
	let chosen = width < 100 ? narrowSpecs : specs;
	if (options.namespaces) chosen = [...chosen.slice(0, 2), namespaceSpec, ...chosen.slice(2)];
	if (options.paired) {
		const at = chosen.findIndex(spec => spec.id === 'latency') + 1;
		chosen = [...chosen.slice(0, at), serverSpec, ...chosen.slice(at)];
	}
	return fitColumns(chosen, width);
}

/** The row's namespace: the source's, and the destination's after an arrow when it differs. */
export function namespaceCell(record: RequestRecord): string {
	const source = record.sourceLabels?.['namespace'] ?? '';
	const destination = record.destinationLabels?.['namespace'] ?? '';
	if (!destination || destination === source) return source;
	return `${source || '?'}→${destination}`;
}

const sortedColumn: Record<string, string> = {latency: 'latency', status: 'status'};

/** The sorted column's title carries ▼ (k9s-style); time order marks nothing. */
export function sortedColumns(columns: Column[], sort: string): Column[] {
	const id = sortedColumn[sort];
	if (!id) return columns;
	// The arrow takes the last letter's place when the title fills its column (LATENC▼).
	return columns.map(column => (column.id === id ? {...column, title: `${column.title.slice(0, Math.max(1, Math.min(column.title.length, column.width - 1)))}▼`} : column));
}

/** The mTLS column: a lock, or the short form of the no-TLS reason (the filter's free text reads the same words). */
export function tlsCell(tls: string): string {
	if (tls === 'true') return '🔒';
	return tlsShort(tls);
}

export function statusCell(record: RequestRecord): string {
	if (record.eos?.kind === 'grpc') return grpcStatusName(record.eos.code);
	if (record.eos?.kind === 'reset') return `reset ${record.eos.code}`;
	if (record.state === 'expired') return 'lost';
	if (record.httpStatus !== null) return String(record.httpStatus);
	return '…';
}

export function outcomeToken(record: RequestRecord): Token | undefined {
	if (record.state === 'open') return 'muted';
	if (record.state === 'expired') return 'warn';
	if (record.success === false) return 'error';
	if (record.httpStatus !== null && record.httpStatus >= 400) return 'warn';
	return undefined;
}

function pad2(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

/** Local wall-clock time of day, HH:MM:SS. */
export function clockTime(ms: number): string {
	const date = new Date(ms);
	return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** deploy/web → web: the type prefix goes first when a cell is tight. */
export function bareName(name: string): string {
	const slash = name.indexOf('/');
	return slash === -1 ? name : name.slice(slash + 1);
}

/** From this many columns the ends keep their kind (deploy/web); narrower, every row names them bare (web). */
export const TYPED_ENDS_WIDTH = 44;

/**
 * `source → destination` in `width`. One naming rule per column, chosen by its width alone so
 * rows never mix `web` and `deploy/emoji`: typed names in a wide column, bare ones otherwise;
 * a pair too long for the column is cut so each end keeps a part (IPs from the left).
 */
export function endsText(sourceName: string, destinationName: string, width: number): string {
	const typed = width >= TYPED_ENDS_WIDTH;
	const source = typed ? sourceName : bareName(sourceName);
	const destination = typed ? destinationName : bareName(destinationName);
	const arrow = ' → ';
	const whole = `${source}${arrow}${destination}`;
	if (stringWidth(whole) <= width) return whole;
	return halves(source, destination, width);
}

function routeCell(record: RequestRecord, width: number): string {
	return endsText(record.sourceName, record.destinationName, width);
}

function halves(sourceName: string, destinationName: string, width: number): string {
	const arrow = ' → ';
	const room = Math.max(2, width - arrow.length);
	const source = fitName(sourceName, Math.max(Math.ceil(room / 2), room - stringWidth(destinationName)));
	const destination = fitName(destinationName, room - stringWidth(source));
	return source + arrow + destination;
}

/**
 * One request's row. `partner`: the same request seen at the other end (model/pairing.ts):
 * the row is the client's (OUTBOUND) view, LATENCY the client-side and SERVER the server-side.
 */
export function streamRow(record: RequestRecord, columns: Column[], partner?: RequestRecord): TableRow {
	const pair = partner ? (record.direction === 'OUTBOUND' ? {client: record, server: partner} : {client: partner, server: record}) : undefined;
	const latencies = pair ? pairLatencies(pair.client, pair.server) : undefined;
	const cells: string[] = [];
	const cellTokens: Array<Token | undefined> = [];
	for (const column of columns) {
		let token: Token | undefined;
		let cell: string;
		switch (column.id) {
			case 'time':
				cell = clockTime(record.startedAt);
				token = 'muted';
				break;
			case 'dir':
				cell = pair ? 'o+i' : record.direction === 'INBOUND' ? 'in' : record.direction === 'OUTBOUND' ? 'out' : '?';
				token = pair ? 'accent' : 'muted';
				break;
			case 'ns':
				cell = namespaceCell(record);
				token = 'muted';
				break;
			case 'server':
				cell = latencies?.serverUs == null ? '' : formatLatency(latencies.serverUs);
				break;
			case 'route':
				cell = routeCell(record, column.width);
				break;
			case 'method':
				cell = record.method;
				break;
			case 'authority':
				cell = record.authority;
				break;
			case 'path':
				cell = fitMiddle(record.path, column.width);
				break;
			case 'status':
				cell = statusCell(record);
				break;
			case 'latency':
				cell = record.latencyUs === null ? '' : formatLatency(record.totalUs ?? record.latencyUs);
				break;
			case 'tls':
				cell = tlsCell(record.tls);
				token = record.tls === 'true' ? 'secure' : 'insecure';
				break;
			default:
				cell = '';
		}
		cells.push(cell);
		cellTokens.push(token);
	}
	return {key: record.seq, cells, token: outcomeToken(record), cellTokens};
}
