// Every error shape of the tap path: the tap server's 200 + linkerd-error + framed ApiError,
// and the apiserver/tap-server JSON answers for each DemoFault.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {decodeApiError, readAll, request, simpleTap, splitFrames, tapBody, tapPath} from './helpers.js';

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({seed: 5, rolloutEveryMs: 0, windowMs: 20});
});
afterAll(async () => mesh.close());

async function tapError(path: string, body: Uint8Array): Promise<string> {
	const raw = await request(mesh, 'POST', path, body);
	expect(raw.res.statusCode).toBe(200);
	expect(raw.res.headers['linkerd-error']).toBe('Internal Server Error');
	expect(raw.res.headers['content-type']).toBe('application/octet-stream');
	const frames = splitFrames(await readAll(raw.res));
	expect(frames).toHaveLength(1);
	return decodeApiError(frames[0]!);
}

async function json(path: string, body: Uint8Array = simpleTap('emojivoto', 'deployment', 'web')): Promise<{status: number; body: unknown; type: string | undefined}> {
	const raw = await request(mesh, 'POST', path, body);
	return {status: raw.res.statusCode!, body: JSON.parse((await readAll(raw.res)).toString()), type: raw.res.headers['content-type']};
}

describe('tap server errors (200 + linkerd-error + ApiError)', () => {
	it('rejects a body that is not a TapByResourceRequest', async () => {
		const message = await tapError(tapPath('emojivoto', 'deployment', 'web'), Uint8Array.of(0x0a, 0x05, 0x01));
		expect(message).toMatch(/^Error decoding Tap Request proto: /);
	});

	it('rejects a body that names another resource than the URL', async () => {
		const message = await tapError(tapPath('emojivoto', 'deployment', 'web'), simpleTap('emojivoto', 'deployment', 'voting'));
		expect(message).toBe('tap request body did not match APIServer URL: /apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/voting/tap != /apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/web/tap');
	});

	it('rejects a missing match and an `any` match as Unimplemented', async () => {
		const path = tapPath('emojivoto', 'deployment', 'web');
		expect(await tapError(path, tapBody({target: {resource: {namespace: 'emojivoto', type: 'deployment', name: 'web'}}}))).toBe('unexpected match specified: <nil>');
		expect(await tapError(path, tapBody({target: {resource: {namespace: 'emojivoto', type: 'deployment', name: 'web'}}, match: {any: {}}}))).toBe('unexpected match specified: any:{}');
		const nested = tapBody({target: {resource: {namespace: 'emojivoto', type: 'deployment', name: 'web'}}, match: {all: {matches: [{not: {http: {path: '/x'}}}]}}});
		expect(await tapError(path, nested)).toMatch(/^unknown match type: /);
	});

	it('explains why there are no pods to tap', async () => {
		expect(await tapError(tapPath('linkerd', 'deployment', 'destination'), simpleTap('linkerd', 'deployment', 'destination'))).toMatch(
			/^no pods to tap for type="deployment" name="destination"\n1 pods found with tap not enabled:\n\t\* destination-[a-z0-9-]+\nrestart these pods to enable tap and make them valid tap targets\n$/,
		);
		expect(await tapError(tapPath('linkerd-viz', 'deployment', 'prometheus'), simpleTap('linkerd-viz', 'deployment', 'prometheus'))).toMatch(
			/^no pods to tap for type="deployment" name="prometheus"\n1 pods found with tap disabled via the viz.linkerd.io\/disable-tap annotation:\n\t\* prometheus-[a-z0-9-]+\nremove this annotation to make these pods valid tap targets\n$/,
		);
		// Unmeshed pods are not mentioned at all; a finished Job has no Running pods.
		expect(await tapError(tapPath('legacy', 'deployment', 'billing'), simpleTap('legacy', 'deployment', 'billing'))).toBe('no pods to tap for type="deployment" name="billing"\n');
		expect(await tapError(tapPath('payments', 'job', 'db-migrate'), simpleTap('payments', 'job', 'db-migrate'))).toBe('no pods to tap for type="job" name="db-migrate"\n');
	});

	it('reports a target that does not exist', async () => {
		expect(await tapError(tapPath('emojivoto', 'deployment', 'nope'), simpleTap('emojivoto', 'deployment', 'nope'))).toBe('deployment.apps "nope" not found');
	});
});

