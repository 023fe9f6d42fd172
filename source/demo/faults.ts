// Failures the demo can be told to show, each in the exact shape the real component sends:
// the kube-apiserver's Status JSON for authn/RBAC/aggregation failures, the tap server's own
// JSON for its SubjectAccessReview denial.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {KubeObject} from './kube-objects.js';
import type {ForwardDecision} from './port-forward.js';
import {sendStatus, notFoundMessage} from './status.js';
import {tapForbiddenBody, tapPathTarget, tapPrefix} from './tap-api.js';

export type DemoFault =
	| 'none'
	/** 401 Status JSON from the apiserver, for every request. */
	| 'unauthorized'
	/** 403 Status JSON from the apiserver: RBAC denies the tap resource. */
	| 'forbidden'
	/** 403 JSON {"error": "tap authorization failed (...)..."} from the tap server. */
	| 'tap-forbidden'
	/** 404 Status JSON: the tap.linkerd.io group is not served (viz not installed). */
	| 'no-viz'
	/** 503 Status JSON: the tap APIService is unavailable. */
	| 'unavailable'
	/** 403 Status JSON for reading the tap APIService object (a user without cluster-scope reads). */
	| 'apiservice-forbidden'
	/** Tap streams carry a garbage frame (valid framing, undecodable body) before each batch. */
	| 'garbage-frames'
	/** Viz runs without its Prometheus (`prometheus.enabled=false`): no prometheus pod, ReplicaSet,
	 *  Deployment or Service in linkerd-viz. */
	| 'no-prometheus'
	/** The prometheus pod runs but nothing listens on its 9090 (starting, or crash-looping). */
	| 'prometheus-down'
	/** 403 Status for every pod port-forward: RBAC grants no `create pods/portforward`. */
	| 'portforward-forbidden';

export const demoUser = 'meshtop-demo-user';

const tapFaults = new Set<DemoFault>(['forbidden', 'tap-forbidden', 'no-viz', 'unavailable']);
const prometheusObjects = new Set(['pods', 'replicasets', 'deployments', 'services']);

/** True when the fault makes this object absent from gets, lists and watches. */
export function hiddenByFault(fault: DemoFault, resource: string, object: KubeObject): boolean {
	if (fault !== 'no-prometheus' || !prometheusObjects.has(resource)) return false;
	const {namespace, name} = object.metadata;
	return namespace === 'linkerd-viz' && isPrometheusName(name);
}

const isPrometheusName = (name: string): boolean => name === 'prometheus' || name.startsWith('prometheus-');

/** The apiserver's refusal of a pod port-forward under the fault, or undefined. */
export function portForwardRefusal(fault: DemoFault, namespace: string, pod: string): Extract<ForwardDecision, {kind: 'refuse'}> | undefined {
	if (fault === 'no-prometheus' && namespace === 'linkerd-viz' && isPrometheusName(pod)) {
		return {kind: 'refuse', status: 404, reason: 'NotFound', message: `pods "${pod}" not found`};
	}
	if (fault !== 'portforward-forbidden') return undefined;
	return {
		kind: 'refuse', status: 403, reason: 'Forbidden',
		message: `pods "${pod}" is forbidden: User "${demoUser}" cannot create resource "pods/portforward" in API group "" in the namespace "${namespace}"`,
	};
}

/** Writes the fault's response and returns true when this request is affected by it. */
export function faultResponse(fault: DemoFault, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
	const tapGroup = pathname === tapPrefix || pathname.startsWith(`${tapPrefix}/`);
	if (!tapGroup || !tapFaults.has(fault)) return false;
	if (fault === 'no-viz') {
		sendStatus(res, 404, 'NotFound', notFoundMessage, {});
		return true;
	}
	if (fault === 'unavailable') {
		sendStatus(res, 503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {group: 'tap.linkerd.io'});
		return true;
	}
	const target = req.method === 'POST' ? tapPathTarget(pathname) : undefined;
	if (!target) return false;
	if (fault === 'forbidden') {
		sendForbidden(res, target);
		return true;
	}
	const body = tapForbiddenBody(target);
	res.writeHead(403, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
	res.end(body);
	return true;
}

function sendForbidden(res: ServerResponse, target: {resource: string; namespace: string; name: string}): void {
	const where = target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
	const subject = target.name ? `${target.resource}.tap.linkerd.io "${target.name}"` : `${target.resource}.tap.linkerd.io`;
	sendStatus(res, 403, 'Forbidden',
		`${subject} is forbidden: User "${demoUser}" cannot watch resource "${target.resource}/tap" in API group "tap.linkerd.io" ${where}`,
		{name: target.name, group: 'tap.linkerd.io', kind: target.resource});
}

/**
 * RBAC that lets the user tap some namespaces and not others (a namespaced Role, no
 * ClusterRole): a tap POST into one of `namespaces` gets the apiserver's 403 Status.
 */
export function namespaceForbidden(namespaces: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
	if (namespaces.size === 0 || req.method !== 'POST') return false;
	const target = tapPathTarget(pathname);
	if (!target) return false;
	const namespace = target.resource === 'namespaces' ? target.name : target.namespace;
	if (!namespaces.has(namespace)) return false;
	sendForbidden(res, target);
	return true;
}
