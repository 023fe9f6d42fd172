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

/**
 * The tap server's answer for a target with no pod it can tap (spec §3.4: NotFound `no pods to
 * tap for type=… name=…`, then the pods found with tap disabled or not enabled).
 */
export function isNothingToTap(message: string): boolean {
	return message.startsWith('no pods to tap for ');
}

/** `2 pods not tap-enabled`, from the lines the tap server adds; '' when it listed none. */
export function untappablePods(message: string): string {
	let count = 0;
	for (const match of message.matchAll(/^(\d+) pods found with tap (?:disabled|not enabled)/gm)) count += Number(match[1]);
	return count === 0 ? '' : `${count} ${count === 1 ? 'pod' : 'pods'} not tap-enabled`;
}

/** The namespaces whose taps run or will run (not failed): max-rps is split across these once settled. */
export function activeCount(states: ReadonlyMap<string, TapStatus>): number {
	let count = 0;
	for (const status of states.values()) if (status.state !== 'failed') count++;
	return count;
}

function scopeOf(spec: TapSpec, states: ReadonlyMap<string, TapStatus>, across: number, settled: boolean): ScopeStatus {
	const namespaces: NamespaceTapState[] = [...states.keys()].sort().map(namespace => {
		const status = states.get(namespace)!;
		const message = status.state === 'failed' ? status.message : status.state === 'reconnecting' ? status.reason : undefined;
		if (message === undefined) return {namespace, state: status.state};
		return status.state === 'failed' && isNothingToTap(message) ? {namespace, state: status.state, message, nothingToTap: true} : {namespace, state: status.state, message};
	});
	return {
		all: spec.namespaces?.all ?? false,
		namespaces,
		rpsEach: rpsEach(spec.maxRps, Math.max(1, across)),
		across,
		settled,
		rpsTotal: spec.maxRps > 0 ? spec.maxRps : serverDefaultRps,
	};
}

/**
 * One status for the merged tap: live while any namespace is live (then waiting, connecting,
 * reconnecting), failed only when every namespace failed; each namespace's state in `scope`.
 * `across`: how many taps max-rps is split across now (the namespaces not failed when it was split);
 * `settled`: no namespace has failed for a moment (ScopeStatus).
 */
export function combineStatus(spec: TapSpec, states: ReadonlyMap<string, TapStatus>, listed: boolean, across = states.size, settled = false): TapStatus {
	const scope = scopeOf(spec, states, across, settled);
	const all = [...states.values()];
	const first = (state: TapStatus['state']) => all.find(s => s.state === state);
	if (all.length === 0) return listed ? {state: 'waiting', scope} : {state: 'connecting', attempt: 1, scope};
	for (const state of ['live', 'waiting', 'connecting', 'reconnecting'] as const) {
		const found = first(state);
		if (found) return {...found, scope};
	}
	if (all.every(s => s.state === 'failed')) {
		const empty = scope.namespaces.every(ns => ns.nothingToTap);
		const message =
			all.length === 1 && first('failed')?.state === 'failed'
				? (first('failed') as {message: string}).message
				: empty
					? `none of the ${all.length} namespaces has pods to tap (meshed and tap-enabled)`
					: `every namespace failed (${all.length})`;
		return {state: 'failed', message, scope};
	}
	return {state: 'stopped', scope};
}

/**
 * `4 namespaces, 25 rps each`; which failed (RBAC, an error: loud); which have nothing to tap
 * (no meshed or tap-enabled pods: kube-system and the like, quiet): the words the header and
 * stderr share.
 */
export function describeScope(scope: ScopeStatus): {summary: string; failed: NamespaceTapState[]; empty: NamespaceTapState[]} {
	const count = scope.namespaces.length;
	const across = scope.across ?? count;
	const what = scope.all ? `all namespaces (${count})` : `${count} ${count === 1 ? 'namespace' : 'namespaces'}`;
	// Failed namespaces give their share back: say across how many the rate is split.
	const split = across < count ? `split across ${across}` : 'split';
	const rate = count > 1 ? `, ${scope.rpsEach} rps each (max-rps ${scope.rpsTotal} ${split})` : '';
	return {
		summary: `${what}${rate}`,
		failed: scope.namespaces.filter(ns => ns.state === 'failed' && !ns.nothingToTap),
		empty: scope.namespaces.filter(ns => ns.nothingToTap),
	};
}

/** `3 namespaces have no pods to tap: kube-system, legacy, linkerd (3 pods not tap-enabled)`. */
export function emptyText(empty: readonly NamespaceTapState[]): string {
	const names = empty.map(ns => {
		const pods = untappablePods(ns.message ?? '');
		return pods ? `${ns.namespace} (${pods})` : ns.namespace;
	});
	const verb = empty.length === 1 ? 'namespace has' : 'namespaces have';
	return `${empty.length} ${verb} no pods to tap (not meshed, or tap not enabled): ${names.join(', ')}`;
}