describe('faults', () => {
	it('unauthorized: 401 Status for everything', async () => {
		mesh.setFault('unauthorized');
		try {
			expect(await json(tapPath('emojivoto', 'deployment', 'web'))).toEqual({
				status: 401, type: 'application/json',
				body: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401},
			});
			const list = await request(mesh, 'GET', '/api/v1/namespaces');
			expect(list.res.statusCode).toBe(401);
		} finally {
			mesh.setFault('none');
		}
	});

	it('forbidden: 403 Status from RBAC for the tap resource only', async () => {
		mesh.setFault('forbidden');
		try {
			expect(await json(tapPath('emojivoto', 'deployment', 'web'))).toEqual({
				status: 403, type: 'application/json',
				body: {
					kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
					message: 'deployments.tap.linkerd.io "web" is forbidden: User "meshtop-demo-user" cannot watch resource "deployments/tap" in API group "tap.linkerd.io" in the namespace "emojivoto"',
					details: {name: 'web', group: 'tap.linkerd.io', kind: 'deployments'},
				},
			});
			expect((await request(mesh, 'GET', '/api/v1/namespaces')).res.statusCode).toBe(200);
		} finally {
			mesh.setFault('none');
		}
	});

	it('tap-forbidden: 403 JSON error from the tap server', async () => {
		mesh.setFault('tap-forbidden');
		try {
			expect(await json(tapPath('emojivoto', 'namespace', 'emojivoto'), simpleTap('', 'namespace', 'emojivoto'))).toEqual({
				status: 403, type: 'application/json',
				body: {error: 'tap authorization failed (not authorized to access namespaces.tap.linkerd.io), visit https://linkerd.io/tap-rbac for more information'},
			});
		} finally {
			mesh.setFault('none');
		}
	});

	it('no-viz: 404 Status for the tap group, and discovery no longer lists it', async () => {
		mesh.setFault('no-viz');
		try {
			expect(await json(tapPath('emojivoto', 'deployment', 'web'))).toEqual({
				status: 404, type: 'application/json',
				body: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404},
			});
			const groups = JSON.parse((await readAll((await request(mesh, 'GET', '/apis')).res)).toString()) as {groups: Array<{name: string}>};
			expect(groups.groups.map(g => g.name)).toEqual(['apps', 'batch', 'gateway.networking.k8s.io', 'policy.linkerd.io', 'linkerd.io']);
		} finally {
			mesh.setFault('none');
		}
	});

	it('unavailable: 503 Status for the tap group', async () => {
		mesh.setFault('unavailable');
		try {
			const answer = await json(tapPath('emojivoto', 'deployment', 'web'));
			expect(answer.status).toBe(503);
			expect(answer.body).toMatchObject({kind: 'Status', reason: 'ServiceUnavailable', code: 503});
		} finally {
			mesh.setFault('none');
		}
	});

	it('serves tap discovery when healthy', async () => {
		const list = JSON.parse((await readAll((await request(mesh, 'GET', '/apis/tap.linkerd.io/v1alpha1')).res)).toString());
		expect(list.groupVersion).toBe('tap.linkerd.io/v1alpha1');
		expect(list.resources.filter((r: {name: string}) => r.name.endsWith('/tap'))).toHaveLength(10);
		expect(list.resources.every((r: {kind: string; verbs: string[]}) => r.kind === 'Tap' && r.verbs.join() === 'watch')).toBe(true);
	});
});
