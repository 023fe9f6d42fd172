// Watches the pods behind a tap target and reports when the set the tap server would pick
// changes: the server fixes its pod list at request start, so rollouts end taps silently.
import {CoreV1Api, type KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../model/inventory.js';
import {tappablePodSignature} from '../model/target-pods.js';
import type {Resource} from '../model/resource.js';
import type {Unsubscribe} from '../model/cluster.js';
import {watchList} from './watch-list.js';

export function watchTargetPods(
	kubeConfig: KubeConfig,
	target: Resource,
	onChange: (reason: string) => void,
	onError: (message: string) => void,
	settleMs = 2000,
): Unsubscribe {
	const namespace = target.type === 'namespace' ? target.name : target.namespace;
	const core = kubeConfig.makeApiClient(CoreV1Api);
	let signature: string | undefined;
	let timer: NodeJS.Timeout | undefined;
	const watched = watchList(
		kubeConfig,
		`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
		options => core.listNamespacedPod({namespace}, options),
		`pods in ${namespace}`,
		items => {
			const next = tappablePodSignature(items as KubeObject[], target);
			if (signature === undefined) {
				signature = next;
				return;
			}
			if (next === signature) return;
			signature = next;
			// Wait for a rollout to settle rather than re-tapping once per pod.
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => onChange('the pods of the target changed'), settleMs);
		},
		onError,
	);
	return () => {
		if (timer) clearTimeout(timer);
		watched.stop();
	};
}
