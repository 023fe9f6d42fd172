// One key → outcome. Text-entry overlays (`:`, `/`, typed ports) take printable keys
// first; everything else goes through the keymap to a command.
import type {ClientFilter} from '../model/filters.js';
import {parseFilter} from '../model/filter/index.js';
import {parseCommandLine, type LineIntent} from './command-line.js';
import {applyCommand, type CommandContext, type Outcome, writeEffect} from './commands.js';
import type {Effect} from './effects.js';
import {complete} from './completion.js';
import {commandFor, type Scope} from './keymap.js';
import {editLine, remember} from './line-editor.js';
import type {UiState} from './ui-state.js';

export function scopeOf(ui: UiState): Scope {
	if (ui.overlay?.kind === 'help' || ui.overlay?.kind === 'detail' || ui.overlay?.kind === 'ports' || ui.overlay?.kind === 'confirm' || ui.overlay?.kind === 'route' || ui.overlay?.kind === 'policy') {
		return ui.overlay.kind;
	}
	return ui.focus;
}

/** A prompt that takes typed text (`:` and `/`). */
export function inTextEntry(ui: UiState): boolean {
	return ui.overlay?.kind === 'command' || ui.overlay?.kind === 'search';
}

export function handleKey(ui: UiState, name: string, input: string, ctx: CommandContext): Outcome {
	if (name === 'ctrl+c') return applyCommand(ui, 'quit', ctx);
	const overlay = ui.overlay;
	if (overlay?.kind === 'confirm') {
		// Only an explicit y goes ahead; every other key (esc, q, n, enter) keeps the data.
		const effects: Effect[] = name === 'y' || name === 'Y' ? [{type: overlay.action}] : [];
		return {ui: {...ui, overlay: null}, effects};
	}
	if (overlay?.kind === 'command' || overlay?.kind === 'search') {
		if (name === 'escape') return cancelText(ui, ctx);
		if (name === 'return') return submitText(rememberEntry(ui), ctx);
		const line = {text: overlay.text, cursor: overlay.cursor ?? [...overlay.text].length};
		const kind = overlay.kind;
		let next: {text: string; cursor: number; choices?: string[]; back?: number} | undefined;
		if (name === 'tab') {
			const done = complete(kind, line, ctx.data);
			next = {...done.line, choices: done.choices};
		}
		else if (name === 'up' || name === 'down') next = fromHistory(ui, overlay.back ?? 0, name === 'up' ? 1 : -1);
		else {
			// Reopened on a filter, its text is selected: the first typed key replaces it.
			const selected = overlay.kind === 'search' && overlay.selected === true;
			const typing = name === 'space' || (input.length > 0 && name === input) || name === 'backspace';
			next = editLine(selected && typing ? {text: '', cursor: 0} : line, name, input);
		}
		if (next === undefined) return {ui, effects: []};
		const edited = {...overlay, text: next.text, cursor: next.cursor, choices: next.choices ?? [], back: next.back ?? overlay.back};
		if (edited.kind === 'command') return {ui: {...ui, overlay: {...edited, error: null}}, effects: []};
		if (edited.text === overlay.text) return {ui: {...ui, overlay: {...edited, selected: false}}, effects: []};
		return liveSearch({...ui, overlay: {...edited, selected: false}}, ctx, edited.text);
	}
	// q in the port picker closes the picker, not the whole app.
	if (overlay?.kind === 'ports' && name === 'q') return {ui: {...ui, overlay: null}, effects: []};
	if (overlay?.kind === 'ports' && (/^\d+$/.test(input) || name === 'backspace')) {
		const typed = name === 'backspace' ? overlay.typed.slice(0, -1) : (overlay.typed + input).slice(0, 5);
		return {ui: {...ui, overlay: {...overlay, typed}}, effects: []};
	}
	const command = commandFor(name, scopeOf(ui));
	return command ? applyCommand(ui, command, ctx) : {ui, effects: []};
}

