// Pure lookups the commands and panes share. Nothing here walks the whole buffer:
// records are in seq order, so finding one is a binary search.
import type {RequestRecord} from '../model/types.js';
import {pairRecords, type PairingResult} from '../model/pairing.js';
import type {NamespaceInfo, WorkloadInfo} from '../model/cluster.js';
import type {StoreState} from '../store/state.js';
import type {NavSort, StreamSort, UiState} from './ui-state.js';
import type {WorkloadStats} from '../model/metrics.js';

export type NavItem =
	| {kind: 'namespace'; namespace: NamespaceInfo}
	| {kind: 'all'; namespace: string}
	| {kind: 'workload'; workload: WorkloadInfo};

export function navigatorItems(data: StoreState, ui: UiState): NavItem[] {
	const query = ui.nav.query.toLowerCase();
	if (ui.nav.level === 'namespaces') {
		return data.namespaces
			.filter(ns => ns.name.toLowerCase().includes(query))
			.map(namespace => ({kind: 'namespace', namespace}));
	}
	const items: NavItem[] = [{kind: 'all', namespace: data.namespace}];
	const workloads = sortWorkloads(data.workloads, data.metrics.stats.rows, ui.nav.sort ?? 'name');
	for (const workload of workloads) {
		if (`${workload.type}/${workload.name}`.toLowerCase().includes(query)) items.push({kind: 'workload', workload});
	}
	return items;
}

const navSortCache = new WeakMap<readonly WorkloadInfo[], {key: unknown; sort: NavSort; workloads: WorkloadInfo[]}>();

/**
 * Workloads by the chosen metric, worst first: lowest success rate, most requests, slowest
 * P99. Workloads without metrics keep name order, after the rest.
 */
function sortWorkloads(workloads: WorkloadInfo[], stats: readonly WorkloadStats[], sort: NavSort): WorkloadInfo[] {
	if (sort === 'name') return workloads;
	const cached = navSortCache.get(workloads);
	if (cached && cached.key === stats && cached.sort === sort) return cached.workloads;
	const byName = new Map(stats.map(row => [`${row.type}/${row.name}`, row]));
	const value = (workload: WorkloadInfo): number | null => {
		const row = byName.get(`${workload.type}/${workload.name}`);
		if (!row) return null;
		return sort === 'sr' ? (row.successRate === null ? null : -row.successRate) : sort === 'rps' ? row.rps : row.p99Ms;
	};
	const sorted = [...workloads].sort((a, b) => {
		const va = value(a);
		const vb = value(b);
		if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
		return vb - va;
	});
	navSortCache.set(workloads, {key: stats, sort, workloads: sorted});
	return sorted;
}

/** The navigator cursor: on the store's namespace while anchored and that namespace is listed. */
export function navCursor(data: StoreState, ui: UiState, items: NavItem[] = navigatorItems(data, ui)): number {
	if (ui.nav.anchored && ui.nav.level === 'namespaces') {
		const index = items.findIndex(item => item.kind === 'namespace' && item.namespace.name === data.namespace);
		if (index >= 0) return index;
	}
	return ui.nav.cursor;
}

/** The workload under the navigator cursor, if the cursor is on one. */
export function selectedWorkload(data: StoreState, ui: UiState): WorkloadInfo | undefined {
	const items = navigatorItems(data, ui);
	const item = items[navCursor(data, ui, items)];
	return item?.kind === 'workload' ? item.workload : undefined;
}

