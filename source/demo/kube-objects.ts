// Kubernetes JSON for the demo's objects, in the shapes a real apiserver returns (metadata,
// spec, status), so @kubernetes/client-node and kubectl read them as they would a cluster's.
// Pure builders; resourceVersion is stamped by the store.
import type {PodState} from './pods.js';
import {podUid} from './pods.js';
import type {NamespaceSpec, NodeSpec, Topology, WorkloadSpec} from './topology.js';

export type KubeObject = {
	kind?: string;
	apiVersion?: string;
	metadata: {name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; [key: string]: unknown};
	[key: string]: unknown;
};

const proxyVersion = 'edge-26.8.3';

export function namespaceObject(topology: Topology, spec: NamespaceSpec, createdAt: string): KubeObject {
	return {
		kind: 'Namespace', apiVersion: 'v1',
		metadata: {
			name: spec.name, uid: podUid(`ns/${spec.name}`, topology.seed), creationTimestamp: createdAt,
			labels: spec.labels,
			...(spec.injected ? {annotations: {'linkerd.io/inject': 'enabled'}} : {}),
		},
		spec: {finalizers: ['kubernetes']},
		status: {phase: 'Active'},
	};
}

export function nodeObject(topology: Topology, node: NodeSpec, createdAt: string): KubeObject {
	return {
		kind: 'Node', apiVersion: 'v1',
		metadata: {
			name: node.name, uid: podUid(`node/${node.name}`, topology.seed), creationTimestamp: createdAt,
			labels: {'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': node.zone},
		},
		spec: {podCIDR: '10.42.0.0/16'},
		status: {
			addresses: [{type: 'InternalIP', address: node.ip}, {type: 'Hostname', address: node.name}],
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: createdAt, lastTransitionTime: createdAt}],
			nodeInfo: {kubeletVersion: 'v1.31.4', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'meshtop demo', architecture: 'amd64', operatingSystem: 'linux'},
		},
	};
}

export function appLabels(workload: WorkloadSpec): Record<string, string> {
	return {app: workload.name};
}

function proxyKindLabel(workload: WorkloadSpec): Record<string, string> {
	const kind = workload.kind === 'Job' ? 'job' : workload.kind.toLowerCase();
	return {[`linkerd.io/proxy-${kind}`]: workload.name};
}

export function podTemplateLabels(workload: WorkloadSpec): Record<string, string> {
	return {
		...appLabels(workload),
		// As the linkerd-viz chart labels its pods; metrics-api discovery selects on these.
		...(workload.namespace === 'linkerd-viz' ? {'linkerd.io/extension': 'viz', component: workload.name} : {}),
		...(workload.meshed ? {'linkerd.io/control-plane-ns': 'linkerd', 'linkerd.io/workload-ns': workload.namespace, ...proxyKindLabel(workload)} : {}),
	};
}

function containers(workload: WorkloadSpec): unknown[] {
	const app = {
		name: workload.name,
		image: `ghcr.io/meshtop-demo/${workload.name}:v1.4.2`,
		ports: [{name: workload.protocol, containerPort: workload.port, protocol: 'TCP'}],
		resources: {},
	};
	if (!workload.meshed) return [app];
	return [
		{name: 'linkerd-proxy', image: `cr.l5d.io/linkerd/proxy:${proxyVersion}`, ports: [
			{name: 'linkerd-proxy', containerPort: 4143, protocol: 'TCP'},
			{name: 'linkerd-admin', containerPort: 4191, protocol: 'TCP'},
		], env: [{name: 'LINKERD2_PROXY_IDENTITY_LOCAL_NAME', value: '$(_pod_sa).$(_pod_ns).serviceaccount.identity.linkerd.cluster.local'}]},
		app,
	];
}

