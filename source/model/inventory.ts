// Kubernetes objects → the navigator's namespaces and workloads. Pure.
import type {NamespaceInfo, WorkloadInfo} from '../model/cluster.js';

export interface ObjectMeta {
	name?: string;
	namespace?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: Array<{kind: string; name: string; controller?: boolean}>;
	deletionTimestamp?: unknown;
}

export interface LabelSelector {
	matchLabels?: Record<string, string>;
	matchExpressions?: LabelExpression[];
}

export interface KubeObject {
	metadata?: ObjectMeta;
	spec?: {selector?: LabelSelector};
	status?: {phase?: string; conditions?: Array<{type: string; status: string}>};
}

interface LabelExpression {
	key: string;
	operator: string;
	values?: string[];
}

export interface WorkloadObjects {
	deployments: KubeObject[];
	statefulsets: KubeObject[];
	daemonsets: KubeObject[];
	jobs: KubeObject[];
	cronjobs: KubeObject[];
	pods: KubeObject[];
}

export function summarizeNamespaces(objects: KubeObject[]): NamespaceInfo[] {
	return objects
		.filter(ns => ns.metadata?.name)
		.map(ns => ({
			name: ns.metadata!.name!,
			injected: ns.metadata?.annotations?.['linkerd.io/inject'] === 'enabled',
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export function matchesSelector(labels: Record<string, string>, selector: LabelSelector | undefined): boolean {
	if (!selector) return false;
	const matchLabels = selector.matchLabels ?? {};
	const expressions = selector.matchExpressions ?? [];
	if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
	for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
	for (const {key, operator, values = []} of expressions) {
		const has = key in labels;
		if (operator === 'In' && !(has && values.includes(labels[key]!))) return false;
		if (operator === 'NotIn' && has && values.includes(labels[key]!)) return false;
		if (operator === 'Exists' && !has) return false;
		if (operator === 'DoesNotExist' && has) return false;
	}
	return true;
}

function isReady(pod: KubeObject): boolean {
	return pod.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false;
}

function isLive(pod: KubeObject): boolean {
	const phase = pod.status?.phase;
	return (phase === 'Running' || phase === 'Pending') && !pod.metadata?.deletionTimestamp;
}

/** Meshed and tappable as the tap server decides (spec linkerd-tap.md §8). */
export function podState(pod: KubeObject): {meshed: boolean; tapEnabled: boolean; tapDisabled: boolean} {
	const meshed = Boolean(pod.metadata?.labels?.['linkerd.io/control-plane-ns']);
	const annotations = pod.metadata?.annotations ?? {};
	const tapDisabled = meshed && annotations['viz.linkerd.io/disable-tap'] === 'true';
	const tapEnabled = meshed && annotations['viz.linkerd.io/tap-enabled'] === 'true' && !tapDisabled;
	return {meshed, tapEnabled, tapDisabled};
}

function summarize(namespace: string, type: string, name: string, pods: KubeObject[]): WorkloadInfo {
	const live = pods.filter(isLive);
	let meshed = 0;
	let tapEnabled = 0;
	let tapDisabled = 0;
	for (const pod of live) {
		const state = podState(pod);
		if (state.meshed) meshed += 1;
		if (state.tapEnabled) tapEnabled += 1;
		if (state.tapDisabled) tapDisabled += 1;
	}
	return {namespace, type, name, ready: live.filter(isReady).length, total: live.length, meshed, tapEnabled, ...(tapDisabled > 0 ? {tapDisabled} : {})};
}

export function summarizeWorkloads(namespace: string, objects: WorkloadObjects): WorkloadInfo[] {
	const rows: WorkloadInfo[] = [];
	const owned = new Set<KubeObject>();
	const bySelector = (type: string, list: KubeObject[]) => {
		for (const workload of list) {
			const pods = objects.pods.filter(pod => matchesSelector(pod.metadata?.labels ?? {}, workload.spec?.selector));
			for (const pod of pods) owned.add(pod);
			rows.push(summarize(namespace, type, workload.metadata?.name ?? '', pods));
		}
	};
	bySelector('deployment', objects.deployments);
	bySelector('statefulset', objects.statefulsets);
	bySelector('daemonset', objects.daemonsets);
	for (const cronjob of objects.cronjobs) {
		const name = cronjob.metadata?.name ?? '';
		const jobs = new Set(
			objects.jobs
				.filter(job => job.metadata?.ownerReferences?.some(o => o.kind === 'CronJob' && o.name === name))
				.map(job => job.metadata?.name),
		);
		const pods = objects.pods.filter(pod => pod.metadata?.ownerReferences?.some(o => o.kind === 'Job' && jobs.has(o.name)));
		for (const pod of pods) owned.add(pod);
		rows.push(summarize(namespace, 'cronjob', name, pods));
	}
	bySelector('job', objects.jobs);
	for (const pod of objects.pods) {
		if (!owned.has(pod) && isLive(pod)) rows.push(summarize(namespace, 'pod', pod.metadata?.name ?? '', [pod]));
	}
	const order = ['deployment', 'statefulset', 'daemonset', 'cronjob', 'job', 'pod'];
	return rows
		.filter(row => row.name)
		.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.name.localeCompare(b.name));
}
