// Finds the viz namespace and a metrics-api pod the way `linkerd viz` does (spec §2), with the
// cheaper label selector and a readiness check instead of walking ReplicaSet owners.
import {CoreV1Api, type KubeConfig, type V1Pod} from '@kubernetes/client-node';
import {listForbidden, MetricsError, noMetricsPod, oneLine, vizNotInstalled} from './errors.js';

export const VIZ_EXTENSION_LABEL = 'linkerd.io/extension';
export const METRICS_API_SELECTOR = 'linkerd.io/extension=viz,component=metrics-api';

export async function findVizNamespace(core: CoreV1Api): Promise<string> {
	const list = await kubeCall(
		() => core.listNamespace({labelSelector: VIZ_EXTENSION_LABEL}),
		'namespaces',
		'pass --viz-namespace (usually linkerd-viz) to skip the lookup',
	);
	const found = list.items.find((ns) => ns.metadata?.labels?.[VIZ_EXTENSION_LABEL] === 'viz');
	if (!found?.metadata?.name) throw vizNotInstalled();
	return found.metadata.name;
}

export function isRunningAndReady(pod: V1Pod): boolean {
	if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return false;
	return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export async function pickMetricsPod(core: CoreV1Api, namespace: string): Promise<string> {
	const list = await kubeCall(
		() => core.listNamespacedPod({namespace, labelSelector: METRICS_API_SELECTOR}),
		`pods in ${namespace}`,
		`check with \`kubectl auth can-i list pods -n ${namespace}\` or pass --metrics-addr`,
	);
	// Sorted so that repeated discoveries pick the same replica while it stays healthy.
	const names = list.items
		.filter(isRunningAndReady)
		.map((p) => p.metadata?.name ?? '')
		.filter((n) => n !== '')
		.sort();
	if (names.length === 0) throw noMetricsPod(namespace);
	return names[0]!;
}

export interface MetricsTarget {
	namespace: string;
	pod: string;
}

export async function discoverMetricsPod(kc: KubeConfig, vizNamespace?: string): Promise<MetricsTarget> {
	const core = kc.makeApiClient(CoreV1Api);
	const namespace = vizNamespace || (await findVizNamespace(core));
	return {namespace, pod: await pickMetricsPod(core, namespace)};
}

async function kubeCall<T>(call: () => Promise<T>, what: string, hint: string): Promise<T> {
	try {
		return await call();
	} catch (err) {
		const code = (err as {code?: unknown}).code;
		if (code === 403) throw listForbidden(what, hint);
		if (code === 401) {
			throw new MetricsError('forbidden', `The API server rejected your credentials (HTTP 401) listing ${what}; refresh your kubeconfig login`);
		}
		const reason = typeof code === 'number' ? `HTTP ${code}` : oneLine(err instanceof Error ? err.message : String(err));
		throw new MetricsError('unavailable', `Cannot list ${what} to find metrics-api: ${reason}; check your cluster connection`);
	}
}