export function podObject(topology: Topology, pod: PodState, ownerUid: string, createdAt: string): KubeObject {
	const workload = pod.workload;
	const labels: Record<string, string> = {...podTemplateLabels(workload)};
	if (workload.kind === 'Deployment') labels['pod-template-hash'] = pod.templateHash;
	if (workload.kind === 'StatefulSet' || workload.kind === 'DaemonSet') labels['controller-revision-hash'] = `${workload.name}-${pod.templateHash}`;
	if (workload.kind === 'StatefulSet') labels['statefulset.kubernetes.io/pod-name'] = pod.name;
	if (workload.kind === 'Job') Object.assign(labels, {'batch.kubernetes.io/job-name': workload.name, 'job-name': workload.name, 'batch.kubernetes.io/controller-uid': ownerUid, 'controller-uid': ownerUid});
	const annotations: Record<string, string> = {};
	if (workload.meshed) {
		annotations['linkerd.io/created-by'] = `linkerd/proxy-injector ${proxyVersion}`;
		annotations['linkerd.io/proxy-version'] = proxyVersion;
		annotations['linkerd.io/trust-root-sha256'] = 'e3b8c2f6a1d94e0f5b7c8a2d1e6f3a9b0c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f';
		if (pod.tapEnabled) annotations['viz.linkerd.io/tap-enabled'] = 'true';
		if (pod.disableTap) annotations['viz.linkerd.io/disable-tap'] = 'true';
	}
	const running = pod.phase === 'Running';
	const ready = running ? 'True' : 'False';
	const statuses = (containers(workload) as Array<{name: string; image: string}>).map((c, i) => ({
		name: c.name, image: c.image, imageID: `${c.image}@sha256:${pod.uid.replace(/-/g, '')}${i}`,
		containerID: `containerd://${pod.uid.replace(/-/g, '')}${i}`, ready: running, started: running, restartCount: 0,
		state: running ? {running: {startedAt: createdAt}} : {terminated: {exitCode: 0, reason: 'Completed', startedAt: createdAt, finishedAt: createdAt}},
	}));
	return {
		kind: 'Pod', apiVersion: 'v1',
		metadata: {
			name: pod.name, namespace: pod.namespace, uid: pod.uid, creationTimestamp: createdAt, labels, annotations,
			ownerReferences: [{apiVersion: pod.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1', kind: pod.ownerKind, name: pod.ownerName, uid: ownerUid, controller: true, blockOwnerDeletion: true}],
		},
		spec: {
			serviceAccountName: workload.serviceAccount, nodeName: pod.node, containers: containers(workload),
			restartPolicy: workload.kind === 'Job' ? 'OnFailure' : 'Always',
			...(workload.hostNetwork ? {hostNetwork: true} : {}),
		},
		status: {
			phase: pod.phase,
			podIP: pod.ip,
			podIPs: [{ip: pod.ip}],
			hostIP: topology.nodes.find(n => n.name === pod.node)!.ip,
			startTime: createdAt,
			qosClass: 'BestEffort',
			conditions: [
				{type: 'Initialized', status: 'True', lastTransitionTime: createdAt},
				{type: 'Ready', status: ready, lastTransitionTime: createdAt, ...(running ? {} : {reason: 'PodCompleted'})},
				{type: 'ContainersReady', status: ready, lastTransitionTime: createdAt},
				{type: 'PodScheduled', status: 'True', lastTransitionTime: createdAt},
			],
			containerStatuses: statuses,
		},
	};
}

export function podTemplate(workload: WorkloadSpec, extraLabels: Record<string, string> = {}): unknown {
	return {
		metadata: {labels: {...appLabels(workload), ...extraLabels}, ...(workload.meshed ? {annotations: {'linkerd.io/inject': 'enabled'}} : {})},
		spec: {serviceAccountName: workload.serviceAccount, containers: containers(workload).filter(c => (c as {name: string}).name !== 'linkerd-proxy')},
	};
}

export function serviceObject(topology: Topology, workload: WorkloadSpec, index: number, createdAt: string): KubeObject {
	return {
		kind: 'Service', apiVersion: 'v1',
		metadata: {name: workload.service!, namespace: workload.namespace, uid: podUid(`svc/${workload.namespace}/${workload.service}`, topology.seed), creationTimestamp: createdAt, labels: appLabels(workload)},
		spec: {
			type: 'ClusterIP', clusterIP: `10.96.${Math.floor(index / 200)}.${10 + (index % 200)}`,
			selector: appLabels(workload),
			ports: [{name: workload.protocol, port: workload.port, targetPort: workload.port, protocol: 'TCP'}],
		},
		status: {loadBalancer: {}},
	};
}
