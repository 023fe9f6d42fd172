// Command handlers: (ui state, data, command) → new ui state + store effects. Pure.
import type {ClientFilter} from '../model/filters.js';
import {parseFilter} from '../model/filter/index.js';
import {shortType} from '../model/names.js';
import {curlCommand} from '../model/curl.js';
import {tooLargeToCopy} from './osc52.js';
import type {StoreState} from '../store/state.js';
import type {ServerFilter} from '../store/store.js';
import {resourceLabel, type Resource} from '../model/resource.js';
import type {Effect} from './effects.js';
import type {Exporter} from '../model/export.js';
import type {Command} from './keymap.js';
import {isMetricsRouteKey, meshEdgeKey, metricsRouteKey} from './panes/metrics-text.js';
import {routesCursorRows} from './metrics-props.js';
import {detailRecords, indexOfKey, navCursor, navigatorItems, selectedRecord, selectedStreamIndex, selectedWorkload, streamRecords} from './selectors.js';
import {navSorts, type PaneId, paneOrder, streamSorts, type UiState} from './ui-state.js';

export interface CommandContext {
	data: StoreState;
	serverFilter: ServerFilter;
	/** Rows a page moves in the focused list. */
	pageSize: number;
	/** How far the open help or detail overlay can scroll (its lines less the rows shown). */
	overlayMaxScroll?: number;
	/** Panes on screen (one at a time in the stacked layout): a key that changes a hidden one says so. */
	visible?: PaneId[];
	/** --show-secrets: copies carry the real secret values too. */
	showSecrets?: boolean;
	/** Formats exports (`y`); absent where nothing is exported. */
	exporter?: Exporter;
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
		case 'policy':
			if (ui.overlay?.kind === 'policy') return none({...ui, overlay: null});
			if (!ctx.data.target) return error(ui, 'P: nothing is tapped; pick a workload (enter in the navigator) or :tap RES');
			return none({...ui, overlay: {kind: 'policy', scroll: 0}});
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
				ui: {...ui, stream: {...ui.stream, selectedSeq: null, follow: true}},
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
			{
				const current = ctx.data.clientFilter.expr ?? '';
				return none({...ui, overlay: {kind: 'search', text: current, target: 'stream', error: null, previous: current, selected: current !== ''}});
			}
		case 'failuresOnly':
			return toggleClient(ui, ctx, 'failuresOnly');
		case 'hideNoise':
			return toggleClient(ui, ctx, 'hideNoise');
		case 'togglePairs': {
			const raw = !ui.stream.raw;
			const text = raw ? 'stream: both raw rows of requests seen at both ends (b: pair them)' : 'stream: requests seen at both ends paired into one row (b: raw rows)';
			return {ui: {...ui, stream: {...ui.stream, raw}}, effects: [{type: 'notice', notice: {level: 'info', text}}]};
		}
		case 'clearFilters':
			return {ui, effects: [{type: 'clearFilters'}]};
		case 'discard': {
			// No count: requests keep arriving while the question is up (the notice after says how many went),
			// and short enough that the answer keys show whole at 80 columns.
			const question = 'discard every captured request and statistic? y: discard, any other key: keep';
			return none({...ui, overlay: {kind: 'confirm', action: 'discard', question}});
		}
		case 'sort':
			return sort(ui);
		case 'edges': {
			// The two views list different rows: start the new one at its top.
			const view = ui.mtls.view === 'tap' ? 'metrics' : 'tap';
			const next = {...ui, mtls: {selectedKey: null, view}} as UiState;
			if (!ctx.visible || ctx.visible.includes('mtls')) return none(next);
			const what = view === 'metrics' ? 'all edges from metrics-api' : 'edges sampled from tap';
			return {ui: next, effects: [{type: 'notice', notice: {level: 'info', text: `mTLS pane now shows ${what} (tab to it)`}}]};
		}
		case 'commandLine':
			return none({...ui, overlay: {kind: 'command', text: '', error: null}});
		case 'routeDetail': {
			if (isMetricsRouteKey(ui.routes.selectedKey)) return error(ui, 'h: trends are for the tap routes above; enter shows this route\'s stream');
			const route = ctx.data.snapshot.routes[indexOfKey(ctx.data.snapshot.routes, ui.routes.selectedKey)];
			if (!route) return error(ui, 'h: no route selected');
			return none({...ui, routes: {selectedKey: route.key}, overlay: {kind: 'route', key: route.key}});
		}
		case 'copyCurl': {
			if (ui.overlay?.kind !== 'detail') return none(ui);
			const seq = ui.overlay.seq;
			const record = ctx.data.snapshot.records.find(rec => rec.seq === seq) ?? ui.overlay.record;
			const text = curlCommand(record, {showSecrets: ctx.showSecrets});
			const refused = tooLargeToCopy(text);
			if (refused) return error(ui, refused);
			return {ui, effects: [{type: 'copy', text, what: `request #${record.seq} as curl`}]};
		}
		case 'copyJson': {
			if (ui.overlay?.kind !== 'detail') return none(ui);
			if (!ctx.exporter) return error(ui, 'y: copying JSON is not available here');
			// A request seen at both ends copies both sides' events, the caller's first, as tap printed them.
			const {record, partner} = detailRecords(ctx.data, ui, ui.overlay);
			const sides = partner ? (record.direction === 'INBOUND' ? [partner, record] : [record, partner]) : [record];
			const text = sides.map(side => ctx.exporter!.requestJson(side, ctx.showSecrets === true)).join('');
			const refused = tooLargeToCopy(text);
			if (refused) return error(ui, refused);
			return {ui, effects: [{type: 'copy', text, what: `request ${sides.map(side => `#${side.seq}`).join(' + ')} as tap -o json`}]};
		}
		case 'record': {
			if (ctx.data.recording) return {ui, effects: [{type: 'stopRecording'}]};
			if (ctx.data.info.replay) return error(ui, replayRecordText);
			return {ui, effects: [{type: 'startRecording', path: recordingName(ctx.data.now), force: false}]};
		}
		case 'write':
			return none({...ui, overlay: {kind: 'command', text: 'write ', error: null}});
		case 'prevRequest':
		case 'nextRequest':
			return step(ui, ctx, command === 'prevRequest' ? -1 : 1);
		case 'redraw':
			// The app shell repaints the terminal itself; nothing in the UI state changes.
			return none(ui);
	}
}

/** `R` with no name: meshtop-20250102-150405.mtap in the working directory, from the clock the store shows. */
/** A replay's frames are all delivered already: a new recording would stay empty. */
export const replayRecordText = 'nothing new to record in a replay; :write FILE.mtap saves what is shown';

export function recordingName(now: number): string {
	const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, '').replaceAll('-', '').replaceAll(':', '').replace('T', '-');
	return `meshtop-${stamp}.mtap`;
}

/** `:write FILE`: the requests the stream shows, filtered and sorted as shown. */
export function writeEffect(ui: UiState, ctx: CommandContext, path: string, overwrite: boolean): Effect {
	const {info, spec} = ctx.data;
	return {
		type: 'write',
		request: {path, records: streamRecords(ctx.data, ui), overwrite, showSecrets: ctx.showSecrets === true, source: {context: info.context, server: info.server, spec}},
	};
}

function back(ui: UiState, ctx: CommandContext): Outcome {
	if (ui.overlay) return {ui: {...ui, overlay: null}, effects: []};
	if (ui.focus === 'navigator' && ui.nav.level === 'workloads') {
		const cursor = Math.max(0, ctx.data.namespaces.findIndex(ns => ns.name === ctx.data.namespace));
		return none({...ui, nav: {level: 'namespaces', cursor, query: '', sort: ui.nav.sort}});
	}
	if (ui.focus !== 'navigator' && ctx.data.filterOrder.length > 0) {
		const effects: Effect[] = [{type: 'removeLastFilter'}];
		if (ctx.data.notice) effects.push({type: 'notice', notice: null});
		return {ui, effects};
	}
	if (ctx.data.notice) return {ui, effects: [{type: 'notice', notice: null}]};
	return none(ui);
}

/** In the detail: the previous or next request of the stream as shown (filtered, sorted), without going back. */
function step(ui: UiState, ctx: CommandContext, delta: number): Outcome {
	if (ui.overlay?.kind !== 'detail') return none(ui);
	const records = streamRecords(ctx.data, ui);
	const at = records.findIndex(record => record.seq === (ui.overlay as {seq: number}).seq);
	const next = records[at === -1 ? (delta < 0 ? records.length - 1 : 0) : at + delta];
	if (!next) return error(ui, delta < 0 ? 'this is the first request shown' : 'this is the last request shown');
	return none({...ui, stream: {...ui.stream, selectedSeq: next.seq, follow: false}, overlay: {kind: 'detail', seq: next.seq, record: next, scroll: 0}});
}

function toggleClient(ui: UiState, ctx: CommandContext, key: 'failuresOnly' | 'hideNoise'): Outcome {
	const {[key]: on, ...rest} = ctx.data.clientFilter;
	return {ui, effects: [{type: 'clientFilter', filter: on ? rest : {...rest, [key]: true}}]};
}

/** `s` sorts the focused pane: the stream and the navigator here, the routes in the store. */
function sort(ui: UiState): Outcome {
	if (ui.focus === 'routes') return {ui, effects: [{type: 'cycleSort'}]};
	if (ui.focus === 'stream') {
		const next = streamSorts[(streamSorts.indexOf(ui.stream.sort ?? 'time') + 1) % streamSorts.length]!;
		// Back to time order follows live again; a sorted view starts at its top (slowest, or failures first).
		return none({...ui, stream: {selectedSeq: null, follow: next === 'time', sort: next}});
	}
	if (ui.focus === 'navigator') {
		const next = navSorts[(navSorts.indexOf(ui.nav.sort ?? 'name') + 1) % navSorts.length]!;
		return none({...ui, nav: {...ui.nav, sort: next}});
	}
	return error(ui, 's: the mTLS pane has one order (least secured first)');
}

function clamp(value: number, length: number): number {
	return Math.max(0, Math.min(length - 1, value));
}

function move(ui: UiState, ctx: CommandContext, delta: number): Outcome {
	const {snapshot} = ctx.data;
	const overlay = ui.overlay;
	if (overlay?.kind === 'help' || overlay?.kind === 'detail' || overlay?.kind === 'policy') {
		// Clamped to the content, so after G (or paging past the end) ↑ and PgUp move at once.
		const max = ctx.overlayMaxScroll ?? 1e6;
		const target = Number.isFinite(delta) ? overlay.scroll + delta : delta < 0 ? 0 : max;
		const scroll = Math.max(0, Math.min(max, target));
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
			return none({...ui, nav: {level: ui.nav.level, query: ui.nav.query, cursor, sort: ui.nav.sort}});
		}
		case 'stream': {
			const records = streamRecords(ctx.data, ui);
			if (records.length === 0) return none(ui);
			const sorted = (ui.stream.sort ?? 'time') !== 'time';
			if (delta === Infinity && !sorted) return none({...ui, stream: {...ui.stream, selectedSeq: null, follow: true}});
			if (delta === Infinity) return none({...ui, stream: {...ui.stream, selectedSeq: records.at(-1)!.seq, follow: false}});
			const from = selectedStreamIndex(records, ui);
			const index = clamp(Number.isFinite(delta) ? from + delta : 0, records.length);
			return none({...ui, stream: {...ui.stream, selectedSeq: records[index]!.seq, follow: false}});
		}
		case 'routes':
		case 'mtls': {
			const rows =
				ui.focus === 'routes'
					? routesCursorRows(ctx.data)
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
	return {...ui, stream: {...ui.stream, selectedSeq: record.seq, follow: false}};
}

function tapAndWatch(ui: UiState, target: Resource): Outcome {
	return {
		ui: {...ui, focus: 'stream', stream: {...ui.stream, selectedSeq: null, follow: true}},
		effects: [{type: 'tap', target}],
	};
}

function open(ui: UiState, ctx: CommandContext): Outcome {
	const {data} = ctx;
	if (ui.overlay?.kind === 'ports') return choosePort(ui, ctx);
	if (ui.overlay?.kind === 'route') return open({...ui, overlay: null, focus: 'routes'}, ctx);
	switch (ui.focus) {
		case 'navigator': {
			const items = navigatorItems(data, ui);
			const item = items[navCursor(data, ui, items)];
			if (!item) return none(ui);
			if (item.kind === 'namespace') {
				return {
					ui: {...ui, nav: {level: 'workloads', cursor: 0, query: '', sort: ui.nav.sort}},
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
			if (isMetricsRouteKey(ui.routes.selectedKey)) return openMetricsRoute(ui, ctx);
			const route = data.snapshot.routes[indexOfKey(data.snapshot.routes, ui.routes.selectedKey)];
			if (!route) return none(ui);
			const filter: ClientFilter = {
				...data.clientFilter,
				route: {source: route.source, destination: route.destination, method: route.method, path: route.path},
			};
			return {
				ui: {...ui, focus: 'stream', stream: {...ui.stream, selectedSeq: null, follow: true}},
				effects: [{type: 'clientFilter', filter}],
			};
		}
		case 'mtls':
			return openEdge(ui, ctx);
	}
}

/**
 * enter on a metrics-api route: the stream, filtered to requests into its workload with that
 * ServiceProfile route (tap's route label; [DEFAULT] for none, as linkerd viz tap --routes shows).
 */
function openMetricsRoute(ui: UiState, ctx: CommandContext): Outcome {
	const {data} = ctx;
	const route = data.metrics.routes.rows.find(row => metricsRouteKey(row) === ui.routes.selectedKey);
	if (!route) return none(ui);
	const workload = data.metrics.routesFor ? resourceLabel(data.metrics.routesFor) : route.resource;
	return filterStream(ui, ctx, `dst=${JSON.stringify(workload)} and route=${JSON.stringify(route.route)}`, `${workload} route ${route.route}`);
}

/** The stream, filtered to `terms` as well as any filter-language text in force. */
function filterStream(ui: UiState, ctx: CommandContext, terms: string, what: string): Outcome {
	const current = ctx.data.clientFilter.expr;
	const expr = current ? `(${current}) and ${terms}` : terms;
	if (!parseFilter(expr).ok) return error(ui, `cannot filter to ${what}`);
	return {
		ui: {...ui, focus: 'stream', stream: {...ui.stream, selectedSeq: null, follow: true}},
		effects: [{type: 'clientFilter', filter: {...ctx.data.clientFilter, expr}}],
	};
}

/** enter on an mTLS edge: the stream, filtered to that source and destination (added to any filter in force). */
function openEdge(ui: UiState, ctx: CommandContext): Outcome {
	const {data} = ctx;
	let ends: [string, string] | undefined;
	if (ui.mtls.view === 'metrics') {
		const rows = data.metrics.edges.rows;
		const edge = rows[indexOfKey(rows.map(row => ({key: meshEdgeKey(row)})), ui.mtls.selectedKey)];
		if (edge) ends = [`${shortType(edge.srcType)}/${edge.src}`, `${shortType(edge.dstType)}/${edge.dst}`];
	} else {
		const edge = data.snapshot.mtls.edges[indexOfKey(data.snapshot.mtls.edges, ui.mtls.selectedKey)];
		if (edge) ends = [edge.source, edge.destination];
	}
	if (!ends) return none(ui);
	return filterStream(ui, ctx, `src=${JSON.stringify(ends[0])} and dst=${JSON.stringify(ends[1])}`, `${ends[0]} → ${ends[1]}`);
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
