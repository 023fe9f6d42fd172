// The real MeshSources: a kubeconfig context's inventory and tap, as the UI consumes them.
import type {MeshSources} from '../sources.js';
import {startTapSession} from '../tap/session.js';
import {credentialReloader, loadKubeConfig, type LoadOptions, type LoadedConfig} from './config.js';
import {watchNamespaces, watchWorkloads} from './inventory.js';
import {watchTargetPods} from './target-watch.js';

export function createMeshSources(loaded: LoadedConfig, loadOptions: LoadOptions): MeshSources {
	const closers = new Set<() => void>();
	const track = (close: () => void) => {
		closers.add(close);
		return () => {
			closers.delete(close);
			close();
		};
	};
	// Shared by every tap and watch started from here: a 401 reloads the kubeconfig from
	// disk into it, so later requests (and watches started later) use the fresh credentials.
	const tapContext = {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context};
	const reloadCredentials = credentialReloader(tapContext);
	return {
		info: {context: loaded.context, server: loaded.server, namespace: loaded.namespace, contexts: loaded.contexts},
		watchNamespaces: (onList, onError) => track(watchNamespaces(tapContext.kubeConfig, onList, onError)),
		watchWorkloads: (namespace, onList, onError) => track(watchWorkloads(tapContext.kubeConfig, namespace, onList, onError)),
		tap(spec, handlers) {
			const session = startTapSession(tapContext, spec, handlers, {retryBeforeFirstStream: true, reloadCredentials});
			const stopWatch = watchTargetPods(
				tapContext.kubeConfig,
				spec.target,
				reason => session.retap(reason),
				() => undefined, // the navigator shows watch errors; the tap goes on without re-taps
			);
			return track(() => {
				stopWatch();
				session.stop();
			});
		},
		async withContext(context) {
			const next = loadKubeConfig({...loadOptions, context, namespace: undefined});
			return createMeshSources(next, {...loadOptions, context});
		},
		close() {
			for (const close of [...closers]) close();
			closers.clear();
		},
	};
}
