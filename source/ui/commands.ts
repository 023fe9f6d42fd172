// Command handlers: (ui state, data, command) → new ui state + store effects. Pure.
import type {ClientFilter} from '../model/filters.js';
import type {StoreState} from '../store/state.js';
import type {ServerFilter} from '../store/store.js';
import type {Resource} from '../model/resource.js';
import type {Effect} from './effects.js';
import type {Command} from './keymap.js';
import {meshEdgeKey} from './panes/metrics-text.js';
import {indexOfKey, navCursor, navigatorItems, selectedRecord, selectedStreamIndex, selectedWorkload} from './selectors.js';
import {paneOrder, type UiState} from './ui-state.js';

export interface CommandContext {
	data: StoreState;
	serverFilter: ServerFilter;
	/** Rows a page moves in the focused list. */
	pageSize: number;
}

export interface Outcome {
	ui: UiState;
	effects: Effect[];
}

const none = (ui: UiState): Outcome => ({ui, effects: []});
const error = (ui: UiState, text: string): Outcome => ({ui, effects: [{type: 'notice', notice: {level: 'error', text}}]});

export function applyCommand(ui: UiState, command: Command, ctx: CommandContext): Outcome {
	switch (command) {
		case 'quit':
			return {ui: {...ui, quit: true}, effects: [{type: 'quit'}]};
		case 'help':
			return none({...ui, overlay: ui.overlay?.kind === 'help' ? null : {kind: 'help', scroll: 0}});
		case 'back':
			return back(ui, ctx);
		case 'focusNext':
		case 'focusPrev': {
			const step = command === 'focusNext' ? 1 : paneOrder.length - 1;
			return none({...ui, focus: paneOrder[(paneOrder.indexOf(ui.focus) + step) % paneOrder.length]!});
		}
		case 'up':
			return move(ui, ctx, -1);
		case 'down':
			return move(ui, ctx, 1);
		case 'pageUp':
			return move(ui, ctx, -Math.max(1, ctx.pageSize));
		case 'pageDown':
			return move(ui, ctx, Math.max(1, ctx.pageSize));
		case 'top':
			return move(ui, ctx, -Infinity);
		case 'bottom':
			return move(ui, ctx, Infinity);
		case 'open':
			return open(ui, ctx);
		case 'refreshLonger':
		case 'refreshShorter':
			return {ui, effects: [{type: 'refresh', direction: command === 'refreshLonger' ? 1 : -1}]};
		case 'pause':
			if (ctx.data.paused) return {ui: {...ui, stream: {...ui.stream, follow: true}}, effects: [{type: 'resume'}]};
			return {ui: pinSelection(ui, ctx), effects: [{type: 'pause'}]};
		case 'follow':
			return {
				ui: {...ui, stream: {selectedSeq: null, follow: true}},
				effects: ctx.data.paused ? [{type: 'resume'}] : [],
			};
		case 'toggleTo':
			return toggleTo(ui, ctx);
		case 'toggleFrom':
			return toggleFrom(ui, ctx);
		case 'ports':
			return none({...ui, overlay: {kind: 'ports', cursor: 0, typed: ''}});
		case 'search':
			if (ui.focus === 'navigator') {
				return none({...ui, overlay: {kind: 'search', text: ui.nav.query, target: 'navigator'}});
			}
			return none({...ui, overlay: {kind: 'search', text: ctx.data.clientFilter.text ?? '', target: 'stream'}});
		case 'sort':
			return {ui, effects: [{type: 'cycleSort'}]};
		case 'edges':
			// The two views list different rows: start the new one at its top.
			return none({...ui, mtls: {selectedKey: null, view: ui.mtls.view === 'tap' ? 'metrics' : 'tap'}});
		case 'commandLine':
			return none({...ui, overlay: {kind: 'command', text: '', error: null}});
		case 'redraw':
			// The app shell repaints the terminal itself; nothing in the UI state changes.
			return none(ui);
	}
}

function back(ui: UiState, ctx: CommandContext): Outcome {
	if (ui.overlay) return {ui: {...ui, overlay: null}, effects: []};
	if (ui.focus === 'navigator' && ui.nav.level === 'workloads') {
		const cursor = Math.max(0, ctx.data.namespaces.findIndex(ns => ns.name === ctx.data.namespace));
		return none({...ui, nav: {level: 'namespaces', cursor, query: ''}});
	}
	if (ui.focus === 'stream' && ctx.data.clientFilter.route) {
		const {route: _route, ...rest} = ctx.data.clientFilter;
		return {ui, effects: [{type: 'clientFilter', filter: rest}]};
	}
	if (ctx.data.notice) return {ui, effects: [{type: 'notice', notice: null}]};
	return none(ui);
}

function clamp(value: number, length: number): number {
	return Math.max(0, Math.min(length - 1, value));
}

