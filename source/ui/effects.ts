// What a command asks of the store, as data, so command handling stays pure and
// testable; runEffects is the one place that calls the store.
import type {ClientFilter} from '../model/filters.js';
import type {Notice} from '../store/state.js';
import {stepRefresh, type ServerFilterPatch, type Store} from '../store/store.js';
import type {Resource} from '../model/resource.js';
import type {Exporter, WriteRequest} from '../model/export.js';

export type Effect =
	| {type: 'quit'}
	| {type: 'selectNamespace'; namespace: string}
	| {type: 'tap'; target: Resource | null}
	| {type: 'serverFilter'; patch: ServerFilterPatch}
	| {type: 'clientFilter'; filter: ClientFilter}
	| {type: 'clearFilters'}
	| {type: 'removeLastFilter'}
	| {type: 'discard'}
	| {type: 'pause'}
	| {type: 'resume'}
	| {type: 'cycleSort'}
	| {type: 'refresh'; direction: 1 | -1}
	| {type: 'context'; context: string}
	| {type: 'notice'; notice: Notice | null}
	/** Put text on the user's clipboard (OSC 52, written by the app shell between frames). */
	| {type: 'copy'; text: string; what: string}
	| {type: 'startRecording'; path: string; force: boolean}
	| {type: 'stopRecording'}
	/** Write records to a file (`:write`); the exporter formats them by extension. */
	| {type: 'write'; request: WriteRequest};

/** What effects may do besides calling the store. */
export interface EffectIo {
	copy?(text: string): void;
	/** Formats and writes exports (commands/export.ts); absent in tests that do not export. */
	exporter?: Exporter;
	/** --show-secrets and meshtop's version, for the recording header. */
	showSecrets?: boolean;
	version?: string;
}

export const replayTapText = 'a replay cannot tap again; filter what it holds with / (client-side)';

/** Runs effects in order; returns true when one of them asks to quit. */
export function runEffects(store: Store, effects: readonly Effect[], io: EffectIo = {}): boolean {
	let quit = false;
	const replay = Boolean(store.getState().info.replay);
	for (const effect of effects) {
		// A replay holds what the tap sent when it was recorded: a new tap (target, tap-side
		// filters, context) has nothing to ask, and would leave the screen saying it failed.
		if (replay && (effect.type === 'tap' || effect.type === 'serverFilter' || effect.type === 'context')) {
			store.notify({level: 'error', text: replayTapText});
			continue;
		}
		switch (effect.type) {
			case 'quit':
				quit = true;
				break;
			case 'selectNamespace':
				store.selectNamespace(effect.namespace);
				break;
			case 'tap':
				store.tapTarget(effect.target);
				break;
			case 'serverFilter':
				store.setServerFilter(effect.patch);
				break;
			case 'clientFilter':
				store.setClientFilter(effect.filter);
				break;
			case 'clearFilters':
				store.clearFilters();
				break;
			case 'removeLastFilter':
				store.removeLastFilter();
				break;
			case 'discard':
				store.discard();
				break;
			case 'pause':
				store.pause();
				break;
			case 'resume':
				store.resume();
				break;
			case 'cycleSort':
				store.cycleSort();
				break;
			case 'refresh':
				store.setRefresh(stepRefresh(store.getState().refreshMs, effect.direction));
				break;
			case 'context':
				void store.switchContext(effect.context);
				break;
			case 'notice':
				store.notify(effect.notice);
				break;
			case 'copy':
				if (io.copy) {
					io.copy(effect.text);
					store.notify({level: 'info', text: `copied ${effect.what} (OSC 52; tmux: set-clipboard on)`});
				} else store.notify({level: 'error', text: 'copy: this terminal output cannot carry a clipboard copy'});
				break;
			case 'startRecording':
				store.startRecording(effect.path, {force: effect.force, showSecrets: io.showSecrets ?? false, meshtop: io.version ?? 'unknown'});
				break;
			case 'stopRecording':
				store.stopRecording();
				break;
			case 'write':
				if (!io.exporter) {
					store.notify({level: 'error', text: ':write is not available here'});
					break;
				}
				io.exporter.write(effect.request).then(
					text => store.notify({level: 'info', text}),
					error => store.notify({level: 'error', text: error instanceof Error ? error.message : String(error)}),
				);
				break;
		}
	}
	return quit;
}
