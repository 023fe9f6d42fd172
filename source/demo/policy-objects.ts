// Kubernetes JSON for the demo's policy world: Gateway API HTTPRoutes and GRPCRoutes on
// Services and Servers, policy.linkerd.io Servers, AuthorizationPolicies and their
// MeshTLS/NetworkAuthentications, and linkerd.io ServiceProfiles (routes from the catalog's
// spRoute names). The resource names served under /apis are in kube-api.ts.
import type {KubeObject} from './kube-objects.js';
import {podUid} from './pods.js';
import type {RouteMatch} from './policy-types.js';
import type {Topology} from './topology-types.js';

export interface PolicyObject {
	resource: string;
	object: KubeObject;
}

function meta(topology: Topology, resource: string, namespace: string, name: string, createdAt: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
	return {name, namespace, uid: podUid(`${resource}/${namespace}/${name}`, topology.seed), creationTimestamp: createdAt, generation: 1, ...extra};
}

function httpMatches(matches: readonly RouteMatch[]): unknown[] {
	return matches.flatMap(m => (m.methods ?? [undefined]).map(method => ({
		...(m.pathPrefix !== undefined ? {path: {type: 'PathPrefix', value: m.pathPrefix}} : {}),
		...(method ? {method} : {}),
	})));
}

const accepted = (parentRef: unknown, createdAt: string): unknown => ({parents: [{
	parentRef, controllerName: 'linkerd.io/policy-controller',
	conditions: [
		{type: 'Accepted', status: 'True', reason: 'Accepted', message: '', lastTransitionTime: createdAt},
		{type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: '', lastTransitionTime: createdAt},
	],
}]});

export function policyObjects(topology: Topology, createdAt: string): PolicyObject[] {
	const p = topology.policy;
	const out: PolicyObject[] = [];
	for (const r of p.outboundRoutes) {
		const parentRef = {group: 'core', kind: 'Service', name: r.parent.service, port: r.parent.port};
		const backendRefs = (r.backends.length > 0 ? r.backends : [{service: r.parent.service, port: r.parent.port, weight: 1}])
			.map(b => ({group: '', kind: 'Service', name: b.service, port: b.port, ...(r.backends.length > 0 ? {weight: b.weight} : {})}));
		const annotations = r.retry ? {
			...(r.retry.http ? {'retry.linkerd.io/http': r.retry.http} : {}),
			...(r.retry.grpc ? {'retry.linkerd.io/grpc': r.retry.grpc.join(',')} : {}),
			'retry.linkerd.io/limit': String(r.retry.limit),
		} : undefined;
		const rules = r.kind === 'GRPCRoute'
			? [{matches: r.matches.map(m => ({method: {type: 'Exact', service: m.grpcService}})), backendRefs}]
			: [{matches: httpMatches(r.matches), backendRefs}];
		out.push({resource: r.kind === 'GRPCRoute' ? 'grpcroutes' : 'httproutes', object: {
			kind: r.kind, apiVersion: 'gateway.networking.k8s.io/v1',
			metadata: meta(topology, r.kind, r.namespace, r.name, createdAt, annotations ? {annotations} : {}),
			spec: {parentRefs: [parentRef], rules},
			status: accepted(parentRef, createdAt),
		}});
	}
	for (const r of p.inboundRoutes) {
		const parentRef = {group: 'policy.linkerd.io', kind: 'Server', name: r.server};
		out.push({resource: 'httproutes', object: {
			kind: 'HTTPRoute', apiVersion: 'gateway.networking.k8s.io/v1',
			metadata: meta(topology, 'HTTPRoute', r.namespace, r.name, createdAt),
			spec: {parentRefs: [parentRef], rules: [{matches: httpMatches(r.matches)}]},
			status: accepted(parentRef, createdAt),
		}});
	}
	for (const s of p.servers) {
		const workload = topology.workloads.find(w => w.namespace === s.namespace && w.name === s.workload);
		out.push({resource: 'servers', object: {
			kind: 'Server', apiVersion: 'policy.linkerd.io/v1beta3',
			metadata: meta(topology, 'Server', s.namespace, s.name, createdAt),
			spec: {podSelector: {matchLabels: {app: s.workload}}, port: workload?.protocol ?? 'http', proxyProtocol: s.proxyProtocol, accessPolicy: 'deny'},
		}});
	}
	const authns = new Map<string, PolicyObject>();
	for (const a of p.authorizations) {
		const c = a.clients;
		const authnKind = c.kind === 'mesh' ? 'MeshTLSAuthentication' : 'NetworkAuthentication';
		out.push({resource: 'authorizationpolicies', object: {
			kind: 'AuthorizationPolicy', apiVersion: 'policy.linkerd.io/v1alpha1',
			metadata: meta(topology, 'AuthorizationPolicy', a.namespace, a.name, createdAt),
			spec: {targetRef: {group: 'policy.linkerd.io', kind: 'Server', name: a.server}, requiredAuthenticationRefs: [{group: 'policy.linkerd.io', kind: authnKind, name: c.authn}]},
		}});
		const spec = c.kind === 'mesh'
			? {identities: c.identities.map(id => `${id}.serviceaccount.identity.${topology.linkerdNamespace}.${topology.trustDomain}`)}
			: {networks: c.cidrs.map(cidr => ({cidr}))};
		authns.set(`${a.namespace}/${c.authn}`, {
			resource: c.kind === 'mesh' ? 'meshtlsauthentications' : 'networkauthentications',
			object: {kind: authnKind, apiVersion: 'policy.linkerd.io/v1alpha1', metadata: meta(topology, authnKind, a.namespace, c.authn, createdAt), spec},
		});
	}
	out.push(...authns.values());
	for (const key of p.profiles) {
		const [namespace = '', service = ''] = key.split('/');
		const routes = topology.edges
			.filter(e => e.server.kind === 'workload' && topology.workloads.some(w => w.namespace === namespace && w.service === service && w.name === (e.server as {name: string}).name))
			.flatMap(e => e.routes.filter(r => r.spRoute).map(r => ({name: r.spRoute!, condition: {method: r.method, pathRegex: r.path.replace(/\{id\}/g, '[^/]*').replace(/\./g, '\\.')}})));
		const unique = [...new Map(routes.map(r => [r.name, r])).values()];
		out.push({resource: 'serviceprofiles', object: {
			kind: 'ServiceProfile', apiVersion: 'linkerd.io/v1alpha2',
			metadata: meta(topology, 'ServiceProfile', namespace, `${service}.${namespace}.svc.${topology.trustDomain}`, createdAt),
			spec: {routes: unique},
		}});
	}
	return out;
}
