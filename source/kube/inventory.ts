// Namespaces and the workloads of one namespace, kept live by list+watch.
import {AppsV1Api, BatchV1Api, CoreV1Api, type KubeConfig, type KubernetesObject} from '@kubernetes/client-node';
import {type KubeObject, summarizeNamespaces, summarizeWorkloads, type WorkloadObjects} from '../model/inventory.js';
import type {NamespaceInfo, Unsubscribe, WorkloadInfo} from '../model/cluster.js';
import type {CallOptions} from './timeouts.js';
import {watchList} from './watch-list.js';

/** Coalesces bursts (a relist emits once per object) into one update. */
function debounce(fn: () => void, ms: number): {call(): void; cancel(): void} {
	let timer: NodeJS.Timeout | undefined;
	return {
		call() {
			if (!timer) {
				timer = setTimeout(() => {
					timer = undefined;
					fn();
				}, ms);
			}
		},
		cancel() {
			if (timer) clearTimeout(timer);
		},
	};
}

export function watchNamespaces(
	kubeConfig: KubeConfig,
	onList: (namespaces: NamespaceInfo[]) => void,
	onError: (message: string) => void,
): Unsubscribe {
	const core = kubeConfig.makeApiClient(CoreV1Api);
	let latest: readonly KubernetesObject[] = [];
	const flush = debounce(() => onList(summarizeNamespaces(latest as KubeObject[])), 50);
	const watched = watchList(
		kubeConfig,
		'/api/v1/namespaces',
		options => core.listNamespace({}, options),
		'namespaces',
		items => {
			latest = items;
			flush.call();
		},
		onError,
	);
	return () => {
		flush.cancel();
		watched.stop();
	};
}

export function watchWorkloads(
	kubeConfig: KubeConfig,
	namespace: string,
	onList: (workloads: WorkloadInfo[]) => void,
	onError: (message: string) => void,
): Unsubscribe {
	const core = kubeConfig.makeApiClient(CoreV1Api);
	const apps = kubeConfig.makeApiClient(AppsV1Api);
	const batch = kubeConfig.makeApiClient(BatchV1Api);
	const objects: WorkloadObjects = {deployments: [], statefulsets: [], daemonsets: [], jobs: [], cronjobs: [], pods: []};
	const flush = debounce(() => onList(summarizeWorkloads(namespace, objects)), 50);
	const ns = encodeURIComponent(namespace);
	const sources: Array<[keyof WorkloadObjects, string, (options: CallOptions) => Promise<{items: KubernetesObject[]}>]> = [
		['pods', `/api/v1/namespaces/${ns}/pods`, options => core.listNamespacedPod({namespace}, options)],
		['deployments', `/apis/apps/v1/namespaces/${ns}/deployments`, options => apps.listNamespacedDeployment({namespace}, options)],
		['statefulsets', `/apis/apps/v1/namespaces/${ns}/statefulsets`, options => apps.listNamespacedStatefulSet({namespace}, options)],
		['daemonsets', `/apis/apps/v1/namespaces/${ns}/daemonsets`, options => apps.listNamespacedDaemonSet({namespace}, options)],
		['jobs', `/apis/batch/v1/namespaces/${ns}/jobs`, options => batch.listNamespacedJob({namespace}, options)],
		['cronjobs', `/apis/batch/v1/namespaces/${ns}/cronjobs`, options => batch.listNamespacedCronJob({namespace}, options)],
	];
	const watches = sources.map(([key, path, list]) =>
		watchList(
			kubeConfig,
			path,
			list as never,
			`${key} in ${namespace}`,
			items => {
				objects[key] = items as KubeObject[];
				flush.call();
			},
			onError,
		),
	);
	return () => {
		flush.cancel();
		for (const watch of watches) watch.stop();
	};
}
