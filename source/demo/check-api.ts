// What `meshtop check` asks the demo apiserver beyond lists and tap: the tap APIService object
// (with its Available condition) and SelfSubjectAccessReviews, in the real shapes. The faults
// show up here as they would in a cluster: no viz → no APIService; tap unavailable → Available
// False; RBAC faults → the review says no; apiservice-forbidden → reading APIServices is denied.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {DemoCluster} from './cluster.js';
import {demoUser, type DemoFault} from './faults.js';
import {sendJson, sendStatus} from './status.js';

export const apiServicePath = '/apis/apiregistration.k8s.io/v1/apiservices/v1alpha1.tap.linkerd.io';
export const accessReviewPath = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const vizNamespace = 'linkerd-viz';

function apiService(cluster: DemoCluster, fault: DemoFault, bootTime: string): unknown {
	const ip = (cluster.store.get('services', vizNamespace, 'tap') as {spec?: {clusterIP?: string}} | undefined)?.spec?.clusterIP ?? '10.96.0.99';
	const url = `https://${ip}:443/apis/tap.linkerd.io/v1alpha1`;
	const condition = fault === 'unavailable'
		? {type: 'Available', status: 'False', lastTransitionTime: bootTime, reason: 'FailedDiscoveryCheck', message: `failing or missing response from ${url}: bad status from ${url}: 503`}
		: {type: 'Available', status: 'True', lastTransitionTime: bootTime, reason: 'Passed', message: 'all checks passed'};
	return {
		kind: 'APIService', apiVersion: 'apiregistration.k8s.io/v1',
		metadata: {
			name: 'v1alpha1.tap.linkerd.io', uid: '5b0a3c1e-6f0d-4d0e-9c4e-2f7b8e1d9a01', resourceVersion: '812', creationTimestamp: bootTime,
			labels: {'linkerd.io/extension': 'viz', component: 'tap'},
		},
		spec: {service: {namespace: vizNamespace, name: 'tap', port: 443}, group: 'tap.linkerd.io', version: 'v1alpha1', groupPriorityMinimum: 1000, versionPriority: 100},
		status: {conditions: [condition]},
	};
}

interface ReviewSpec {
	resourceAttributes?: {group?: string; resource?: string; subresource?: string; verb?: string; namespace?: string; name?: string};
	nonResourceAttributes?: {path?: string; verb?: string};
}

function review(fault: DemoFault, spec: ReviewSpec, user: string): {allowed: boolean; reason?: string} {
	const attributes = spec.resourceAttributes;
	const tap = attributes?.group === 'tap.linkerd.io';
	// RBAC's answer when no rule matches carries no reason; a binding to a deleted role does.
	if (tap && fault === 'forbidden') return {allowed: false};
	if (tap && fault === 'tap-forbidden') return {allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "linkerd-linkerd-viz-tap-admin" not found'};
	return {allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "meshtop-demo-admin" of ClusterRole "cluster-admin" to User "${user}"`};
}

const bodyLimit = 1 << 20;

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > bodyLimit) throw new Error('request body too large');
		chunks.push(chunk);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

async function handleReview(req: IncomingMessage, res: ServerResponse, fault: DemoFault): Promise<void> {
	let body: {kind?: unknown; apiVersion?: unknown; spec?: ReviewSpec};
	try {
		body = (await readJson(req)) as typeof body;
	} catch (error) {
		return sendStatus(res, 400, 'BadRequest', `the object provided is unrecognized: ${(error as Error).message}`);
	}
	if (body?.kind !== 'SelfSubjectAccessReview' || body.apiVersion !== 'authorization.k8s.io/v1') {
		return sendStatus(res, 400, 'BadRequest', `the API version in the data (${String(body?.apiVersion)}) does not match the expected API version (authorization.k8s.io/v1)`);
	}
	const spec = body.spec ?? {};
	if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
		return sendStatus(res, 422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
	}
	// Under impersonation the reviewed "self" is the impersonated user.
	const user = req.headersDistinct['impersonate-user']?.[0] ?? demoUser;
	sendJson(res, {
		kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1',
		metadata: {creationTimestamp: null},
		spec,
		status: review(fault, spec, user),
	}, 201);
}

/** Answers the check endpoints; false when the request is for something else. */
export function handleCheckApi(cluster: DemoCluster, req: IncomingMessage, res: ServerResponse, pathname: string, fault: DemoFault, bootTime: string): boolean {
	if (pathname === apiServicePath && req.method === 'GET') {
		if (fault === 'no-viz') {
			sendStatus(res, 404, 'NotFound', 'apiservices.apiregistration.k8s.io "v1alpha1.tap.linkerd.io" not found', {name: 'v1alpha1.tap.linkerd.io', group: 'apiregistration.k8s.io', kind: 'apiservices'});
		} else if (fault === 'apiservice-forbidden') {
			sendStatus(res, 403, 'Forbidden',
				`apiservices.apiregistration.k8s.io "v1alpha1.tap.linkerd.io" is forbidden: User "${demoUser}" cannot get resource "apiservices" in API group "apiregistration.k8s.io" at the cluster scope`,
				{name: 'v1alpha1.tap.linkerd.io', group: 'apiregistration.k8s.io', kind: 'apiservices'});
		} else {
			sendJson(res, apiService(cluster, fault, bootTime));
		}
		return true;
	}
	if (pathname === accessReviewPath && req.method === 'POST') {
		handleReview(req, res, fault).catch(() => res.destroy());
		return true;
	}
	return false;
}