/** Index of the record with this seq, or of the first one after it; -1 for an empty list. */
export function indexOfSeq(records: readonly RequestRecord[], seq: number): number {
	if (records.length === 0) return -1;
	let low = 0;
	let high = records.length - 1;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (records[mid]!.seq < seq) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** Index of the selected stream row (the newest when following, or the first of a sorted view). */
export function selectedStreamIndex(records: readonly RequestRecord[], ui: Pick<UiState, 'stream'>): number {
	if (records.length === 0) return -1;
	const sorted = (ui.stream.sort ?? 'time') !== 'time';
	if (ui.stream.follow || ui.stream.selectedSeq === null) return sorted ? 0 : records.length - 1;
	if (!sorted) return indexOfSeq(records, ui.stream.selectedSeq);
	const index = records.findIndex(record => record.seq === ui.stream.selectedSeq);
	return index === -1 ? 0 : index;
}

// A sorted view is made once per snapshot and sort, not once per key press or frame.
const sortedViews = new WeakMap<readonly RequestRecord[], {sort: StreamSort; records: RequestRecord[]}>();

function latencyOf(record: RequestRecord): number {
	return record.totalUs ?? record.latencyUs ?? -1;
}

/** Sort rank of an outcome: failures first, then by status, open requests last. */
function statusRank(record: RequestRecord): number {
	if (record.state === 'open') return 10_000;
	const failed = record.success === false ? 0 : 1_000;
	return failed + (record.httpStatus === null ? 999 : 999 - Math.min(999, record.httpStatus));
}

// Pairing is worked out once per snapshot (records are in a new array each publish), and not
// again while the records stay the same ones in the same states: a quiet meshtop republishes the
// same buffer every refresh, and pairing 10,000 records costs ~15 ms.
const pairings = new WeakMap<readonly RequestRecord[], {pairing: PairingResult; shown: RequestRecord[]}>();
let lastPairing: {signature: string; pairing: PairingResult} | undefined;

/** Which records, in which order, and how many are finished: what pairing depends on (latencies are set when a record finishes). */
function pairingSignature(records: readonly RequestRecord[]): string {
	let hash = 0;
	let done = 0;
	for (const record of records) {
		hash = (Math.imul(hash, 31) + record.seq) | 0;
		if (record.state === 'done') done++;
	}
	return `${records.length}:${hash}:${done}`;
}

function paired(records: readonly RequestRecord[]): {pairing: PairingResult; shown: RequestRecord[]} {
	let cached = pairings.get(records);
	if (!cached) {
		const signature = pairingSignature(records);
		const pairing = lastPairing?.signature === signature ? lastPairing.pairing : pairRecords(records);
		lastPairing = {signature, pairing};
		// A pair shows as its OUTBOUND (client-side) row; the INBOUND one is folded into it.
		const shown = pairing.pairs === 0 ? (records as RequestRecord[]) : records.filter(r => !(r.direction === 'INBOUND' && pairing.partner.has(r.seq)));
		cached = {pairing, shown};
		pairings.set(records, cached);
	}
	return cached;
}

/** Each shown record's partner seen at the other end; empty when the stream shows raw rows (`b`). */
export function streamPartners(data: StoreState, ui: Pick<UiState, 'stream'>): ReadonlyMap<number, RequestRecord> {
	if (ui.stream.raw) return noPartners;
	return paired(data.snapshot.records).pairing.partner;
}

const noPartners: ReadonlyMap<number, RequestRecord> = new Map();

/**
 * The request the detail shows: its live record (the overlay keeps a copy for one that left the
 * buffer) and, when the stream pairs it, the same request seen at the other end.
 */
export function detailRecords(data: StoreState, ui: Pick<UiState, 'stream'>, overlay: {seq: number; record: RequestRecord}): {record: RequestRecord; partner?: RequestRecord} {
	const records = data.snapshot.records;
	const index = indexOfSeq(records, overlay.seq);
	const record = index >= 0 && records[index]!.seq === overlay.seq ? records[index]! : overlay.record;
	const partner = streamPartners(data, ui).get(record.seq);
	return partner ? {record, partner} : {record};
}

/** The stream's records in the order the user chose: time (as captured), slowest first, or failures first. */
export function streamRecords(data: StoreState, ui: Pick<UiState, 'stream'>): RequestRecord[] {
	const records = ui.stream.raw ? data.snapshot.records : paired(data.snapshot.records).shown;
	const sort = ui.stream.sort ?? 'time';
	if (sort === 'time') return records;
	const cached = sortedViews.get(records);
	if (cached?.sort === sort) return cached.records;
	const view = [...records].sort(
		sort === 'latency'
			? (a, b) => latencyOf(b) - latencyOf(a) || b.seq - a.seq
			: (a, b) => statusRank(a) - statusRank(b) || b.seq - a.seq,
	);
	sortedViews.set(records, {sort, records: view});
	return view;
}

export function selectedRecord(data: StoreState, ui: UiState): RequestRecord | undefined {
	const records = streamRecords(data, ui);
	const index = selectedStreamIndex(records, ui);
	return index === -1 ? undefined : records[index];
}

export function indexOfKey(rows: ReadonlyArray<{key: string}>, key: string | null): number {
	if (rows.length === 0) return -1;
	if (key === null) return 0;
	const index = rows.findIndex(row => row.key === key);
	return index === -1 ? 0 : index;
}

/**
 * First visible row of a window of `height` rows that keeps `index` visible and
 * moves as little as possible from `previous` (so the cursor can travel inside it).
 */
export function scrollWindow(previous: number, index: number, total: number, height: number): number {
	if (height <= 0 || total <= height) return 0;
	let start = previous;
	if (index < start) start = index;
	if (index >= start + height) start = index - height + 1;
	return Math.max(0, Math.min(total - height, start));
}

/** What an empty stream says: why nothing shows (filters, a failed tap), else that nothing came yet. */
export function emptyStreamText(data: StoreState): string {
	const hidden = data.snapshot.counts.filteredOut;
	if (hidden > 0) return `${hidden} requests hidden by the filters (esc removes the last one, c clears them all)`;
	// Server words (ApiError, Status messages): the Table sanitizes this line like every cell.
	if (data.tapStatus?.state === 'failed') return `the tap failed: ${data.tapStatus.message}`;
	if (data.tapStatus?.state === 'reconnecting') return `no requests yet: ${data.tapStatus.reason}; reconnecting`;
	if (!data.target) return 'nothing tapped yet: pick a workload in the navigator and press enter';
	return 'no requests yet';
}

/** A tap that has stopped for good, in words for the stream's title; null while it runs or retries. */
export function tapStoppedText(data: StoreState): string | null {
	return data.tapStatus?.state === 'failed' ? `tap failed: ${data.tapStatus.message}` : null;
}
