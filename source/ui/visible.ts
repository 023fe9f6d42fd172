// What the screen shows of a store state, as one cheap string per view, so a data
// refresh that changes nothing visible (rows out of view, the same numbers after
// formatting) costs no React commit and so no Ink frame. Pure. It looks only at
// what panes show: the rows in and next to the scroll window, never the whole buffer.
// Conservative by design: it may call for a frame that turns out the same (a row
// just outside the window changed), never skip one that differs.
import type {RequestRecord} from '../model/types.js';
import type {StoreState} from '../store/state.js';
import type {ServerFilter} from '../store/store.js';
import type {Column} from './components/columns.js';
import type {TableRow} from './components/table.js';
import type {Layout} from './layout.js';
import {mtlsMetrics, navigatorMetrics} from './metrics-props.js';
import {countsText, statusText} from './panes/header-text.js';
import {detailLines} from './panes/detail-lines.js';
import {policyViewLines} from './panes/policy-lines.js';
import {routeDetailLines} from './panes/route-detail.js';
import {metricsStatus} from './panes/metrics-text.js';
import {edgeRow, mtlsColumns} from './panes/mtls.js';
import {routeColumns, routeRow} from './panes/routes.js';
import {detailRecords, emptyStreamText, indexOfKey, selectedStreamIndex, streamPartners, streamRecords} from './selectors.js';
import type {UiState} from './ui-state.js';

/** Fields that change on every data refresh; what they show is compared by viewKey. */
const dataFields = new Set<keyof StoreState>(['snapshot', 'now', 'eventsPerSecond', 'inboundRequestsPerSecond', 'version']);

/** Whether anything but the data view changed (a watch, a status, a filter, a notice…): always drawn. */
export function otherFieldsChanged(shown: StoreState, next: StoreState): boolean {
	for (const key in next) {
		const field = key as keyof StoreState;
		if (!dataFields.has(field) && shown[field] !== next[field]) return true;
	}
	return false;
}

/** A request row's identity and every field its row shows that can change in place. */
export function recordKey(record: RequestRecord): string {
	const eos = record.eos;
	return `${record.seq} ${record.state} ${record.httpStatus} ${record.latencyUs} ${record.totalUs} ${eos ? `${eos.kind}${'code' in eos ? eos.code : ''}` : ''} ${record.success}`;
}

/** The window of `height` rows that could be on screen around `index` (either side, so it holds the real one). */
function around(index: number, total: number, height: number): [number, number] {
	if (total <= height) return [0, total];
	return [Math.max(0, index - height + 1), Math.min(total, index + height)];
}

function rowsKey(rows: readonly TableRow[]): string {
	let key = '';
	for (const row of rows) key += `${row.key}\u0001${row.token ?? ''}\u0001${row.cells.join('\u0002')}\u0003`;
	return key;
}

const columnsCache = new Map<string, Column[]>();
function cachedColumns(id: string, width: number, make: (width: number) => Column[]): Column[] {
	const key = `${id}:${width}`;
	let columns = columnsCache.get(key);
	if (!columns) {
		columns = make(width);
		if (columnsCache.size > 64) columnsCache.clear();
		columnsCache.set(key, columns);
	}
	return columns;
}

function streamKey(data: StoreState, ui: UiState, height: number): string {
	// The order shown (time, or a sort), the marker rows, and why an empty stream is empty.
	const records = streamRecords(data, ui);
	const index = selectedStreamIndex(records, ui);
	const [from, to] = around(index, records.length, Math.max(1, height - 2));
	const markers = data.snapshot.markers;
	const last = markers.at(-1);
	const partners = streamPartners(data, ui);
	let key = `${records.length} ${index} ${data.paused} ${ui.stream.sort ?? 'time'} ${markers.length} ${last ? `${last.afterSeq}:${last.at}` : ''} ${ui.stream.raw ?? false} ${partners.size > 0} ${Boolean(data.spec?.namespaces)}|`;
	if (records.length === 0) key += emptyStreamText(data);
	for (let i = from; i < to; i++) {
		const partner = partners.get(records[i]!.seq);
		key += recordKey(records[i]!) + (partner ? `+${recordKey(partner)}` : '') + '|';
	}
	return key;
}

