// Kubernetes JSON for the demo's workload controllers: Deployments and their ReplicaSets,
// StatefulSets, DaemonSets, Jobs and CronJobs, with spec.replicas, selectors and status counts.
import {appLabels, podTemplate, type KubeObject} from './kube-objects.js';
import {podUid} from './pods.js';
import type {Topology, WorkloadSpec} from './topology.js';

export function workloadUid(topology: Topology, kind: string, namespace: string, name: string): string {
	return podUid(`${kind}/${namespace}/${name}`, topology.seed);
}

function meta(topology: Topology, kind: string, workload: WorkloadSpec, createdAt: string, name = workload.name): KubeObject['metadata'] {
	return {name, namespace: workload.namespace, uid: workloadUid(topology, kind, workload.namespace, name), creationTimestamp: createdAt, labels: appLabels(workload)};
}

export function deploymentObject(topology: Topology, workload: WorkloadSpec, generation: number, createdAt: string): KubeObject {
	const n = workload.replicas;
	return {
		kind: 'Deployment', apiVersion: 'apps/v1',
		metadata: {...meta(topology, 'Deployment', workload, createdAt), generation: generation + 1, annotations: {'deployment.kubernetes.io/revision': String(generation + 1)}},
		spec: {
			replicas: n, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
			selector: {matchLabels: appLabels(workload)},
			template: podTemplate(workload),
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
		},
		status: {
			observedGeneration: generation + 1, replicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n,
			conditions: [
				{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: createdAt, lastTransitionTime: createdAt},
				{type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${workload.name}" has successfully progressed.`, lastUpdateTime: createdAt, lastTransitionTime: createdAt},
			],
		},
	};
}

export function replicaSetObject(topology: Topology, workload: WorkloadSpec, hash: string, generation: number, replicas: number, createdAt: string): KubeObject {
	const labels = {...appLabels(workload), 'pod-template-hash': hash};
	return {
		kind: 'ReplicaSet', apiVersion: 'apps/v1',
		metadata: {
			...meta(topology, 'ReplicaSet', workload, createdAt, `${workload.name}-${hash}`), labels,
			annotations: {'deployment.kubernetes.io/desired-replicas': String(workload.replicas), 'deployment.kubernetes.io/revision': String(generation + 1)},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name, uid: workloadUid(topology, 'Deployment', workload.namespace, workload.name), controller: true, blockOwnerDeletion: true}],
		},
		spec: {replicas, selector: {matchLabels: labels}, template: podTemplate(workload, {'pod-template-hash': hash})},
		status: {replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1},
	};
}

export function statefulSetObject(topology: Topology, workload: WorkloadSpec, hash: string, createdAt: string): KubeObject {
	const n = workload.replicas;
	return {
		kind: 'StatefulSet', apiVersion: 'apps/v1',
		metadata: {...meta(topology, 'StatefulSet', workload, createdAt), generation: 1},
		spec: {replicas: n, serviceName: workload.service ?? workload.name, selector: {matchLabels: appLabels(workload)}, template: podTemplate(workload), podManagementPolicy: 'OrderedReady', updateStrategy: {type: 'RollingUpdate'}},
		status: {observedGeneration: 1, replicas: n, readyReplicas: n, currentReplicas: n, updatedReplicas: n, availableReplicas: n, currentRevision: `${workload.name}-${hash}`, updateRevision: `${workload.name}-${hash}`, collisionCount: 0},
	};
}

export function daemonSetObject(topology: Topology, workload: WorkloadSpec, createdAt: string): KubeObject {
	const n = topology.nodes.length;
	return {
		kind: 'DaemonSet', apiVersion: 'apps/v1',
		metadata: {...meta(topology, 'DaemonSet', workload, createdAt), generation: 1},
		spec: {selector: {matchLabels: appLabels(workload)}, template: podTemplate(workload), updateStrategy: {type: 'RollingUpdate'}},
		status: {currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: 1, updatedNumberScheduled: n},
	};
}

export function jobObject(topology: Topology, workload: WorkloadSpec, createdAt: string): KubeObject {
	const uid = workloadUid(topology, 'Job', workload.namespace, workload.name);
	const selector = {'batch.kubernetes.io/controller-uid': uid};
	return {
		kind: 'Job', apiVersion: 'batch/v1',
		metadata: {
			...meta(topology, 'Job', workload, createdAt),
			...(workload.cronJob ? {ownerReferences: [{apiVersion: 'batch/v1', kind: 'CronJob', name: workload.cronJob, uid: workloadUid(topology, 'CronJob', workload.namespace, workload.cronJob), controller: true, blockOwnerDeletion: true}]} : {}),
		},
		spec: {parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', selector: {matchLabels: selector}, template: podTemplate(workload, selector)},
		status: workload.completed
			? {succeeded: 1, startTime: createdAt, completionTime: createdAt, conditions: [{type: 'Complete', status: 'True', lastProbeTime: createdAt, lastTransitionTime: createdAt}]}
			: {active: 1, ready: 1, startTime: createdAt},
	};
}

export function cronJobObject(topology: Topology, name: string, jobs: readonly WorkloadSpec[], createdAt: string): KubeObject {
	const namespace = jobs[0]!.namespace;
	const active = jobs.filter(j => !j.completed).map(j => ({kind: 'Job', apiVersion: 'batch/v1', namespace, name: j.name, uid: workloadUid(topology, 'Job', namespace, j.name)}));
	return {
		kind: 'CronJob', apiVersion: 'batch/v1',
		metadata: {name, namespace, uid: workloadUid(topology, 'CronJob', namespace, name), creationTimestamp: createdAt, labels: {app: name}},
		spec: {schedule: '*/30 * * * *', concurrencyPolicy: 'Forbid', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: {spec: {template: podTemplate(jobs[0]!)}}},
		status: {active, lastScheduleTime: createdAt},
	};
}
