// "May I …?" asked of the API server the way `kubectl auth can-i` asks it: by creating a
// SelfSubjectAccessReview. The review is evaluated and returned, never stored; creating one
// changes nothing in the cluster, so meshtop stays read-only. Under impersonation (--as) the
// "self" is the impersonated user, as with `kubectl auth can-i --as`.
import type {Cluster} from './http.js';
import {kubeJson, type JsonResponse} from './json-request.js';

export interface ResourceAttributes {
	group: string;
	resource: string;
	subresource?: string;
	verb: string;
	namespace?: string;
	name?: string;
}

export interface AccessReview {
	response: JsonResponse;
	/** status.allowed, when the review came back. */
	allowed?: boolean;
	reason?: string;
	evaluationError?: string;
}

export async function reviewAccess(cluster: Cluster, attributes: ResourceAttributes, timeoutMs: number): Promise<AccessReview> {
	const response = await kubeJson(cluster, {
		method: 'POST',
		path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
		body: {kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: {resourceAttributes: attributes}},
		timeoutMs,
	});
	if (response.status !== 201 && response.status !== 200) return {response};
	const status = (response.body as {status?: {allowed?: unknown; reason?: unknown; evaluationError?: unknown}} | undefined)?.status;
	return {
		response,
		allowed: status?.allowed === true,
		reason: typeof status?.reason === 'string' && status.reason !== '' ? status.reason : undefined,
		evaluationError: typeof status?.evaluationError === 'string' && status.evaluationError !== '' ? status.evaluationError : undefined,
	};
}
