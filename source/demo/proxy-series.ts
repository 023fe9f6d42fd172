// The demo's proxy metrics as a viz Prometheus would hold them (prom-types.ts `SeriesSource`):
// every meshed, running pod's proxy counts its share of the traffic model's expected rates
// (outbound policy routes, legacy inbound, authorization), cumulatively from the pod's start.
// Pods that started with the mesh have counted for days already; pods a rollout made start at
// the first call that sees them, and replaced pods' series stop at the first call without them.
import type {PromSample, SeriesSource} from './prom-types.js';
import type {PodState} from './pods.js';
import {hashString, mixSeed} from './prng.js';
import {promTargetLabels} from './prom-target.js';
import {addInbound} from './series-inbound.js';
import {addOutbound} from './series-outbound.js';
import {PlanBuilder, type CounterPlan, type HistogramPlan} from './series-plan.js';
import type {Topology} from './topology-types.js';

interface PodLife {
	pod: PodState;
	startMs: number;
	endMs?: number;
	plan?: Array<CounterPlan | HistogramPlan>;
	/** Running pods of its workload when it appeared (its share of the traffic is 1/replicas). */
	replicas: number;
}

const dayMs = 24 * 3600 * 1000;

// The same label objects every scrape, so the exposition renders them from its cache.
const bucketLabelSets = new WeakMap<HistogramPlan, Array<Record<string, string>>>();
function bucketLabels(entry: HistogramPlan): Array<Record<string, string>> {
	let sets = bucketLabelSets.get(entry);
	if (!sets) bucketLabelSets.set(entry, sets = entry.le.map(le => ({...entry.labels, le})));
	return sets;
}
// Forget replaced pods once no window a query could ask about still reaches them.
const keepEndedMs = 6 * 3600 * 1000;

const sameWorkload = (a: PodState, b: PodState): boolean => a.namespace === b.namespace && a.workload.name === b.workload.name;
const scraped = (pod: PodState): boolean => pod.meshed && pod.phase === 'Running';

/** The series of one pod's proxy as rates (exported for tests and the series count). */
export function podPlan(topology: Topology, pod: PodState, replicas: number): Array<CounterPlan | HistogramPlan> {
	const plan = new PlanBuilder();
	const target = promTargetLabels(pod);
	const share = 1 / Math.max(1, replicas);
	for (const edge of topology.edges) {
		const {client, server} = edge;
		if (client.kind === 'workload' && client.namespace === pod.namespace && client.name === pod.workload.name) addOutbound(plan, topology, edge, share, target);
		if (server.kind === 'workload' && server.namespace === pod.namespace && server.name === pod.workload.name) addInbound(plan, topology, edge, share, pod, target);
	}
	return plan.plans();
}

export class ProxySeries implements SeriesSource {
	readonly scrapeIntervalS = 10;
	private readonly lives = new Map<string, PodLife>();

	constructor(private readonly topology: Topology, private readonly pods: () => readonly PodState[]) {}

	samplesAt(tMs: number): PromSample[] {
		this.observe(tMs);
		const out: PromSample[] = [];
		for (const life of this.lives.values()) {
			if (tMs < life.startMs || (life.endMs !== undefined && tMs >= life.endMs)) continue;
			const seconds = (tMs - life.startMs) / 1000;
			for (const entry of this.planOf(life)) {
				if (entry.kind === 'counter') {
					out.push({name: entry.name, labels: entry.labels, value: Math.floor(entry.rate * seconds)});
					continue;
				}
				bucketLabels(entry).forEach((labels, i) => out.push({name: `${entry.name}_bucket`, labels, value: Math.floor(entry.bucketRates[i]! * seconds)}));
				out.push({name: `${entry.name}_sum`, labels: entry.labels, value: entry.sumRate * seconds});
				out.push({name: `${entry.name}_count`, labels: entry.labels, value: Math.floor(entry.rate * seconds)});
			}
		}
		return out;
	}

	/** Notes pods that appeared or went away since the last call. */
	private observe(tMs: number): void {
		const current = this.pods().filter(scraped);
		const seen = new Set<string>();
		for (const pod of current) {
			seen.add(pod.uid);
			if (this.lives.has(pod.uid)) continue;
			// Generation 0 pods were created days before the mesh's virtual time 0.
			const startMs = pod.generation === 0 ? -(2 * dayMs + (mixSeed(this.topology.seed, hashString(pod.uid)) % dayMs)) : tMs;
			// Its share of the traffic is fixed when it appears, so its counters never go back.
			this.lives.set(pod.uid, {pod, startMs, replicas: current.filter(p => sameWorkload(p, pod)).length});
		}
		for (const [uid, life] of this.lives) {
			if (!seen.has(uid) && life.endMs === undefined) life.endMs = Math.max(tMs, life.startMs);
			if (life.endMs !== undefined && life.endMs < tMs - keepEndedMs) this.lives.delete(uid);
		}
	}

	private planOf(life: PodLife): Array<CounterPlan | HistogramPlan> {
		life.plan ??= podPlan(this.topology, life.pod, life.replicas);
		return life.plan;
	}
}
