// The real MeshSources: a kubeconfig context's inventory and tap, as the UI consumes them.
import {lazyClient} from './lazy-client.js';
import type {MeshSources} from './types.js';
import {startTapSession} from '../tap/session.js';
import {startMultiTapSession} from '../tap/multi-session.js';
import {credentialReloader, loadKubeConfig, type LoadOptions, type LoadedConfig} from '../kube/config.js';
import {watchNamespaces, watchWorkloads} from '../kube/inventory.js';
import {watchTargetPods} from '../kube/target-watch.js';

export interface MetricsOptions {
	/** --viz-namespace: skip the label lookup. */
	vizNamespace?: string;
	/** --metrics-addr HOST:PORT: no discovery, no port-forward. */
	metricsAddr?: string;
	/** --prometheus-url: the policy view asks this Prometheus, no discovery. */
	prometheusUrl?: string;
}

export function createMeshSources(loaded: LoadedConfig, loadOptions: LoadOptions, metricsOptions: MetricsOptions = {}): MeshSources {
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
	const metrics = lazyClient(() => import('../metrics/client.js').then(({connectMetrics}) => connectMetrics({kubeConfig: tapContext.kubeConfig, ...metricsOptions})));
	const routeMetrics = lazyClient(async () => {
		const [{routeMetricsClient}, {connectPrometheus}] = await Promise.all([import('../prom/route-metrics.js'), import('../prom/locate.js')]);
		const {vizNamespace, prometheusUrl} = metricsOptions;
		return routeMetricsClient(await connectPrometheus({kubeConfig: tapContext.kubeConfig, vizNamespace, prometheusUrl, timeoutMs: 10_000}));
	});
	return {
		info: {context: loaded.context, server: loaded.server, namespace: loaded.namespace, contexts: loaded.contexts},
		watchNamespaces: (onList, onError) => track(watchNamespaces(tapContext.kubeConfig, onList, onError)),
		watchWorkloads: (namespace, onList, onError) => track(watchWorkloads(tapContext.kubeConfig, namespace, onList, onError)),
		tap(spec, handlers) {
			if (spec.namespaces) {
				// -A, -n a,b,c: one tap per namespace, merged (tap/multi-session.ts).
				const kubeConfig = tapContext.kubeConfig;
				const multi = startMultiTapSession(spec, handlers, {
					startSession: (one, each) => startTapSession(tapContext, one, each, {retryBeforeFirstStream: true, reloadCredentials}),
					watchPods: (target, onChange) => watchTargetPods(kubeConfig, target, onChange, () => undefined),
					watchNamespaces: (onList, onError) => watchNamespaces(kubeConfig, list => onList(list.map(ns => ns.name)), onError),
				});
				return track(() => multi.stop());
			}
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
		// Loaded on first use: grpc-js, the protos and the Prometheus client stay off the start-up path.
		metrics: () => metrics.get(),
		routeMetrics: () => routeMetrics.get(),
		async withContext(context) {
			const next = loadKubeConfig({...loadOptions, context, namespace: undefined});
			// --metrics-addr names one cluster's metrics-api; another context finds its own.
			return createMeshSources(next, {...loadOptions, context}, {vizNamespace: metricsOptions.vizNamespace});
		},
		close() {
			metrics.close();
			routeMetrics.close();
			for (const close of [...closers]) close();
			closers.clear();
		},
	};
}
