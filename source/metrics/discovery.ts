// Finds the viz namespace and a metrics-api pod the way `linkerd viz` does (spec §2), with the
// cheaper label selector and a readiness check instead of walking ReplicaSet owners.
import {CoreV1Api, type KubeConfig, type V1Namespace, type V1Pod} from '@kubernetes/client-node';
import {connectionError, KubeError} from '../kube/errors.js';
import {type CallOptions, withRequestTimeout} from '../kube/timeouts.js';
import {listForbidden, MetricsError, noMetricsPod, oneLine, vizNotInstalled} from './errors.js';

export const VIZ_EXTENSION_LABEL = 'linkerd.io/extension';
export const METRICS_API_SELECTOR = 'linkerd.io/extension=viz,component=metrics-api';

export async function findVizNamespace(core: CoreV1Api, kc: KubeConfig): Promise<string> {
	return (await findVizNamespaceObject(core, kc)).metadata!.name!;
}

/** The viz namespace itself, annotations included (prom/ reads viz.linkerd.io/external-prometheus). */
export async function findVizNamespaceObject(core: CoreV1Api, kc: KubeConfig): Promise<V1Namespace> {
	const list = await kubeCall(
		kc,
		options => core.listNamespace({labelSelector: VIZ_EXTENSION_LABEL}, options),
		'namespaces',
		'pass --viz-namespace (usually linkerd-viz) to skip the lookup',
	);
	const found = list.items.find((ns) => ns.metadata?.labels?.[VIZ_EXTENSION_LABEL] === 'viz');
	if (!found?.metadata?.name) throw vizNotInstalled();
	return found;
}

export function isRunningAndReady(pod: V1Pod): boolean {
	if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return false;
	return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export async function pickMetricsPod(core: CoreV1Api, namespace: string, kc: KubeConfig): Promise<string> {
	const list = await kubeCall(
		kc,
		options => core.listNamespacedPod({namespace, labelSelector: METRICS_API_SELECTOR}, options),
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
	const namespace = vizNamespace || (await findVizNamespace(core, kc));
	return {namespace, pod: await pickMetricsPod(core, namespace, kc)};
}

/**
 * One list, with the request timeout. Failures to reach the API server read as they do for
 * tap (kube/errors.ts), not as fetch's "fetch failed".
 */
export async function kubeCall<T>(kc: KubeConfig, call: (options: CallOptions) => Promise<T>, what: string, hint: string, purpose = 'metrics-api'): Promise<T> {
	const server = (kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
	try {
		return await withRequestTimeout(kc, server, `listing ${what}`, call);
	} catch (err) {
		if (err instanceof KubeError) throw new MetricsError('unavailable', err.message);
		const code = (err as {code?: unknown}).code;
		if (code === 403) throw listForbidden(what, hint);
		if (code === 401) {
			throw new MetricsError('forbidden', `The API server rejected your credentials (HTTP 401) listing ${what}; refresh your kubeconfig login`);
		}
		// No HTTP answer at all: the same one line as every other command's.
		if (typeof code !== 'number') throw new MetricsError('unavailable', connectionError(server, err).message);
		const reason = typeof code === 'number' ? `HTTP ${code}` : oneLine(err instanceof Error ? err.message : String(err));
		throw new MetricsError('unavailable', `Cannot list ${what} to find ${purpose}: ${reason}; check your cluster connection`);
	}
}