function routesKey(data: StoreState, ui: UiState, width: number, height: number): string {
	const routes = data.snapshot.routes;
	const index = indexOfKey(routes, ui.routes.selectedKey);
	const [from, to] = around(index, routes.length, Math.max(1, height - 2));
	const columns = cachedColumns('routes', width, routeColumns);
	const rows: TableRow[] = [];
	for (let i = from; i < to; i++) rows.push(routeRow(routes[i]!, columns));
	return `${routes.length} ${index} ${data.snapshot.counts.bothEnds > 0}|${rowsKey(rows)}`;
}

function mtlsKey(data: StoreState, ui: UiState, width: number, height: number): string {
	const metrics = mtlsMetrics(data, ui);
	// The metrics-api view reads only the polled edges (compared as fields) and, when stale, the age.
	if (metrics.view === 'metrics') return `metrics ${metrics.now ?? ''} ${metrics.tapPlaintextSources?.join(' ') ?? ''}`;
	const {overall, edges} = data.snapshot.mtls;
	const index = indexOfKey(edges, ui.mtls.selectedKey);
	const [from, to] = around(index, edges.length, Math.max(1, height - 3));
	const columns = cachedColumns('mtls', width, mtlsColumns);
	const rows: TableRow[] = [];
	for (let i = from; i < to; i++) rows.push(edgeRow(edges[i]!, columns));
	return `${overall.secured}/${overall.total} ${edges.length} ${index}|${rowsKey(rows)}`;
}

function bodyKey(data: StoreState, ui: UiState, layout: Layout, showSecrets: boolean): string {
	const overlay = ui.overlay;
	if (overlay?.kind === 'help') return 'help';
	if (overlay?.kind === 'policy') return policyViewLines(data, layout.width).map(line => line.text).join('\n');
	if (overlay?.kind === 'detail') {
		const {record: live, partner} = detailRecords(data, ui, overlay);
		// Where it sits in the stream (request 3/120) and, while pending, how long it has waited.
		const shown = streamRecords(data, ui);
		const position = `${shown.findIndex(record => record.seq === overlay.seq)}/${shown.length}`;
		return `${position}\n${detailLines(live, showSecrets, layout.width, live.state === 'open' ? data.now : undefined, partner)
			.map(line => line.text)
			.join('\n')}`;
	}
	if (overlay?.kind === 'route') {
		const route = data.snapshot.routes.find(row => row.key === overlay.key);
		return route ? routeDetailLines(route, layout.width).map(line => line.text).join('\n') : 'gone';
	}
	if (overlay?.kind === 'ports') return data.snapshot.ports.map(port => `${port.port}:${port.count}`).join(' ');
	let key = '';
	for (const [id, rect] of Object.entries(layout.panes)) {
		if (!rect) continue;
		switch (id) {
			case 'navigator':
				key += `nav ${navigatorMetrics(data).metricsInfo ?? ''}|`;
				break;
			case 'stream':
				key += `stream ${streamKey(data, ui, rect.height)}|`;
				break;
			case 'routes':
				key += `routes ${routesKey(data, ui, rect.width, rect.height)}|`;
				break;
			case 'mtls':
				key += `mtls ${mtlsKey(data, ui, rect.width, rect.height)}|`;
				break;
		}
	}
	return key;
}

/** Everything data-driven the header shows (the rest of it is compared as fields). */
function headerKey(data: StoreState, serverFilter: ServerFilter): string {
	return `${statusText(data.tapStatus, data.now).text}|${countsText(data, serverFilter)}|${metricsStatus(data)?.text ?? ''}`;
}

/**
 * The visible content of the data view of `data` under `ui` and `layout`: two states
 * with the same key (and the same other fields) draw the same screen.
 */
export function viewKey(data: StoreState, ui: UiState, layout: Layout, serverFilter: ServerFilter, showSecrets: boolean): string {
	return `${headerKey(data, serverFilter)}\n${bodyKey(data, ui, layout, showSecrets)}`;
}
