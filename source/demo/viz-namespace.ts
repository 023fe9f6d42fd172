// The viz namespace's `viz.linkerd.io/external-prometheus` annotation (linkerd-route-metrics.md
// §1): with it, `stat-inbound`/`stat-outbound` ask that URL and open no port-forward. The demo
// sets it on request so that path can be exercised.
import type {KubeStore} from './kube-store.js';

export const vizNamespace = 'linkerd-viz';
export const externalPrometheusAnnotation = 'viz.linkerd.io/external-prometheus';

/** Sets (url) or removes (null) the annotation; watchers see a MODIFIED namespace. */
export function setExternalPrometheus(store: KubeStore, url: string | null): void {
	const namespace = store.get('namespaces', undefined, vizNamespace);
	if (!namespace) return;
	const annotations = {...(namespace.metadata['annotations'] as Record<string, string> | undefined)};
	if (url === null) delete annotations[externalPrometheusAnnotation];
	else annotations[externalPrometheusAnnotation] = url;
	const {annotations: _old, ...metadata} = namespace.metadata;
	store.upsert('namespaces', {...namespace, metadata: Object.keys(annotations).length > 0 ? {...metadata, annotations} : metadata});
}
