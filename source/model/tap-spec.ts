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
	/**
	 * -A / -n a,b,c: one tap per namespace (the tap API has no cluster-wide tap), `target`
	 * retargeted into each (model/namespace-scope.ts) and max-rps split across them.
	 */
	namespaces?: NamespaceScope;
}

/** The namespaces a tap spans: every namespace (followed as they come and go) or a list. */
export type NamespaceScope = {all: true} | {all: false; names: string[]};

/** One namespace's tap inside a multi-namespace tap. */
export interface NamespaceTapState {
	namespace: string;
	state: TapStatus['state'];
	/** Why it failed or is reconnecting, one line of server words. */
	message?: string;
	/**
	 * Failed only because the namespace has no pod the tap API can tap (no meshed pods, or
	 * none tap-enabled): nothing to tap, not a failure (model/namespace-scope.ts).
	 */
	nothingToTap?: boolean;
}

/** What a multi-namespace tap adds to its status: each namespace's state and the rate split. */
export interface ScopeStatus {
	all: boolean;
	/** In name order. */
	namespaces: NamespaceTapState[];
	/** max-rps each namespace's tap asks for: split across the namespaces that had not failed. */
	rpsEach: number;
	/** How many taps max-rps is split across (the namespaces, less those failed when it was split). */
	across?: number;
	/** No namespace has failed for a moment since the taps started: the failures so far are all there will be for now. */
	settled?: boolean;
	/** The max-rps asked for in all (100 when 0 was given: the server default). */
	rpsTotal: number;
}

export type TapStatus = TapState & {scope?: ScopeStatus};

type TapState =
	/** `since`: when this attempt began (the session's clock), so the UI can say how long it has been trying. */
	| {state: 'connecting'; attempt: number; since?: number}
	/** Request accepted; the tap server sends nothing until the first event. */
	| {state: 'waiting'}
	| {state: 'live'}
	| {state: 'reconnecting'; attempt: number; retryAt: number; reason: string}
	/** Terminal: the stream will not come back without user action. */
	| {state: 'failed'; message: string}
	| {state: 'stopped'};
