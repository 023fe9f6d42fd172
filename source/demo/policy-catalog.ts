// The demo mesh's policy world: Gateway API routes on Services (a split with retries on books,
// a GRPCRoute on emoji-svc), voting-svc still on a ServiceProfile (which hides its GRPCRoute,
// spec §7.1), Servers with AuthorizationPolicies for the apps, and payments-api's Server, whose
// policies leave out node-agent (no mesh identity, host network): its calls are denied.
import type {AuthorizationSpec, PolicySpec, ServerSpec} from './policy-types.js';
import type {WorkloadSpec} from './topology-types.js';

// Namespaces whose apps declare a Server per workload, each open to every network.
const openServerNamespaces = new Set(['booksapp', 'emojivoto', 'linkerd-viz']);

function openServers(workloads: readonly WorkloadSpec[]): {servers: ServerSpec[]; authorizations: AuthorizationSpec[]} {
	const mine = workloads.filter(w => w.meshed && openServerNamespaces.has(w.namespace));
	return {
		servers: mine.map(w => ({namespace: w.namespace, name: `${w.name}-${w.protocol}`, workload: w.name, proxyProtocol: w.protocol === 'grpc' ? 'gRPC' as const : 'HTTP/1' as const})),
		authorizations: mine.map(w => ({
			namespace: w.namespace, name: `${w.name}-authn`, server: `${w.name}-${w.protocol}`,
			clients: {kind: 'network' as const, authn: 'all-networks', cidrs: ['0.0.0.0/0', '::/0']},
		})),
	};
}

export function demoPolicy(workloads: readonly WorkloadSpec[]): PolicySpec {
	const open = openServers(workloads);
	const gw = 'gateway.networking.k8s.io' as const;
	return {
		outboundRoutes: [
			{kind: 'HTTPRoute', group: gw, namespace: 'emojivoto', name: 'web-api', parent: {service: 'web-svc', port: 8080}, matches: [{pathPrefix: '/api'}], backends: []},
			{kind: 'HTTPRoute', group: gw, namespace: 'emojivoto', name: 'web-root', parent: {service: 'web-svc', port: 8080}, matches: [{pathPrefix: '/'}], backends: []},
			{kind: 'GRPCRoute', group: gw, namespace: 'emojivoto', name: 'emoji-grpc', parent: {service: 'emoji-svc', port: 8080}, matches: [{grpcService: 'emojivoto.v1.EmojiService'}], backends: [], retry: {limit: 1, grpc: ['unavailable']}},
			// Hidden: voting-svc's ServiceProfile has routes, so clients never use this.
			{kind: 'GRPCRoute', group: gw, namespace: 'emojivoto', name: 'voting-grpc', parent: {service: 'voting-svc', port: 8080}, matches: [{grpcService: 'emojivoto.v1.VotingService'}], backends: []},
			{
				kind: 'HTTPRoute', group: gw, namespace: 'booksapp', name: 'books-split', parent: {service: 'books', port: 7002}, matches: [{pathPrefix: '/'}],
				backends: [{service: 'books', port: 7002, weight: 80}, {service: 'books-v2', port: 7002, weight: 20}],
				retry: {limit: 2, http: '5xx'},
			},
		],
		profiles: ['emojivoto/voting-svc'],
		servers: [
			...open.servers,
			{namespace: 'payments', name: 'payments-api-http', workload: 'payments-api', proxyProtocol: 'HTTP/1'},
		],
		inboundRoutes: [
			{namespace: 'booksapp', name: 'books-get', server: 'books-http', matches: [{methods: ['GET', 'HEAD']}]},
			{namespace: 'booksapp', name: 'books-modify', server: 'books-http', matches: [{methods: ['POST', 'PUT', 'DELETE']}]},
		],
		authorizations: [
			...open.authorizations,
			{namespace: 'payments', name: 'payments-api-mesh', server: 'payments-api-http', clients: {kind: 'mesh', authn: 'payments-workloads', identities: ['*.payments']}},
			{namespace: 'payments', name: 'payments-api-pods', server: 'payments-api-http', clients: {kind: 'network', authn: 'pod-network', cidrs: ['10.42.0.0/16']}},
		],
		defaultPolicy: 'all-unauthenticated',
	};
}
