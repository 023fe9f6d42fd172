// The live demo cluster: current pods per workload (rollouts replace them), the Kubernetes
// objects in the store, the per-proxy tap counters, and the traffic of each virtual second.
import {cronJobObject, daemonSetObject, deploymentObject, jobObject, replicaSetObject, statefulSetObject, workloadUid} from './workload-objects.js';
import {namespaceObject, nodeObject, podObject, serviceObject} from './kube-objects.js';
import {KubeStore} from './kube-store.js';
import {makePods, type PodState} from './pods.js';
import {policyObjects} from './policy-objects.js';
import {createRng, hashString, mixSeed} from './prng.js';
import {findWorkload, type Topology, type WorkloadSpec} from './topology.js';
import {generateWindow, type DemoRequest} from './traffic.js';

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

export class DemoCluster {
	readonly store = new KubeStore();
	private readonly generations = new Map<string, number>();
	private readonly podsByWorkload = new Map<string, PodState[]>();
	private readonly observeCounters = new Map<string, number>();
	private readonly windows = new Map<number, DemoRequest[]>();
	private rollouts = 0;

	constructor(readonly topology: Topology, private readonly now: () => string, bootTime: string) {
		for (const ns of topology.namespaces) this.store.upsert('namespaces', namespaceObject(topology, ns, bootTime));
		for (const node of topology.nodes) this.store.upsert('nodes', nodeObject(topology, node, bootTime));
		topology.workloads.forEach((workload, index) => {
			if (workload.service) this.store.upsert('services', serviceObject(topology, workload, index, bootTime));
		});
		const cronJobs = new Map<string, WorkloadSpec[]>();
		for (const workload of topology.workloads) {
			this.generations.set(key(workload.namespace, workload.name), 0);
			const pods = makePods(topology, workload, 0);
			this.podsByWorkload.set(key(workload.namespace, workload.name), pods);
			this.storeWorkload(workload, 0, bootTime);
			for (const pod of pods) this.store.upsert('pods', podObject(topology, pod, this.ownerUid(pod), bootTime));
			if (workload.cronJob) cronJobs.set(key(workload.namespace, workload.cronJob), [...(cronJobs.get(key(workload.namespace, workload.cronJob)) ?? []), workload]);
		}
		for (const [cronKey, jobs] of cronJobs) this.store.upsert('cronjobs', cronJobObject(topology, cronKey.split('/')[1]!, jobs, bootTime));
		for (const {resource, object} of policyObjects(topology, bootTime)) this.store.upsert(resource, object);
	}

	/** Every pod that exists now. */
	pods(): PodState[] {
		return [...this.podsByWorkload.values()].flat();
	}

	podsOf(namespace: string, workload: string): readonly PodState[] {
		return this.podsByWorkload.get(key(namespace, workload)) ?? [];
	}

	/** Requests starting in virtual second `window` (memoized: every tap sees the same ones). */
	windowRequests(window: number): DemoRequest[] {
		let requests = this.windows.get(window);
		if (!requests) {
			requests = generateWindow(this.topology, (ns, name) => this.podsOf(ns, name), window);
			this.windows.set(window, requests);
			for (const old of this.windows.keys()) if (old < window - 8) this.windows.delete(old);
		}
		return requests;
	}

	/** A proxy's tap `base`: bumped on every Observe call, as the proxy does. */
	nextObserveBase(pod: PodState): number {
		const current = this.observeCounters.get(pod.uid) ?? (mixSeed(this.topology.seed, hashString(pod.uid)) % 40);
		this.observeCounters.set(pod.uid, (current + 1) >>> 0);
		return current;
	}

	/** Replaces a Deployment's pods with a new ReplicaSet's, sending the watch events a real rollout would. */
	rollout(namespace: string, deployment: string): void {
		const workload = findWorkload(this.topology, namespace, deployment);
		if (!workload || workload.kind !== 'Deployment') throw new Error(`no deployment ${namespace}/${deployment} in the demo mesh`);
		const k = key(namespace, deployment);
		const previous = this.podsByWorkload.get(k) ?? [];
		const generation = (this.generations.get(k) ?? 0) + 1;
		this.generations.set(k, generation);
		const pods = makePods(this.topology, workload, generation);
		const at = this.now();
		this.storeWorkload(workload, generation, at);
		for (const pod of pods) this.store.upsert('pods', podObject(this.topology, pod, this.ownerUid(pod), at));
		this.podsByWorkload.set(k, pods);
		for (const pod of previous) this.store.remove('pods', namespace, pod.name);
		const old = previous[0];
		if (old) this.store.upsert('replicasets', replicaSetObject(this.topology, workload, old.templateHash, generation - 1, 0, at));
	}

	/** Picks the next Deployment for the periodic rollouts (deterministic for a seed). */
	nextRolloutTarget(): WorkloadSpec {
		const candidates = this.topology.workloads.filter(w => w.kind === 'Deployment' && w.meshed && w.tapEnabled);
		return createRng(mixSeed(this.topology.seed, 0xbeef, this.rollouts++)).pick(candidates);
	}

	private ownerUid(pod: PodState): string {
		const kind = pod.ownerKind;
		return workloadUid(this.topology, kind, pod.namespace, pod.ownerName);
	}

	private storeWorkload(workload: WorkloadSpec, generation: number, at: string): void {
		const t = this.topology;
		const hash = this.podsOf(workload.namespace, workload.name)[0]?.templateHash ?? '';
		switch (workload.kind) {
			case 'Deployment':
				this.store.upsert('replicasets', replicaSetObject(t, workload, makePods(t, workload, generation)[0]?.templateHash ?? hash, generation, workload.replicas, at));
				this.store.upsert('deployments', deploymentObject(t, workload, generation, at));
				break;
			case 'StatefulSet': this.store.upsert('statefulsets', statefulSetObject(t, workload, hash, at)); break;
			case 'DaemonSet': this.store.upsert('daemonsets', daemonSetObject(t, workload, at)); break;
			case 'Job': this.store.upsert('jobs', jobObject(t, workload, at)); break;
			case 'CronJob': break;
		}
	}
}
