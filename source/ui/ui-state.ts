// View state that is not data: focus, cursors, overlays, half-typed text.
import type {RequestRecord} from '../model/types.js';

export type PaneId = 'navigator' | 'stream' | 'routes' | 'mtls';
export const paneOrder: PaneId[] = ['navigator', 'stream', 'routes', 'mtls'];

export type Overlay =
	| {kind: 'help'; scroll: number}
	| {kind: 'detail'; seq: number; record: RequestRecord; scroll: number}
	| {kind: 'ports'; cursor: number; typed: string}
	| {kind: 'command'; text: string; error: string | null}
	| {kind: 'search'; text: string; target: 'navigator' | 'stream'};

export interface UiState {
	focus: PaneId;
	overlay: Overlay | null;
	nav: {level: 'namespaces' | 'workloads'; cursor: number; query: string};
	/** followLive: the newest request is selected and the view sticks to it. */
	stream: {selectedSeq: number | null; follow: boolean};
	routes: {selectedKey: string | null};
	mtls: {selectedKey: string | null};
	quit: boolean;
}

export function initialUi(startedWithTarget: boolean): UiState {
	return {
		focus: startedWithTarget ? 'stream' : 'navigator',
		overlay: null,
		nav: {level: startedWithTarget ? 'workloads' : 'namespaces', cursor: 0, query: ''},
		stream: {selectedSeq: null, follow: true},
		routes: {selectedKey: null},
		mtls: {selectedKey: null},
		quit: false,
	};
}
