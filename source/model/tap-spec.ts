// What the user asked the tap API for, and the state of a tap source: domain types that the
// tap client, the store, the UI and (later) a recording all share. Pure types, no I/O.
import type {Resource} from './resource.js';

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
	/** `since`: when this attempt began (the session's clock), so the UI can say how long it has been trying. */
	| {state: 'connecting'; attempt: number; since?: number}
	/** Request accepted; the tap server sends nothing until the first event. */
	| {state: 'waiting'}
	| {state: 'live'}
	| {state: 'reconnecting'; attempt: number; retryAt: number; reason: string}
	/** Terminal: the stream will not come back without user action. */
	| {state: 'failed'; message: string}
	| {state: 'stopped'};
