// Display names for the two ends of a request, from the labels the proxy and
// the tap server attach (spec §4.1, §4.2).
import type {Labels, TcpAddress} from '../tap/event.js';

export interface Workload {
	namespace: string;
	/** Canonical singular Kubernetes type: deployment, job, pod, ... */
	type: string;
	name: string;
}

// Highest-level owner first: a pod of a deployment may also carry the
// replicaset and pod labels, and the deployment is the name people know.
const ownerLabels: ReadonlyArray<readonly [label: string, type: string, short: string]> = [
	['deployment', 'deployment', 'deploy'],
	['statefulset', 'statefulset', 'sts'],
	['daemonset', 'daemonset', 'ds'],
	['cronjob', 'cronjob', 'cj'],
	['k8s_job', 'job', 'job'],
	['replicationcontroller', 'replicationcontroller', 'rc'],
	['replicaset', 'replicaset', 'rs'],
	['pod', 'pod', 'po'],
];

const shortByType: Record<string, string> = Object.fromEntries([
	...ownerLabels.map(([, type, short]) => [type, short]),
	['node', 'node'],
	['namespace', 'ns'],
	['service', 'svc'],
]);

/** The short alias linkerd accepts for a type (deployment → deploy); unknown types pass through. */
export function shortType(type: string): string {
	return shortByType[type] ?? type;
}

/** The owning workload named by proxy/tap labels, or null when there is none. */
export function workloadOf(labels: Labels): Workload | null {
	if (!labels) return null;
	for (const [label, type] of ownerLabels) {
		const name = labels[label];
		if (name) return {namespace: labels['namespace'] ?? '', type, name};
	}

	return null;
}

/** deploy/web, po/x, node/x, else the bare ip, else "unknown". */
export function endpointName(labels: Labels, addr: TcpAddress | null): string {
	if (labels) {
		// Inline loop rather than workloadOf: this runs once per request per end.
		for (let i = 0; i < ownerLabels.length; i++) {
			const owner = ownerLabels[i]!;
			const name = labels[owner[0]];
			if (name) return owner[2] + '/' + name;
		}

		const node = labels['node'];
		if (node) return 'node/' + node;
	}

	if (addr && addr.ip) return addr.ip;
	return 'unknown';
}