/** Says when a workload target is not in the navigator's list for its namespace (services cannot be checked). */
function unknownWorkload(target: {namespace: string; type: string; name: string}, ctx: CommandContext): string | undefined {
	const {data} = ctx;
	if (!target.name || target.type === 'service' || target.type === 'namespace' || target.namespace !== data.namespace || data.workloads.length === 0) return undefined;
	if (data.workloads.some(w => w.type === target.type && w.name === target.name)) return undefined;
	return `no ${target.type} "${target.name}" in ${target.namespace} (the tap restarts with it anyway; check the name)`;
}

function historyOf(ui: UiState): string[] {
	const overlay = ui.overlay;
	if (overlay?.kind === 'command') return ui.history?.command ?? [];
	if (overlay?.kind === 'search' && overlay.target === 'stream') return ui.history?.search ?? [];
	return [];
}

/** ↑ goes back through what was entered before, ↓ forward again to an empty line. */
function fromHistory(ui: UiState, back: number, delta: number): {text: string; cursor: number; back: number} | undefined {
	const history = historyOf(ui);
	const next = Math.max(0, Math.min(history.length, back + delta));
	if (next === back) return undefined;
	const text = next === 0 ? '' : history[history.length - next]!;
	return {text, cursor: [...text].length, back: next};
}

function rememberEntry(ui: UiState): UiState {
	const overlay = ui.overlay;
	const history = ui.history ?? {command: [], search: []};
	if (overlay?.kind === 'command') return {...ui, history: {...history, command: remember(history.command, overlay.text)}};
	if (overlay?.kind === 'search' && overlay.target === 'stream' && !overlay.error) {
		return {...ui, history: {...history, search: remember(history.search, overlay.text)}};
	}
	return ui;
}

/**
 * The stream's `/` applies the filter as it is typed, but only text that parses: until it
 * does, the overlay says where and why, and the filter in force stays.
 */
function liveSearch(ui: UiState, ctx: CommandContext, text: string): Outcome {
	if (ui.overlay?.kind === 'search' && ui.overlay.target === 'navigator') {
		return {ui: {...ui, nav: {level: ui.nav.level, query: text, cursor: 0, sort: ui.nav.sort}}, effects: []};
	}
	const parsed = parseFilter(text);
	if (!parsed.ok) {
		return {ui: ui.overlay?.kind === 'search' ? {...ui, overlay: {...ui.overlay, error: parsed.error.message}} : ui, effects: []};
	}
	const next = ui.overlay?.kind === 'search' ? {...ui, overlay: {...ui.overlay, error: null}} : ui;
	return {ui: next, effects: [withExpr(ctx.data.clientFilter, text.trim())]};
}

function withExpr(current: ClientFilter, expr: string): Effect {
	const {expr: _expr, ...rest} = current;
	return {type: 'clientFilter', filter: expr === '' ? rest : {...rest, expr}};
}

function cancelText(ui: UiState, ctx: CommandContext): Outcome {
	// esc on a search puts back the filter it started from; esc on the command line only closes it.
	const overlay = ui.overlay;
	if (overlay?.kind === 'search' && overlay.target === 'navigator') {
		const cleared = liveSearch(ui, ctx, '');
		return {ui: {...cleared.ui, overlay: null}, effects: cleared.effects};
	}
	if (overlay?.kind === 'search') {
		const previous = overlay.previous ?? '';
		const unchanged = (ctx.data.clientFilter.expr ?? '') === previous;
		return {ui: {...ui, overlay: null}, effects: unchanged ? [] : [withExpr(ctx.data.clientFilter, previous)]};
	}
	return {ui: {...ui, overlay: null}, effects: []};
}

function submitText(ui: UiState, ctx: CommandContext): Outcome {
	const overlay = ui.overlay;
	// Enter on text that does not parse keeps the prompt open with the reason shown.
	if (overlay?.kind === 'search' && overlay.error) return {ui, effects: []};
	if (overlay?.kind === 'search') return {ui: {...ui, overlay: null}, effects: []};
	if (overlay?.kind !== 'command') return {ui, effects: []};
	if (overlay.text.trim() === '') return {ui: {...ui, overlay: null}, effects: []};
	const parsed = parseCommandLine(overlay.text, ctx.data.namespace);
	if (!parsed.ok) return {ui: {...ui, overlay: {...overlay, error: parsed.error}}, effects: []};
	return intentOutcome({...ui, overlay: null}, parsed.intent, ctx);
}

