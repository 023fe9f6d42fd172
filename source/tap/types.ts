import type {Resource, TapEvent} from './event.js';

/** Everything needed to build one TapByResourceRequest and its URL. */
export interface TapSpec {
	target: Resource;
	/** kubectl-style label selector applied to the target objects (-l). */
	labelSelector?: string;
	/** --to / --to-namespace: a `destinations` match. */
	to?: Resource;
	method?: string;
	path?: string;
	authority?: string;
	scheme?: string;
	/** 0 means the server default (100). */
	maxRps: number;
	/** Ask the proxies for request/response headers (extract.http.headers). */
	extractHeaders: boolean;
}

export type TapStatus =
	| {state: 'connecting'; attempt: number}
	/** Request accepted; the tap server sends nothing until the first event. */
	| {state: 'waiting'}
	| {state: 'live'}
	| {state: 'reconnecting'; attempt: number; retryAt: number; reason: string}
	/** Terminal: the stream will not come back without user action. */
	| {state: 'failed'; message: string}
	| {state: 'stopped'};

export interface TapHandlers {
	/**
	 * Events of one read, in order; called at most once per chunk read. A returned promise
	 * holds the next read until it settles: back-pressure from a slow stdout to the server.
	 */
	onEvents(events: TapEvent[]): void | Promise<void>;
	onStatus(status: TapStatus): void;
	/** A frame that did not decode as a TapEvent (counted, shown, skipped). */
	onBadFrame?(reason: string): void;
}
