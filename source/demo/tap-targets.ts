// Which pods a tap request reaches, decided once at request start as the tap server does
// (spec §8): resolve the target objects (the label selector applies to them), take their
// Pending/Running pods, keep the meshed ones, then drop tap-disabled and not-tap-enabled pods.
import type {DemoCluster} from './cluster.js';
import {podTemplateLabels} from './kube-objects.js';
import {parseSelector, SelectorError} from './label-selector.js';
import type {PodState} from './pods.js';
import type {DecodedResource} from './proto.js';

export type TargetResolution =
	| {ok: true; pods: PodState[]}
	| {ok: false; message: string};

const resources: Record<string, {resource: string; group: string}> = {
	namespace: {resource: 'namespaces', group: ''},
	pod: {resource: 'pods', group: ''},
	service: {resource: 'services', group: ''},
	deployment: {resource: 'deployments', group: 'apps'},
	replicaset: {resource: 'replicasets', group: 'apps'},
	statefulset: {resource: 'statefulsets', group: 'apps'},
	daemonset: {resource: 'daemonsets', group: 'apps'},
	replicationcontroller: {resource: 'replicationcontrollers', group: ''},
	job: {resource: 'jobs', group: 'batch'},
	cronjob: {resource: 'cronjobs', group: 'batch'},
};

function podsFor(cluster: DemoCluster, type: string, namespace: string, name: string): PodState[] {
	const all = cluster.pods();
	switch (type) {
		case 'namespace': return all.filter(p => p.namespace === name);
		case 'pod': return all.filter(p => p.namespace === namespace && p.name === name);
		case 'replicaset': return all.filter(p => p.namespace === namespace && p.ownerKind === 'ReplicaSet' && p.ownerName === name);
		case 'cronjob': return all.filter(p => p.namespace === namespace && p.workload.cronJob === name);
		case 'service': return all.filter(p => p.namespace === namespace && p.workload.service === name);
		default: return all.filter(p => p.namespace === namespace && p.workload.name === name);
	}
}

function isMeshed(cluster: DemoCluster, pod: PodState): boolean {
	return podTemplateLabels(pod.workload)['linkerd.io/control-plane-ns'] === cluster.topology.linkerdNamespace;
}

function noPodsMessage(resource: DecodedResource, disabled: PodState[], notEnabled: PodState[]): string {
	let text = `no pods to tap for type=${JSON.stringify(resource.type)} name=${JSON.stringify(resource.name)}\n`;
	if (disabled.length > 0) {
		text += `${disabled.length} pods found with tap disabled via the viz.linkerd.io/disable-tap annotation:\n`;
		for (const pod of disabled) text += `\t* ${pod.name}\n`;
		text += 'remove this annotation to make these pods valid tap targets\n';
	}
	if (notEnabled.length > 0) {
		text += `${notEnabled.length} pods found with tap not enabled:\n`;
		for (const pod of notEnabled) text += `\t* ${pod.name}\n`;
		text += 'restart these pods to enable tap and make them valid tap targets\n';
	}
	return text;
}

export function resolveTapTargets(cluster: DemoCluster, resource: DecodedResource, labelSelector: string): TargetResolution {
	const info = resources[resource.type];
	if (!info) return {ok: false, message: `unimplemented resource type: ${resource.type}`};
	let selector;
	try {
		selector = parseSelector(labelSelector);
	} catch (error) {
		if (error instanceof SelectorError) return {ok: false, message: error.message};
		throw error;
	}
	const namespaced = resource.type !== 'namespace';
	const listed = cluster.store.list(info.resource, namespaced && resource.namespace !== '' ? resource.namespace : undefined).items;
	let objects = listed.filter(o => resource.name === '' || o.metadata.name === resource.name);
	if (resource.name !== '' && objects.length === 0) {
		const what = info.group ? `${resource.type}.${info.group}` : resource.type;
		return {ok: false, message: `${what} ${JSON.stringify(resource.name)} not found`};
	}
	objects = objects.filter(o => selector(o.metadata.labels ?? {}));
	const pods: PodState[] = [];
	const disabled: PodState[] = [];
	const notEnabled: PodState[] = [];
	for (const object of objects) {
		for (const pod of podsFor(cluster, resource.type, object.metadata.namespace ?? '', object.metadata.name)) {
			if (pod.phase !== 'Running' || !isMeshed(cluster, pod)) continue;
			if (pod.disableTap) disabled.push(pod);
			else if (!pod.tapEnabled) notEnabled.push(pod);
			else pods.push(pod);
		}
	}
	if (pods.length === 0) return {ok: false, message: noPodsMessage(resource, disabled, notEnabled)};
	return {ok: true, pods};
}
