// Which pods a tap target covers, decided the way the tap server does at request start
// (spec linkerd-tap.md §8), so a change in that set can trigger a re-tap. Pure.
import type {Resource} from './resource.js';
import {type KubeObject, podState} from './inventory.js';

const ownerKinds: Record<string, string> = {
	statefulset: 'StatefulSet',
	daemonset: 'DaemonSet',
	job: 'Job',
	replicaset: 'ReplicaSet',
	replicationcontroller: 'ReplicationController',
};

export function podBelongsTo(pod: KubeObject, target: Resource): boolean {
	const meta = pod.metadata ?? {};
	if (target.type === 'namespace') return meta.namespace === undefined || meta.namespace === target.name;
	if (target.type === 'pod') return !target.name || meta.name === target.name;
	const owners = meta.ownerReferences ?? [];
	if (target.type === 'deployment') {
		// A Deployment's pods belong to ReplicaSet <deployment>-<pod-template-hash>.
		const hash = meta.labels?.['pod-template-hash'];
		return owners.some(
			o => o.kind === 'ReplicaSet' && (target.name ? o.name === `${target.name}-${hash}` : o.name.endsWith(`-${hash}`)),
		);
	}
	if (target.type === 'cronjob') {
		return owners.some(o => o.kind === 'Job' && (!target.name || o.name.startsWith(`${target.name}-`)));
	}
	const kind = ownerKinds[target.type];
	return owners.some(o => o.kind === kind && (!target.name || o.name === target.name));
}

/** A stable signature of the pods a tap of `target` would cover right now. */
export function tappablePodSignature(pods: KubeObject[], target: Resource): string {
	return pods
		.filter(pod => {
			const phase = pod.status?.phase;
			return (
				(phase === 'Running' || phase === 'Pending') &&
				!pod.metadata?.deletionTimestamp &&
				podState(pod).tapEnabled &&
				podBelongsTo(pod, target)
			);
		})
		.map(pod => pod.metadata?.name ?? '')
		.sort()
		.join(',');
}