function intentOutcome(ui: UiState, intent: LineIntent, ctx: CommandContext): Outcome {
	const filter = ctx.data.clientFilter;
	const client = (next: ClientFilter): Effect => ({type: 'clientFilter', filter: next});
	switch (intent.kind) {
		case 'quit':
			return applyCommand(ui, 'quit', ctx);
		case 'clear':
			return {ui, effects: [{type: 'clearFilters'}]};
		case 'discard':
			return applyCommand(ui, 'discard', ctx);
		case 'to': {
			const missing = intent.to ? unknownWorkload(intent.to, ctx) : undefined;
			const effects: Effect[] = [{type: 'serverFilter', patch: {to: intent.to}}];
			// Applied anyway (the list may lag a rollout), but said: a typo would otherwise look like silence.
			if (missing) effects.push({type: 'notice', notice: {level: 'error', text: missing}});
			return {ui, effects};
		}
		case 'fromAddress': {
			const term = `src=${intent.address}`;
			const expr = filter.expr ? `(${filter.expr}) and ${term}` : term;
			return {ui, effects: [client({...filter, expr})]};
		}
		case 'contexts': {
			const {context, contexts} = ctx.data.info;
			const text = `contexts: ${contexts.map(name => (name === context ? `*${name}` : name)).join('  ')}  (:ctx NAME switches)`;
			return {ui, effects: [{type: 'notice', notice: {level: 'info', text}}]};
		}
		case 'server':
			return {ui, effects: [{type: 'serverFilter', patch: {[intent.field]: intent.value}}]};
		case 'maxRps':
			return {ui, effects: [{type: 'serverFilter', patch: {maxRps: intent.value}}]};
		case 'from': {
			const {from: _from, ...rest} = filter;
			return {ui, effects: [client(intent.from ? {...rest, from: intent.from} : rest)]};
		}
		case 'port': {
			const {port: _port, ...rest} = filter;
			return {ui, effects: [client(intent.port === undefined ? rest : {...rest, port: intent.port})]};
		}
		case 'expr':
			return {ui, effects: [withExpr(filter, intent.expr ?? '')]};
		case 'ns':
			if (ctx.data.namespaces.length > 0 && !ctx.data.namespaces.some(ns => ns.name === intent.namespace)) {
				const known = ctx.data.namespaces.map(ns => ns.name).slice(0, 8).join(' ');
				return {ui: {...ui, overlay: {kind: 'command', text: `ns ${intent.namespace}`, error: `no namespace "${intent.namespace}" (there are: ${known})`}}, effects: []};
			}
			return {
				ui: {...ui, focus: 'navigator', nav: {level: 'workloads', cursor: 0, query: '', sort: ui.nav.sort}},
				effects: [{type: 'selectNamespace', namespace: intent.namespace}],
			};
		case 'ctx': {
			// Like :ns: a name the kubeconfig does not have is said in the prompt, with the ones it has.
			const {contexts} = ctx.data.info;
			if (contexts.length > 0 && !contexts.includes(intent.context)) {
				return {ui: {...ui, overlay: {kind: 'command', text: `ctx ${intent.context}`, error: `no context "${intent.context}" (there are: ${contexts.slice(0, 8).join(' ')})`}}, effects: []};
			}
			return {ui, effects: [{type: 'context', context: intent.context}]};
		}
		case 'record':
			if (intent.path === undefined || (ctx.data.info.replay && !ctx.data.recording)) return applyCommand(ui, 'record', ctx);
			return {ui, effects: [ctx.data.recording ? {type: 'stopRecording'} : {type: 'startRecording', path: intent.path, force: intent.force}]};
		case 'write':
			return {ui, effects: [writeEffect(ui, ctx, intent.path, intent.force)]};
		case 'tap':
			return {
				ui: {...ui, focus: 'stream', stream: {...ui.stream, selectedSeq: null, follow: true}},
				effects: [{type: 'tap', target: intent.target}],
			};
	}
}
