// Display names for the two ends of a request, from the labels the proxy and
// the tap server attach (spec §4.1, §4.2).
import type {Labels, TcpAddress} from './event.js';

export interface Workload {
	namespace: string;
	/** Canonical singular Kubernetes type: deployment, job, pod, ... */
	type: string;
	name: string;
}

// Highest-level owner first: a pod of a deployment may also carry the
// replicaset and pod labels, and the deployment is the name people know.
const ownerLabels: ReadonlyArray<readonly [label: string, type: string, short: string, prefix: string]> = [
	['deployment', 'deployment', 'deploy', 'deploy/'],
	['statefulset', 'statefulset', 'sts', 'sts/'],
	['daemonset', 'daemonset', 'ds', 'ds/'],
	['cronjob', 'cronjob', 'cj', 'cj/'],
	['k8s_job', 'job', 'job', 'job/'],
	['replicationcontroller', 'replicationcontroller', 'rc', 'rc/'],
	['replicaset', 'replicaset', 'rs', 'rs/'],
	['pod', 'pod', 'po', 'po/'],
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

// Display names are interned: the same workload yields the same string object
// every time, so the maps keyed by names (routes, mTLS edges) hash it once and
// a buffer of records holds one copy per workload, not one per request.
// One memo per owner label, plus one for node names.
const interned = Array.from({length: ownerLabels.length + 1}, () => new Map<string, string>());
const nodeSlot = ownerLabels.length;
const maxInterned = 50_000;

function intern(slot: number, prefix: string, name: string): string {
	const byName = interned[slot]!;
	let full = byName.get(name);
	if (full === undefined) {
		// A memo, not state: dropping it only costs re-creating strings.
		if (byName.size >= maxInterned) byName.clear();
		full = prefix + name;
		byName.set(name, full);
	}

	return full;
}

/** deploy/web, po/x, node/x, else the bare ip, else "unknown". */
export function endpointName(labels: Labels, addr: TcpAddress | null): string {
	if (labels) {
		// Inline loop rather than workloadOf: this runs once per request per end.
		for (let i = 0; i < ownerLabels.length; i++) {
			const owner = ownerLabels[i]!;
			const name = labels[owner[0]];
			if (name) return intern(i, owner[3], name);
		}

		const node = labels['node'];
		if (node) return intern(nodeSlot, 'node/', node);
	}

	if (addr && addr.ip) return addr.ip;
	return 'unknown';
}

// Resource type (canonical or alias) → the label the proxy / tap server uses.
const labelByType: Record<string, string> = {
	deployment: 'deployment',
	deploy: 'deployment',
	statefulset: 'statefulset',
	sts: 'statefulset',
	daemonset: 'daemonset',
	ds: 'daemonset',
	job: 'k8s_job',
	k8s_job: 'k8s_job',
	cronjob: 'cronjob',
	cj: 'cronjob',
	replicaset: 'replicaset',
	rs: 'replicaset',
	replicationcontroller: 'replicationcontroller',
	rc: 'replicationcontroller',
	pod: 'pod',
	po: 'pod',
	node: 'node',
	namespace: 'namespace',
	ns: 'namespace',
};

/** The source label a `from` type is matched against (job → k8s_job). */
export function labelForType(type: string): string {
	return labelByType[type.toLowerCase()] ?? type.toLowerCase();
}
