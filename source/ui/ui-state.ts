// View state that is not data: focus, cursors, overlays, half-typed text.
import type {RequestRecord} from '../model/types.js';

export type PaneId = 'navigator' | 'stream' | 'routes' | 'mtls';
export const paneOrder: PaneId[] = ['navigator', 'stream', 'routes', 'mtls'];

export type Overlay =
	| {kind: 'help'; scroll: number}
	/** `P`: the tapped workload's policy routes (Prometheus) and authorization (metrics-api). */
	| {kind: 'policy'; scroll: number}
	| {kind: 'detail'; seq: number; record: RequestRecord; scroll: number}
	| {kind: 'ports'; cursor: number; typed: string}
	/** `h` on a route: its trend and latency histogram. */
	| {kind: 'route'; key: string}
	| {kind: 'command'; text: string; error: string | null; cursor?: number; choices?: string[]; back?: number}
	/**
	 * `/`: on the stream, filter-language text applied live while it parses (`error` says where
	 * and why it does not; the filter in force stays until it does); `previous` is restored by
	 * esc. `selected`: reopened on a filter, the first typed key replaces its text.
	 */
	| {
			kind: 'search';
			text: string;
			target: 'navigator' | 'stream';
			error?: string | null;
			previous?: string;
			selected?: boolean;
			/** Cursor (code points; the end when absent), Tab's remaining choices, and how far ↑ went back in history. */
			cursor?: number;
			choices?: string[];
			back?: number;
	  }
	/** A question before something that cannot be undone (discarding what was captured). */
	| {kind: 'confirm'; action: 'discard'; question: string};

export type StreamSort = 'time' | 'latency' | 'status';
export const streamSorts: StreamSort[] = ['time', 'latency', 'status'];
export type NavSort = 'name' | 'sr' | 'rps' | 'p99';
export const navSorts: NavSort[] = ['name', 'sr', 'rps', 'p99'];

export interface UiState {
	focus: PaneId;
	overlay: Overlay | null;
	/**
	 * anchored: the cursor sits on the store's namespace (the context's at start) until the
	 * user moves it; namespaces arrive after the first frame, so an index cannot be known yet.
	 */
	nav: {level: 'namespaces' | 'workloads'; cursor: number; query: string; anchored?: boolean; sort?: NavSort};
	/**
	 * follow: the newest request is selected and the view sticks to it. sort: time when absent.
	 * raw (`b`): show both rows of a request seen at both ends instead of one paired row.
	 */
	stream: {selectedSeq: number | null; follow: boolean; sort?: StreamSort; raw?: boolean};
	routes: {selectedKey: string | null};
	/** view: edges sampled from tap, or all edges from metrics-api (`e`). */
	mtls: {selectedKey: string | null; view: 'tap' | 'metrics'};
	quit: boolean;
	/** What was entered at `:` and at `/` this session, newest last (↑ ↓ in the prompt). */
	history?: {command: string[]; search: string[]};
}

export function initialUi(startedWithTarget: boolean): UiState {
	return {
		focus: startedWithTarget ? 'stream' : 'navigator',
		overlay: null,
		nav: startedWithTarget ? {level: 'workloads', cursor: 0, query: ''} : {level: 'namespaces', cursor: 0, query: '', anchored: true},
		stream: {selectedSeq: null, follow: true},
		routes: {selectedKey: null},
		mtls: {selectedKey: null, view: 'tap'},
		quit: false,
	};
}
