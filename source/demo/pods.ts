// Deterministic pods for a workload at a given rollout generation: names, IPs, nodes and the
// flags the tap server looks at. Pure: the same (seed, workload, generation) always gives the
// same pods, so a rollout is just "generation + 1".
import {hashString, kubeSuffix, mixSeed} from './prng.js';
import type {Topology, WorkloadSpec} from './topology.js';

export interface PodState {
	name: string;
	namespace: string;
	workload: WorkloadSpec;
	/** ReplicaSet name for Deployments, else the workload's own name. */
	ownerName: string;
	ownerKind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
	/** pod-template-hash (Deployments) or controller-revision-hash (StatefulSets, DaemonSets). */
	templateHash: string;
	generation: number;
	ip: string;
	node: string;
	zone: string;
	phase: 'Running' | 'Succeeded';
	meshed: boolean;
	tapEnabled: boolean;
	disableTap: boolean;
	uid: string;
}

export function templateHash(topology: Topology, workload: WorkloadSpec, generation: number): string {
	const base = mixSeed(topology.seed, hashString(`${workload.namespace}/${workload.name}`), generation);
	return kubeSuffix(base, 9 + (base % 2));
}

export function podUid(key: string, seed: number): string {
	const hex = (n: number): string => mixSeed(seed, hashString(key), n).toString(16).padStart(8, '0');
	const a = hex(1), b = hex(2), c = hex(3), d = hex(4);
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function podIp(topology: Topology, workload: WorkloadSpec, generation: number, replica: number, node: number): string {
	if (workload.hostNetwork) return topology.nodes[node]!.ip;
	const index = topology.workloads.indexOf(workload);
	const host = 2 + ((generation * 8 + replica) % 250);
	if (workload.ipv6) return `fd00:10:42::${(index + 1).toString(16)}:${host.toString(16)}`;
	return `10.42.${index + 1}.${host}`;
}

function podName(topology: Topology, workload: WorkloadSpec, hash: string, generation: number, replica: number): string {
	switch (workload.kind) {
		case 'StatefulSet': return `${workload.name}-${replica}`;
		case 'Deployment': return `${workload.name}-${hash}-${kubeSuffix(mixSeed(topology.seed, hashString(workload.name), generation, replica), 5)}`;
		default: return `${workload.name}-${kubeSuffix(mixSeed(topology.seed, hashString(workload.name), generation, replica), 5)}`;
	}
}

export function makePods(topology: Topology, workload: WorkloadSpec, generation: number): PodState[] {
	const hash = templateHash(topology, workload, generation);
	const count = workload.kind === 'DaemonSet' ? topology.nodes.length : workload.replicas;
	const pods: PodState[] = [];
	for (let replica = 0; replica < count; replica++) {
		const node = workload.kind === 'DaemonSet' ? replica : (replica + topology.workloads.indexOf(workload)) % topology.nodes.length;
		const name = podName(topology, workload, hash, generation, replica);
		pods.push({
			name,
			namespace: workload.namespace,
			workload,
			ownerName: workload.kind === 'Deployment' ? `${workload.name}-${hash}` : workload.name,
			ownerKind: workload.kind === 'Deployment' ? 'ReplicaSet' : workload.kind === 'CronJob' ? 'Job' : workload.kind,
			templateHash: hash,
			generation,
			ip: podIp(topology, workload, generation, replica, node),
			node: topology.nodes[node]!.name,
			zone: topology.nodes[node]!.zone,
			phase: workload.completed ? 'Succeeded' : 'Running',
			meshed: workload.meshed,
			// Pods made by a rollout always get the annotation: the injector is running by then.
			tapEnabled: workload.meshed && workload.tapEnabled && (generation > 0 || replica >= (workload.podsWithoutTap ?? 0)),
			disableTap: workload.disableTap === true,
			uid: podUid(`${workload.namespace}/${name}`, topology.seed),
		});
	}
	return pods;
}
