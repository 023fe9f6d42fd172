// The labels viz Prometheus's `linkerd-proxy` scrape job puts on every series of a pod's proxy
// (spec §3.1; L2 viz/charts/linkerd-viz/templates/prometheus.yaml): namespace, pod, the
// workload label from `linkerd.io/proxy-<kind>` (`k8s_job` for jobs), the other `linkerd.io/*`
// pod labels without their prefix, the pod's own labels sanitized, and job/instance.
import {podTemplateLabels} from './kube-objects.js';
import type {PodState} from './pods.js';

const sanitize = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, '_');

export function promTargetLabels(pod: PodState): Record<string, string> {
	const kube: Record<string, string> = {...podTemplateLabels(pod.workload)};
	if (pod.workload.kind === 'Deployment') kube['pod-template-hash'] = pod.templateHash;
	const labels: Record<string, string> = {};
	for (const [key, value] of Object.entries(kube)) {
		const proxyKind = /^linkerd\.io\/proxy-(.+)$/.exec(key)?.[1];
		if (proxyKind) labels[proxyKind === 'job' ? 'k8s_job' : sanitize(proxyKind)] = value;
		else labels[sanitize(key.replace(/^linkerd\.io\//, ''))] = value;
	}
	const instance = pod.ip.includes(':') ? `[${pod.ip}]:4191` : `${pod.ip}:4191`;
	return {...labels, namespace: pod.namespace, pod: pod.name, job: 'linkerd-proxy', instance};
}
