// Where Prometheus is, found the way `linkerd viz stat-outbound` finds it
// (linkerd-route-metrics.md §1): --prometheus-url (no Kubernetes calls at all); else the viz
// namespace's `viz.linkerd.io/external-prometheus` annotation; else a client-node port-forward to
// the viz prometheus pod's port 9090.
//
// The pod: the CLI lists every pod of the viz namespace and walks each one's ReplicaSet to a
// Deployment named `prometheus`. meshtop lists by the chart's labels
// `linkerd.io/extension=viz,component=prometheus` instead (one request, and no `get replicasets`
// permission needed) and takes a Running pod, Ready ones first, by name for a stable choice.
import {CoreV1Api, type KubeConfig, type V1Namespace, type V1Pod} from '@kubernetes/client-node';
import {findVizNamespaceObject, isRunningAndReady, kubeCall, VIZ_EXTENSION_LABEL} from '../metrics/discovery.js';
import {MetricsError} from '../metrics/errors.js';
import {startForwarder} from '../metrics/forward.js';
import {createPromHttp, type PromHttp} from './http.js';

export const EXTERNAL_PROMETHEUS_ANNOTATION = 'viz.linkerd.io/external-prometheus';
export const PROMETHEUS_SELECTOR = 'linkerd.io/extension=viz,component=prometheus';
export const PROMETHEUS_PORT = 9090;

export interface PromClient extends PromHttp {
	/** How it was reached: the URL, or "port-forward linkerd-viz/prometheus-…". */
	readonly via: string;
}

export interface LocateOptions {
	/** --prometheus-url: used as is; no Kubernetes calls. */
	prometheusUrl?: string;
	/** Needed unless prometheusUrl is set. */
	kubeConfig?: KubeConfig;
	/** --viz-namespace: skips the lookup by label (the namespace must still carry it). */
	vizNamespace?: string;
	/** Per query; 0 = none. */
	timeoutMs?: number;
}

export async function connectPrometheus(options: LocateOptions): Promise<PromClient> {
	if (options.prometheusUrl) return direct(options.prometheusUrl, options.timeoutMs);
	const kc = options.kubeConfig;
	if (!kc) throw new Error('connectPrometheus needs a kubeconfig or a Prometheus URL');
	const core = kc.makeApiClient(CoreV1Api);
	const namespace = options.vizNamespace ? await readVizNamespace(core, kc, options.vizNamespace) : await findVizNamespaceObject(core, kc);
	const name = namespace.metadata!.name!;
	const external = namespace.metadata?.annotations?.[EXTERNAL_PROMETHEUS_ANNOTATION]?.trim();
	if (external) return direct(external, options.timeoutMs, `${external} (the ${EXTERNAL_PROMETHEUS_ANNOTATION} annotation of namespace ${name})`);
	const pod = await pickPrometheusPod(core, name, kc);
	const forwarder = await startForwarder(kc, {namespace: name, pod}, {port: PROMETHEUS_PORT, what: 'prometheus', bypassFlag: '--prometheus-url'});
	const via = `port-forward ${name}/${pod}:${PROMETHEUS_PORT}`;
	const client = createPromHttp({
		baseUrl: `http://127.0.0.1:${forwarder.port}`,
		timeoutMs: options.timeoutMs,
		via,
		connectionProblem: port => forwarder.failureOf(port),
		// Each socket is one port-forward: a few carry the 18 queries.
		maxSockets: 4,
	});
	return {
		via,
		query: (promql, signal) => client.query(promql, signal),
		close() {
			client.close();
			forwarder.close();
		},
	};
}

/** `where` names the URL in errors, e.g. where it came from. */
function direct(url: string, timeoutMs: number | undefined, where?: string): PromClient {
	const client = createPromHttp({baseUrl: url, timeoutMs, ...(where ? {via: where} : {})});
	return {via: url, query: client.query, close: client.close};
}

async function readVizNamespace(core: CoreV1Api, kc: KubeConfig, name: string): Promise<V1Namespace> {
	let namespace: V1Namespace;
	try {
		namespace = await kubeCall(kc, options => core.readNamespace({name}, options), `namespace ${name}`, `check with \`kubectl get namespace ${name}\``, 'prometheus');
	} catch (error) {
		if (error instanceof MetricsError && /HTTP 404/.test(error.message)) {
			throw new MetricsError('viz-not-installed', `namespace "${name}" (--viz-namespace) not found; pass the namespace Linkerd viz runs in, usually linkerd-viz`);
		}
		throw error;
	}
	if (namespace.metadata?.labels?.[VIZ_EXTENSION_LABEL] !== 'viz') {
		throw new MetricsError('viz-not-installed', `namespace "${name}" is not a linkerd-viz namespace (no label ${VIZ_EXTENSION_LABEL}=viz); fix --viz-namespace`);
	}
	return namespace;
}

function running(pod: V1Pod): boolean {
	return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp;
}

export async function pickPrometheusPod(core: CoreV1Api, namespace: string, kc: KubeConfig): Promise<string> {
	const list = await kubeCall(
		kc,
		options => core.listNamespacedPod({namespace, labelSelector: PROMETHEUS_SELECTOR}, options),
		`pods in ${namespace}`,
		`check with \`kubectl auth can-i list pods -n ${namespace}\` or pass --prometheus-url`,
		'prometheus',
	);
	const candidates = list.items.filter(running).sort((a, b) => Number(isRunningAndReady(b)) - Number(isRunningAndReady(a)) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
	const name = candidates[0]?.metadata?.name;
	if (!name) {
		throw new MetricsError(
			'no-metrics-pod',
			`no running pods found for prometheus in namespace ${namespace} (selector ${PROMETHEUS_SELECTOR}); viz may run without its Prometheus: pass --prometheus-url, or check \`kubectl -n ${namespace} get pods\``,
		);
	}
	return name;
}
