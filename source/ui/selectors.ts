// Pure lookups the commands and panes share. Nothing here walks the whole buffer:
// records are in seq order, so finding one is a binary search.
import type {RequestRecord} from '../model/types.js';
import type {NamespaceInfo, WorkloadInfo} from '../model/cluster.js';
import type {StoreState} from '../store/state.js';
import type {UiState} from './ui-state.js';

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
	for (const workload of data.workloads) {
		if (`${workload.type}/${workload.name}`.toLowerCase().includes(query)) items.push({kind: 'workload', workload});
	}
	return items;
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

/** Index of the selected stream row (the newest when following). */
export function selectedStreamIndex(records: readonly RequestRecord[], ui: UiState): number {
	if (records.length === 0) return -1;
	if (ui.stream.follow || ui.stream.selectedSeq === null) return records.length - 1;
	return indexOfSeq(records, ui.stream.selectedSeq);
}

export function selectedRecord(data: StoreState, ui: UiState): RequestRecord | undefined {
	const records = data.snapshot.records;
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
