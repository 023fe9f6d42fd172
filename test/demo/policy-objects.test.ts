// The policy world's objects at their real API paths, and the discovery a policy-aware client
// does first (spec §7.2): GET /apis groups, GET /apis/<group>/<version> APIResourceLists.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {readAll, request} from './helpers.js';

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({seed: 3, rolloutEveryMs: 0});
});
afterAll(async () => mesh.close());

async function get(path: string): Promise<{status: number; body: any}> {
	const raw = await request(mesh, 'GET', path);
	return {status: raw.res.statusCode ?? 0, body: JSON.parse(String(await readAll(raw.res)))};
}

describe('policy objects', () => {
	it('are discoverable: /apis lists the groups, each version lists its kinds', async () => {
		const apis = (await get('/apis')).body;
		const groups = Object.fromEntries(apis.groups.map((g: any) => [g.name, g.versions.map((v: any) => v.version)]));
		expect(groups).toMatchObject({'gateway.networking.k8s.io': ['v1'], 'policy.linkerd.io': ['v1beta3', 'v1alpha1'], 'linkerd.io': ['v1alpha2'], 'tap.linkerd.io': ['v1alpha1']});
		const gw = (await get('/apis/gateway.networking.k8s.io/v1')).body;
		expect(gw).toMatchObject({kind: 'APIResourceList', groupVersion: 'gateway.networking.k8s.io/v1'});
		expect(gw.resources.map((r: any) => r.kind)).toEqual(['HTTPRoute', 'GRPCRoute']);
		expect((await get('/apis/policy.linkerd.io/v1alpha1')).body.resources.map((r: any) => r.name)).toEqual(['authorizationpolicies', 'meshtlsauthentications', 'networkauthentications']);
		expect((await get('/apis/gateway.networking.k8s.io/v1beta1')).status).toBe(404);
	});

	it('list and get HTTPRoutes with the split and retries, GRPCRoutes, Servers, AuthorizationPolicies and the ServiceProfile', async () => {
		const routes = (await get('/apis/gateway.networking.k8s.io/v1/namespaces/booksapp/httproutes')).body;
		expect(routes.kind).toBe('HTTPRouteList');
		expect(routes.items.map((r: any) => r.metadata.name)).toEqual(['books-get', 'books-modify', 'books-split']);
		const split = (await get('/apis/gateway.networking.k8s.io/v1/namespaces/booksapp/httproutes/books-split')).body;
		expect(split.spec.parentRefs).toEqual([{group: 'core', kind: 'Service', name: 'books', port: 7002}]);
		expect(split.spec.rules[0].backendRefs.map((b: any) => [b.name, b.weight])).toEqual([['books', 80], ['books-v2', 20]]);
		expect(split.metadata.annotations).toEqual({'retry.linkerd.io/http': '5xx', 'retry.linkerd.io/limit': '2'});
		const grpc = (await get('/apis/gateway.networking.k8s.io/v1/grpcroutes')).body;
		expect(grpc.items.map((r: any) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['emojivoto/emoji-grpc', 'emojivoto/voting-grpc']);
		const server = (await get('/apis/policy.linkerd.io/v1beta3/namespaces/payments/servers/payments-api-http')).body;
		expect(server.spec).toMatchObject({podSelector: {matchLabels: {app: 'payments-api'}}, port: 'http', proxyProtocol: 'HTTP/1'});
		const policies = (await get('/apis/policy.linkerd.io/v1alpha1/namespaces/payments/authorizationpolicies')).body.items;
		expect(policies.map((p: any) => [p.metadata.name, p.spec.targetRef.name, p.spec.requiredAuthenticationRefs[0].kind])).toEqual([
			['payments-api-mesh', 'payments-api-http', 'MeshTLSAuthentication'], ['payments-api-pods', 'payments-api-http', 'NetworkAuthentication'],
		]);
		const profiles = (await get('/apis/linkerd.io/v1alpha2/serviceprofiles')).body.items;
		expect(profiles.map((p: any) => p.metadata.name)).toEqual(['voting-svc.emojivoto.svc.cluster.local']);
		expect(profiles[0].spec.routes.map((r: any) => r.name).sort()).toEqual(['Results', 'VoteDoughnut', 'VoteJoy', 'VotePoop']);
		expect((await get('/apis/policy.linkerd.io/v1beta3/namespaces/payments/servers/nope')).status).toBe(404);
	});
});
