// A list kept current by watch (client-node informer), restarted with backoff when the
// watch fails, reporting each failure as one line. Calls onChange with the whole list.
import {type KubeConfig, makeInformer, type KubernetesListObject, type KubernetesObject} from '@kubernetes/client-node';
import {backoffDelay, defaultBackoff} from './backoff.js';
import {connectionError} from './errors.js';
import {type CallOptions, withRequestTimeout} from './timeouts.js';

export interface WatchedList {
	stop(): void;
}

function errorLine(what: string, server: string, error: unknown): string {
	const err = error as {code?: number | string; body?: unknown; message?: string; cause?: unknown; name?: string};
	const code = typeof err?.code === 'number' ? err.code : undefined;
	if (code === 403) return `not allowed to list ${what} (403 Forbidden); check: kubectl auth can-i watch ${what}`;
	if (code === 401) return `the API server rejected the credentials while listing ${what} (401); log in again`;
	// No HTTP answer (refused, DNS, timeouts): the line every command gives, not "fetch failed".
	if (code === undefined && (err?.cause !== undefined || err?.name === 'KubeError')) return connectionError(server, error).message;
	const text = (err?.message ?? String(error)).split('\n')[0]!;
	return `cannot watch ${what}: ${text}`;
}

export function watchList<T extends KubernetesObject>(
	kubeConfig: KubeConfig,
	path: string,
	/** Pass `options` on to the generated API: they carry the request timeout. */
	list: (options: CallOptions) => Promise<KubernetesListObject<T>>,
	what: string,
	onChange: (items: readonly T[]) => void,
	onError: (message: string) => void,
): WatchedList {
	let stopped = false;
	let failures = 0;
	let timer: NodeJS.Timeout | undefined;
	// client-node fires 'connect' before it lists (the cache still empty on the first connect)
	// and then one 'add' per listed object. Reporting at each of those would show watchers an
	// empty and then a growing list (the pod watch took that for a rollout and re-tapped every
	// tap at start), so reports are coalesced, and a (re)list reports once it is in the cache.
	let queued = false;
	const emitNow = () => {
		queued = false;
		if (!stopped) onChange(informer.list());
	};
	const emit = () => {
		if (queued) return;
		queued = true;
		queueMicrotask(emitNow);
	};
	const server = (kubeConfig.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
	const listed = async () => {
		const result = await withRequestTimeout(kubeConfig, server, `listing ${what}`, list);
		// The informer adds the items after this resolves, in a microtask: report after those.
		setImmediate(emit);
		return result;
	};
	const informer = makeInformer(kubeConfig, path, listed);
	informer.on('add', emit);
	informer.on('update', emit);
	informer.on('delete', emit);
	informer.on('connect', () => {
		failures = 0;
	});
	informer.on('error', error => {
		if (stopped) return;
		failures += 1;
		onError(errorLine(what, server, error));
		timer = setTimeout(() => {
			if (!stopped) informer.start().catch(() => undefined);
		}, backoffDelay(defaultBackoff, failures));
	});
	informer.start().catch(() => undefined);
	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			informer.stop().catch(() => undefined);
		},
	};
}
