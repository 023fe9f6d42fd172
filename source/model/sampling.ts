// How much of the tapped workload's real traffic the tap is showing, and why not all of it. Pure.
//
// The tap server splits max-rps evenly over the pods it taps, at least 1 per pod, and each pod's
// proxy hands over the first floor(perPod) matching requests of every second (linkerd-tap.md §8).
// Pods that are not meshed, not tap-enabled yet (injected before viz: a restart is needed) or
// opted out with disable-tap are never tapped. The real rate is metrics-api's inbound RPS for the
// same workload, so the share compares like with like: inbound requests the tap saw per second
// against inbound requests the workload served per second.
import type {WorkloadInfo} from './cluster.js';
import type {WorkloadStats} from './metrics.js';
import type {Resource} from './resource.js';

export interface SamplingFacts {
	/** Inbound requests per second the tap delivered. */
	seenRps: number;
	/** metrics-api's inbound RPS for the target; null when unknown (no metrics, no match). */
	realRps: number | null;
	/** seen / real, 0..1; null when the real rate is unknown or zero. */
	share: number | null;
	/** The max-rps asked for (0 means the server's default of 100). */
	maxRps: number;
	/** Pods the tap server taps (meshed and tap-enabled); null when the inventory does not know the target. */
	tappedPods: number | null;
	/** Requests per second each tapped pod may hand over (the server's split, floored as the proxy counts). */
	perPod: number | null;
	/** Pods left out, with the reason a user can act on. */
	untapped: Array<{count: number; reason: string}>;
}

export interface SamplingInput {
	target: Resource | null;
	workloads: readonly WorkloadInfo[];
	stats: readonly WorkloadStats[];
	inboundRps: number;
	maxRps: number;
	/**
	 * A tap over many namespaces (-A, -n a,b,c): the namespaces tapped. The real rate is then the
	 * sum over all of them, known only when metrics cover each one; the budget is split per
	 * namespace first (the header says how), so no single per-pod figure holds.
	 */
	namespaces?: readonly string[];
}

const TAP_DEFAULT_MAX_RPS = 100;

function sameWorkload(target: Resource, w: {namespace: string; type: string; name: string}): boolean {
	return w.namespace === (target.namespace ?? '') && w.type === target.type && w.name === target.name;
}

function covered(target: Resource, namespaces?: readonly string[]): (w: {namespace: string; type: string; name: string}) => boolean {
	if (namespaces) return target.type === 'namespace' ? w => namespaces.includes(w.namespace) : w => namespaces.includes(w.namespace) && w.type === target.type && w.name === target.name;
	if (target.type === 'namespace') return w => w.namespace === target.name;
	return w => sameWorkload(target, w);
}

export function samplingFacts(input: SamplingInput): SamplingFacts | null {
	const {target} = input;
	if (!target) return null;
	const maxRps = input.maxRps > 0 ? input.maxRps : TAP_DEFAULT_MAX_RPS;
	const many = input.namespaces;
	const inTarget = covered(target, many);
	// A namespace tap covers every workload; a pod is listed under its owner and as itself only when bare.
	const workloads = input.workloads.filter(inTarget).filter(w => target.type === 'namespace' ? w.type !== 'cronjob' : true);
	const known = workloads.length > 0;
	const total = workloads.reduce((n, w) => n + w.total, 0);
	const meshed = workloads.reduce((n, w) => n + w.meshed, 0);
	const tappable = workloads.reduce((n, w) => n + w.tapEnabled, 0);
	const optedOut = workloads.reduce((n, w) => n + (w.tapDisabled ?? 0), 0);
	const untapped: SamplingFacts['untapped'] = [];
	if (known && total - meshed > 0) untapped.push({count: total - meshed, reason: 'not meshed'});
	if (known && meshed - tappable - optedOut > 0) untapped.push({count: meshed - tappable - optedOut, reason: 'not tap-enabled yet (restart needed)'});
	if (known && optedOut > 0) untapped.push({count: optedOut, reason: 'with disable-tap'});
	const stats = input.stats.filter(inTarget).filter(s => s.rps !== null);
	// Many namespaces: a sum that leaves out a namespace metrics did not cover would overstate the share.
	const coversAll = !many || many.every(ns => stats.some(s => s.namespace === ns));
	const realRps = stats.length > 0 && coversAll ? stats.reduce((n, s) => n + (s.rps ?? 0), 0) : null;
	const share = realRps !== null && realRps > 0 ? Math.min(1, input.inboundRps / realRps) : null;
	const perPod = known && tappable > 0 && !many ? Math.floor(Math.max(1, maxRps / tappable)) : null;
	return {seenRps: input.inboundRps, realRps, share, maxRps, tappedPods: known ? tappable : null, perPod, untapped};
}

function rpsText(rps: number): string {
	return rps >= 100 ? String(Math.round(rps)) : rps >= 10 ? rps.toFixed(0) : rps.toFixed(1).replace(/\.0$/, '');
}

/** "seeing ~12% of 830 inbound rps", or what is known of it; '' when nothing is known. */
export function shareText(facts: SamplingFacts): string {
	if (facts.realRps === null) return '';
	if (facts.realRps === 0) return 'no inbound traffic in metrics';
	const share = facts.share ?? 0;
	// The tap's rate and metrics-api's differ in window and timing: close enough is "all".
	if (share >= 0.95) return `seeing all ~${rpsText(facts.realRps)} inbound rps`;
	const percent = share > 0 && share < 0.01 ? '<1' : String(Math.round(share * 100));
	return `seeing ~${percent}% of ${rpsText(facts.realRps)} inbound rps`;
}

/** "max-rps 100: 50/pod × 2" (how the tap server splits the budget). */
export function budgetText(facts: SamplingFacts): string {
	if (facts.perPod === null || facts.tappedPods === null) return `max-rps ${facts.maxRps}`;
	const pods = facts.tappedPods === 1 ? '1 pod' : `${facts.perPod}/pod × ${facts.tappedPods}`;
	return facts.tappedPods === 1 ? `max-rps ${facts.maxRps} (${pods})` : `max-rps ${facts.maxRps}: ${pods}`;
}

/** "1 pod not tap-enabled (restart them…)"; '' when every pod is tapped. */
export function untappedText(facts: SamplingFacts): string {
	return facts.untapped.map(u => `${u.count} pod${u.count === 1 ? '' : 's'} ${u.reason}`).join(', ');
}
