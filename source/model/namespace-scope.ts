// Many namespaces at once (-A, -n a,b,c): the tap API's broadest target is one namespace
// (spec §3.1), so a multi-namespace tap is one tap per namespace. This is the pure part: each
// namespace's spec, the max-rps split, and the one status the merged tap shows. Pure.
import type {Resource} from './resource.js';
import type {NamespaceTapState, ScopeStatus, TapSpec, TapStatus} from './tap-spec.js';

/** The tap API's default when max-rps is 0 (spec §3.1). */
const serverDefaultRps = 100;

/**
 * The target in one namespace: `ns/NAME` for a namespace target (or none), else the same
 * TYPE/NAME in that namespace (`tap deploy/web -n a,b` taps deploy/web in a and in b).
 */
export function targetIn(template: Resource | undefined, namespace: string): Resource {
	if (!template || template.type === 'namespace') return {namespace: '', type: 'namespace', name: namespace};
	return {...template, namespace};
}

/** max-rps split evenly, rounded down to 0.01 (the wire field is a float; the server clamps each pod to ≥ 1). */
export function rpsEach(maxRps: number, count: number): number {
	const total = maxRps > 0 ? maxRps : serverDefaultRps;
	if (count <= 1) return total;
	return Math.max(0.01, Math.floor((total / count) * 100) / 100);
}

/** The single-namespace spec of each namespace's tap. */
export function specIn(spec: TapSpec, namespace: string, count: number): TapSpec {
	const {namespaces: _scope, ...rest} = spec;
	return {...rest, target: targetIn(spec.target, namespace), maxRps: rpsEach(spec.maxRps, count)};
}

/** The namespaces to tap: the list given, or every namespace listed (sorted, deduplicated). */
export function namespacesToTap(spec: TapSpec, listed: readonly string[]): string[] {
	const names = spec.namespaces && !spec.namespaces.all ? spec.namespaces.names : listed;
	return [...new Set(names)].sort();
}

function scopeOf(spec: TapSpec, states: ReadonlyMap<string, TapStatus>): ScopeStatus {
	const namespaces: NamespaceTapState[] = [...states.keys()].sort().map(namespace => {
		const status = states.get(namespace)!;
		const message = status.state === 'failed' ? status.message : status.state === 'reconnecting' ? status.reason : undefined;
		return message === undefined ? {namespace, state: status.state} : {namespace, state: status.state, message};
	});
	return {
		all: spec.namespaces?.all ?? false,
		namespaces,
		rpsEach: rpsEach(spec.maxRps, states.size),
		rpsTotal: spec.maxRps > 0 ? spec.maxRps : serverDefaultRps,
	};
}

/**
 * One status for the merged tap: live while any namespace is live (then waiting, connecting,
 * reconnecting), failed only when every namespace failed; each namespace's state in `scope`.
 */
export function combineStatus(spec: TapSpec, states: ReadonlyMap<string, TapStatus>, listed: boolean): TapStatus {
	const scope = scopeOf(spec, states);
	const all = [...states.values()];
	const first = (state: TapStatus['state']) => all.find(s => s.state === state);
	if (all.length === 0) return listed ? {state: 'waiting', scope} : {state: 'connecting', attempt: 1, scope};
	for (const state of ['live', 'waiting', 'connecting', 'reconnecting'] as const) {
		const found = first(state);
		if (found) return {...found, scope};
	}
	if (all.every(s => s.state === 'failed')) {
		const message = all.length === 1 && first('failed')?.state === 'failed' ? (first('failed') as {message: string}).message : `every namespace failed (${all.length})`;
		return {state: 'failed', message, scope};
	}
	return {state: 'stopped', scope};
}

/** `4 namespaces, 25 rps each`, and which failed: the words the header and stderr share. */
export function describeScope(scope: ScopeStatus): {summary: string; failed: NamespaceTapState[]} {
	const count = scope.namespaces.length;
	const what = scope.all ? `all namespaces (${count})` : `${count} ${count === 1 ? 'namespace' : 'namespaces'}`;
	const rate = count > 1 ? `, ${scope.rpsEach} rps each (max-rps ${scope.rpsTotal} split)` : '';
	return {summary: `${what}${rate}`, failed: scope.namespaces.filter(ns => ns.state === 'failed')};
}
