// Failures the demo can be told to show, each in the exact shape the real component sends:
// the kube-apiserver's Status JSON for authn/RBAC/aggregation failures, the tap server's own
// JSON for its SubjectAccessReview denial.
import type {IncomingMessage, ServerResponse} from 'node:http';
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
	| 'garbage-frames';

export const demoUser = 'meshtop-demo-user';

/** Writes the fault's response and returns true when this request is affected by it. */
export function faultResponse(fault: DemoFault, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
	const tapGroup = pathname === tapPrefix || pathname.startsWith(`${tapPrefix}/`);
	if (!tapGroup || fault === 'none' || fault === 'unauthorized' || fault === 'garbage-frames' || fault === 'apiservice-forbidden') return false;
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