function move(ui: UiState, ctx: CommandContext, delta: number): Outcome {
	const {snapshot} = ctx.data;
	const overlay = ui.overlay;
	if (overlay?.kind === 'help' || overlay?.kind === 'detail') {
		const scroll = Number.isFinite(delta) ? Math.max(0, overlay.scroll + delta) : delta < 0 ? 0 : 1e6;
		return none({...ui, overlay: {...overlay, scroll}});
	}
	if (overlay?.kind === 'ports') {
		const cursor = clamp(Number.isFinite(delta) ? overlay.cursor + delta : delta < 0 ? 0 : Infinity, snapshot.ports.length + 1);
		return none({...ui, overlay: {...overlay, cursor}});
	}
	switch (ui.focus) {
		case 'navigator': {
			const items = navigatorItems(ctx.data, ui);
			const length = items.length;
			const from = navCursor(ctx.data, ui, items);
			const cursor = clamp(Number.isFinite(delta) ? from + delta : delta < 0 ? 0 : length, length);
			return none({...ui, nav: {level: ui.nav.level, query: ui.nav.query, cursor}});
		}
		case 'stream': {
			const records = snapshot.records;
			if (records.length === 0) return none(ui);
			if (delta === Infinity) return none({...ui, stream: {selectedSeq: null, follow: true}});
			const from = selectedStreamIndex(records, ui);
			const index = clamp(Number.isFinite(delta) ? from + delta : 0, records.length);
			return none({...ui, stream: {selectedSeq: records[index]!.seq, follow: false}});
		}
		case 'routes':
		case 'mtls': {
			const rows =
				ui.focus === 'routes'
					? snapshot.routes
					: ui.mtls.view === 'metrics'
						? ctx.data.metrics.edges.rows.map(edge => ({key: meshEdgeKey(edge)}))
						: snapshot.mtls.edges;
			if (rows.length === 0) return none(ui);
			const from = indexOfKey(rows, ui[ui.focus].selectedKey);
			const index = clamp(Number.isFinite(delta) ? from + delta : delta < 0 ? 0 : rows.length, rows.length);
			const selectedKey = rows[index]!.key;
			return none(ui.focus === 'routes' ? {...ui, routes: {selectedKey}} : {...ui, mtls: {...ui.mtls, selectedKey}});
		}
	}
}

/** Following live, the pause freezes on the newest row: keep that row selected. */
function pinSelection(ui: UiState, ctx: CommandContext): UiState {
	const record = selectedRecord(ctx.data, ui);
	if (!record) return ui;
	return {...ui, stream: {selectedSeq: record.seq, follow: false}};
}

function tapAndWatch(ui: UiState, target: Resource): Outcome {
	return {
		ui: {...ui, focus: 'stream', stream: {selectedSeq: null, follow: true}},
		effects: [{type: 'tap', target}],
	};
}

function open(ui: UiState, ctx: CommandContext): Outcome {
	const {data} = ctx;
	if (ui.overlay?.kind === 'ports') return choosePort(ui, ctx);
	switch (ui.focus) {
		case 'navigator': {
			const items = navigatorItems(data, ui);
			const item = items[navCursor(data, ui, items)];
			if (!item) return none(ui);
			if (item.kind === 'namespace') {
				return {
					ui: {...ui, nav: {level: 'workloads', cursor: 0, query: ''}},
					effects: [{type: 'selectNamespace', namespace: item.namespace.name}],
				};
			}
			if (item.kind === 'all') return tapAndWatch(ui, {namespace: '', type: 'namespace', name: item.namespace});
			const {namespace, type, name} = item.workload;
			return tapAndWatch(ui, {namespace, type, name});
		}
		case 'stream': {
			const record = selectedRecord(data, ui);
			if (!record) return none(ui);
			return none({...pinSelection(ui, ctx), overlay: {kind: 'detail', seq: record.seq, record, scroll: 0}});
		}
		case 'routes': {
			const route = data.snapshot.routes[indexOfKey(data.snapshot.routes, ui.routes.selectedKey)];
			if (!route) return none(ui);
			const filter: ClientFilter = {
				...data.clientFilter,
				route: {source: route.source, destination: route.destination, method: route.method, path: route.path},
			};
			return {
				ui: {...ui, focus: 'stream', stream: {selectedSeq: null, follow: true}},
				effects: [{type: 'clientFilter', filter}],
			};
		}
		case 'mtls':
			return none(ui);
	}
}

function choosePort(ui: UiState, ctx: CommandContext): Outcome {
	if (ui.overlay?.kind !== 'ports') return none(ui);
	const {typed, cursor} = ui.overlay;
	const {port: _port, ...rest} = ctx.data.clientFilter;
	let port: number | undefined;
	if (typed !== '') {
		port = Number(typed);
		if (!Number.isInteger(port) || port < 1 || port > 65_535) return error(ui, `port must be 1-65535, got "${typed}"`);
	} else if (cursor > 0) {
		port = ctx.data.snapshot.ports[cursor - 1]?.port;
	}
	const filter: ClientFilter = port === undefined ? rest : {...rest, port};
	return {ui: {...ui, overlay: null}, effects: [{type: 'clientFilter', filter}]};
}

function sameResource(a: {type: string; name: string; namespace?: string} | undefined, b: Resource): boolean {
	return !!a && a.type === b.type && a.name === b.name && (a.namespace ?? b.namespace) === b.namespace;
}

function toggleTo(ui: UiState, ctx: CommandContext): Outcome {
	const workload = selectedWorkload(ctx.data, ui);
	if (!workload) return error(ui, 't: select a workload in the navigator first');
	const to: Resource = {namespace: workload.namespace, type: workload.type, name: workload.name};
	if (sameResource(ctx.serverFilter.to, to)) return {ui, effects: [{type: 'serverFilter', patch: {to: undefined}}]};
	const effects: Effect[] = [{type: 'serverFilter', patch: {to}}];
	// Without a target there is nothing to filter: watch what reaches it across its namespace.
	if (!ctx.data.target) effects.push({type: 'tap', target: {namespace: '', type: 'namespace', name: workload.namespace}});
	return {ui, effects};
}

function toggleFrom(ui: UiState, ctx: CommandContext): Outcome {
	const workload = selectedWorkload(ctx.data, ui);
	if (!workload) return error(ui, 'f: select a workload in the navigator first');
	const from = {namespace: workload.namespace, type: workload.type, name: workload.name};
	const {from: current, ...rest} = ctx.data.clientFilter;
	const filter: ClientFilter = sameResource(current, from) ? rest : {...rest, from};
	return {ui, effects: [{type: 'clientFilter', filter}]};
}
