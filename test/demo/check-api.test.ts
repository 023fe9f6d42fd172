// The demo apiserver answers what `meshtop check` asks, in the real shapes: the tap APIService
// with its Available condition, and SelfSubjectAccessReviews, each fault showing as it would.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {accessReviewPath, apiServicePath} from '../../source/demo/check-api.js';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {readAll, request} from './helpers.js';

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({seed: 3, rolloutEveryMs: 0});
});
afterAll(async () => mesh.close());

async function get(path: string): Promise<{status: number; body: any}> {
	const raw = await request(mesh, 'GET', path);
	return {status: raw.res.statusCode!, body: JSON.parse((await readAll(raw.res)).toString())};
}

const tapReview = {
	kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1',
	spec: {resourceAttributes: {group: 'tap.linkerd.io', resource: 'deployments', subresource: 'tap', verb: 'watch', namespace: 'emojivoto'}},
};

async function post(body: unknown): Promise<{status: number; body: any}> {
	const raw = await request(mesh, 'POST', accessReviewPath, new TextEncoder().encode(JSON.stringify(body)));
	return {status: raw.res.statusCode!, body: JSON.parse((await readAll(raw.res)).toString())};
}

async function withFault<T>(fault: Parameters<DemoMesh['setFault']>[0], run: () => Promise<T>): Promise<T> {
	mesh.setFault(fault);
	try {
		return await run();
	} finally {
		mesh.setFault('none');
	}
}

describe('the tap APIService', () => {
	it('is served with Available=True and the viz service it fronts', async () => {
		const {status, body} = await get(apiServicePath);
		expect(status).toBe(200);
		expect(body).toMatchObject({
			kind: 'APIService', apiVersion: 'apiregistration.k8s.io/v1', metadata: {name: 'v1alpha1.tap.linkerd.io'},
			spec: {service: {namespace: 'linkerd-viz', name: 'tap', port: 443}, group: 'tap.linkerd.io', version: 'v1alpha1'},
			status: {conditions: [{type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed'}]},
		});
	});

	it('unavailable: Available=False with the aggregator discovery failure', async () => {
		const {body} = await withFault('unavailable', () => get(apiServicePath));
		expect(body.status.conditions[0]).toMatchObject({type: 'Available', status: 'False', reason: 'FailedDiscoveryCheck'});
		expect(body.status.conditions[0].message).toMatch(/^failing or missing response from https:\/\/10\.96\.\d+\.\d+:443\/apis\/tap\.linkerd\.io\/v1alpha1: bad status from .*: 503$/);
	});

	it('no-viz: 404; apiservice-forbidden: 403 Status', async () => {
		const missing = await withFault('no-viz', () => get(apiServicePath));
		expect(missing).toMatchObject({status: 404, body: {kind: 'Status', reason: 'NotFound', message: 'apiservices.apiregistration.k8s.io "v1alpha1.tap.linkerd.io" not found'}});
		const denied = await withFault('apiservice-forbidden', () => get(apiServicePath));
		expect(denied).toMatchObject({status: 403, body: {kind: 'Status', reason: 'Forbidden', code: 403}});
		expect(denied.body.message).toContain('cannot get resource "apiservices" in API group "apiregistration.k8s.io" at the cluster scope');
	});
});

describe('SelfSubjectAccessReview', () => {
	it('is created (201), echoes the spec and allows the demo user', async () => {
		const {status, body} = await post(tapReview);
		expect(status).toBe(201);
		expect(body).toMatchObject({kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: tapReview.spec, status: {allowed: true}});
		expect(body.status.reason).toContain('to User "meshtop-demo-user"');
	});

	it('forbidden: denied without a reason (RBAC found no rule); tap-forbidden: denied with one', async () => {
		expect((await withFault('forbidden', () => post(tapReview))).body.status).toEqual({allowed: false});
		expect((await withFault('tap-forbidden', () => post(tapReview))).body.status).toEqual({
			allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "linkerd-linkerd-viz-tap-admin" not found',
		});
		// RBAC faults are about tap only.
		const pods = {...tapReview, spec: {resourceAttributes: {resource: 'pods', verb: 'list', namespace: 'emojivoto'}}};
		expect((await withFault('forbidden', () => post(pods))).body.status.allowed).toBe(true);
	});

	it('rejects a body that is not a review', async () => {
		expect((await post({kind: 'Pod', apiVersion: 'v1'})).status).toBe(400);
		expect((await post({...tapReview, spec: {}})).status).toBe(422);
		const raw = await request(mesh, 'POST', accessReviewPath, new TextEncoder().encode('{not json'));
		expect(raw.res.statusCode).toBe(400);
		await readAll(raw.res);
	});
});
