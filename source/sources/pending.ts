// MeshSources that exist before the real ones do, so the UI can draw its first frame
// while the kubeconfig, client-node and (with --demo) the demo mesh are still loading.
// Every call is queued and handed to the real sources once they are ready; if they never
// come, watches and taps report the error through their own error paths.
import type {ContextInfo, Unsubscribe} from '../model/cluster.js';
import type {MeshSources} from './types.js';

export function pendingSources(ready: Promise<MeshSources>, placeholder: ContextInfo): MeshSources {
	let real: MeshSources | undefined;
	let failure: string | undefined;
	let closed = false;
	const settled = ready.then(
		sources => {
			if (closed) sources.close();
			else real = sources;
		},
		(error: unknown) => {
			failure = error instanceof Error ? error.message : String(error);
		},
	);

	/** Runs `start` on the real sources when they arrive; the returned function cancels either way. */
	function later(start: (sources: MeshSources) => Unsubscribe, onFailure: (message: string) => void): Unsubscribe {
		if (real) return start(real);
		let cancelled = false;
		let stop: Unsubscribe | undefined;
		void settled.then(() => {
			if (cancelled) return;
			if (real) stop = start(real);
			else onFailure(failure ?? 'could not connect');
		});
		return () => {
			cancelled = true;
			stop?.();
		};
	}

	return {
		get info() {
			return real?.info ?? placeholder;
		},
		watchNamespaces: (onList, onError) => later(s => s.watchNamespaces(onList, onError), onError),
		watchWorkloads: (namespace, onList, onError) => later(s => s.watchWorkloads(namespace, onList, onError), onError),
		tap(spec, handlers) {
			if (!real) handlers.onStatus({state: 'connecting', attempt: 1});
			return later(
				s => s.tap(spec, handlers),
				message => handlers.onStatus({state: 'failed', message}),
			);
		},
		async metrics() {
			await settled;
			if (!real?.metrics) throw new Error(failure ?? 'metrics are not available for these sources');
			return real.metrics();
		},
		async routeMetrics() {
			await settled;
			if (!real?.routeMetrics) throw new Error(failure ?? 'Prometheus is not available for these sources');
			return real.routeMetrics();
		},
		async withContext(context) {
			await settled;
			if (!real) throw new Error(failure ?? 'could not connect');
			return real.withContext(context);
		},
		close() {
			closed = true;
			real?.close();
		},
	};
}
