// The demo mesh's content: emojivoto and booksapp in their familiar shapes, the Linkerd
// control plane and viz extension, a payments namespace with every workload kind, and an
// unmeshed legacy namespace. Edge rps are nominal; buildTopology scales them.
import type {EdgeSpec, LatencySpec, NamespaceSpec, NodeSpec, PeerRef, RouteSpec, WorkloadSpec} from './topology-types.js';

type EdgeDraft = Omit<EdgeSpec, 'id'>;

const w = (namespace: string, name: string): PeerRef => ({kind: 'workload', namespace, name});
const ext = (ip: string, name: string): PeerRef => ({kind: 'external', ip, name});
const lat = (medianMs: number, sigma = 0.5, tailP = 0.01, tailFactor = 12): LatencySpec => ({medianMs, sigma, tailP, tailFactor});

function route(method: string, path: string, weight: number, successRate = 1, extra: Partial<RouteSpec> = {}): RouteSpec {
	return {method, path, weight, successRate, responseBytes: 512, ...extra};
}

function workload(namespace: string, name: string, kind: WorkloadSpec['kind'], replicas: number, port: number, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
	return {
		namespace, name, kind, replicas, port,
		meshed: true, serviceAccount: name, service: name, protocol: 'http', tapEnabled: true,
		...extra,
	};
}

function edge(client: PeerRef, server: PeerRef, rps: number, authority: string, port: number, routes: RouteSpec[], extra: Partial<EdgeDraft> = {}): EdgeDraft {
	return {
		client, server, rps, authority, port, routes,
		protocol: 'http', scheme: 'http', latency: lat(8), resetRate: 0.002, userAgent: 'Go-http-client/1.1',
		...extra,
	};
}

const grpc = (method: string, weight: number, successRate = 0.999, extra: Partial<RouteSpec> = {}): RouteSpec =>
	route('POST', method, weight, successRate, {responseBytes: 96, ...extra});

export function demoCatalog(): {nodes: NodeSpec[]; namespaces: NamespaceSpec[]; workloads: WorkloadSpec[]; edges: EdgeDraft[]} {
	const nodes: NodeSpec[] = [
		{name: 'demo-node-1', ip: '172.18.0.2', zone: 'zone-a'},
		{name: 'demo-node-2', ip: '172.18.0.3', zone: 'zone-a'},
		{name: 'demo-node-3', ip: '172.18.0.4', zone: 'zone-b'},
	];
	const ns = (name: string, injected: boolean, labels: Record<string, string> = {}): NamespaceSpec =>
		({name, injected, labels: {'kubernetes.io/metadata.name': name, ...labels}});
	const namespaces = [
		ns('booksapp', true),
		ns('emojivoto', true),
		ns('legacy', false),
		ns('linkerd', false, {'linkerd.io/is-control-plane': 'true', 'config.linkerd.io/admission-webhooks': 'disabled', 'linkerd.io/control-plane-ns': 'linkerd'}),
		ns('linkerd-viz', true, {'linkerd.io/extension': 'viz'}),
		ns('payments', true),
	];
	const grpcW = {protocol: 'grpc' as const};
	const workloads: WorkloadSpec[] = [
		workload('emojivoto', 'web', 'Deployment', 2, 8080, {service: 'web-svc'}),
		workload('emojivoto', 'emoji', 'Deployment', 2, 8080, {...grpcW, service: 'emoji-svc'}),
		workload('emojivoto', 'voting', 'Deployment', 2, 8080, {...grpcW, service: 'voting-svc'}),
		workload('emojivoto', 'vote-bot', 'Deployment', 1, 8080, {serviceAccount: 'default', service: undefined}),
		workload('booksapp', 'webapp', 'Deployment', 3, 7000),
		workload('booksapp', 'authors', 'Deployment', 1, 7001),
		// One books pod started before viz was installed: meshed, but not tap-enabled.
		workload('booksapp', 'books', 'Deployment', 2, 7002, {podsWithoutTap: 1}),
		workload('booksapp', 'traffic', 'Deployment', 1, 7003, {service: undefined}),
		// The tap injector skips the control plane, so none of these can be tapped.
		workload('linkerd', 'destination', 'Deployment', 1, 8086, {...grpcW, serviceAccount: 'linkerd-destination', service: 'linkerd-dst', tapEnabled: false}),
		workload('linkerd', 'identity', 'Deployment', 1, 8080, {...grpcW, serviceAccount: 'linkerd-identity', service: 'linkerd-identity', tapEnabled: false}),
		workload('linkerd', 'proxy-injector', 'Deployment', 1, 8443, {serviceAccount: 'linkerd-proxy-injector', service: 'linkerd-proxy-injector', tapEnabled: false}),
		workload('linkerd-viz', 'metrics-api', 'Deployment', 1, 8085, {...grpcW}),
		workload('linkerd-viz', 'tap', 'Deployment', 1, 8089),
		workload('linkerd-viz', 'tap-injector', 'Deployment', 1, 8443),
		workload('linkerd-viz', 'web', 'Deployment', 1, 8084),
		workload('linkerd-viz', 'prometheus', 'Deployment', 1, 9090, {disableTap: true}),
		workload('payments', 'gateway', 'Deployment', 1, 8080),
		workload('payments', 'payments-api', 'Deployment', 2, 8080),
		workload('payments', 'ledger', 'StatefulSet', 3, 5050, {...grpcW, ipv6: true}),
		workload('payments', 'node-agent', 'DaemonSet', 3, 9100, {hostNetwork: true, identityDisabled: true, service: undefined}),
		workload('payments', 'settlement-29412000', 'Job', 1, 8080, {cronJob: 'settlement', serviceAccount: 'settlement', service: undefined}),
		workload('payments', 'db-migrate', 'Job', 1, 8080, {completed: true, service: undefined}),
		workload('legacy', 'billing', 'Deployment', 2, 8080, {meshed: false, tapEnabled: false}),
		workload('legacy', 'old-frontend', 'Deployment', 1, 80, {meshed: false, tapEnabled: false, service: undefined}),
		// The canary behind books-split (policy-catalog.ts); last, so the other pods keep their IPs.
		workload('booksapp', 'books-v2', 'Deployment', 1, 7002),
	];
	return {nodes, namespaces, workloads, edges: demoEdges()};
}

const hostileAgent = 'curl/8.5.0 \u001b[2J\u001b[31mPWNED\u001b[0m';
const grpcAgent = 'grpc-go/1.62.1';

function demoEdges(): EdgeDraft[] {
	return [
		// emojivoto
		edge(w('emojivoto', 'vote-bot'), w('emojivoto', 'web'), 12, 'web-svc.emojivoto:80', 8080, [
			route('GET', '/api/list', 6),
			route('GET', '/api/vote', 4, 0.86),
			route('GET', '/api/leaderboard', 1),
		], {latency: lat(14, 0.6)}),
		edge(w('emojivoto', 'web'), w('emojivoto', 'emoji'), 14, 'emoji-svc.emojivoto:8080', 8080, [
			grpc('/emojivoto.v1.EmojiService/ListAll', 6),
			grpc('/emojivoto.v1.EmojiService/FindByShortcode', 4),
		], {protocol: 'grpc', latency: lat(2, 0.4), userAgent: grpcAgent}),
		edge(w('emojivoto', 'web'), w('emojivoto', 'voting'), 10, 'voting-svc.emojivoto:8080', 8080, [
			// The famous emojivoto bug: voting for the doughnut always fails.
			grpc('/emojivoto.v1.VotingService/VoteDoughnut', 1, 0, {spRoute: 'VoteDoughnut'}),
			grpc('/emojivoto.v1.VotingService/VoteJoy', 3, 0.999, {spRoute: 'VoteJoy'}),
			grpc('/emojivoto.v1.VotingService/VotePoop', 2, 0.999, {spRoute: 'VotePoop'}),
			grpc('/emojivoto.v1.VotingService/Results', 3, 0.985, {spRoute: 'Results'}),
		], {protocol: 'grpc', latency: lat(3, 0.5, 0.02, 20), userAgent: grpcAgent}),
		edge(ext('198.51.100.23', 'internet'), w('emojivoto', 'web'), 4, 'emoji.example.com', 8080, [
			route('GET', '/', 3),
			route('GET', '/js/app.js', 2),
			route('GET', '/api/list', 2),
			route('GET', '/\u202eexe.gnp/etalpmet', 0.2, 0.2),
		], {inboundSourceTls: {tls: 'no_tls_from_remote'}, hostile: true, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', latency: lat(20, 0.7)}),
		edge(w('legacy', 'old-frontend'), w('emojivoto', 'web'), 2, 'web-svc.emojivoto.svc.cluster.local', 8080, [
			route('GET', '/api/list', 1),
		], {inboundSourceTls: {tls: 'no_tls_from_remote'}, hostile: true, userAgent: hostileAgent}),
		// booksapp
		edge(w('booksapp', 'traffic'), w('booksapp', 'webapp'), 14, 'webapp:7000', 7000, [
			route('GET', '/', 4),
			route('GET', '/books/{id}', 4),
			route('POST', '/books', 1, 0.97),
			route('POST', '/books/{id}/edit', 1, 0.7),
			route('POST', '/books/{id}/delete', 0.5, 0.95),
			route('GET', '/authors/{id}', 2),
			route('POST', '/authors', 0.5, 0.96),
		], {latency: lat(28, 0.7, 0.02, 10), userAgent: 'python-requests/2.31.0', secrets: true}),
		// books-split sends 80% of webapp's books traffic here and 20% to books-v2 (last edge).
		edge(w('booksapp', 'webapp'), w('booksapp', 'books'), 12.8, 'books:7002', 7002, booksRoutes(0.58), {latency: lat(9, 0.6)}),
		edge(w('booksapp', 'webapp'), w('booksapp', 'authors'), 10, 'authors:7001', 7001, [
			route('GET', '/authors.json', 4, 1, {responseBytes: 2900}),
			route('GET', '/authors/{id}.json', 4),
			route('POST', '/authors.json', 1, 0.98),
		], {latency: lat(7, 0.5)}),
		edge(w('booksapp', 'books'), w('booksapp', 'authors'), 6, 'authors:7001', 7001, [
			route('HEAD', '/authors/{id}.json', 1, 0.5, {responseBytes: 0}),
		], {latency: lat(4, 0.4)}),
		// books-split applies to every client of books:7002: authors' calls split 80/20 too (last edge).
		edge(w('booksapp', 'authors'), w('booksapp', 'books'), 2.4, 'books:7002', 7002, authorsBooksRoutes()),
		edge(w('booksapp', 'books'), ext('203.0.113.17', 'covers.openlibrary.example'), 2, 'covers.openlibrary.example', 80, [
			route('GET', '/b/isbn/{id}-M.jpg', 1, 0.93, {responseBytes: 48000}),
		], {outboundDestinationTls: {tls: 'not_provided_by_service_discovery'}, latency: lat(120, 0.8, 0.03, 8), resetRate: 0.01}),
		// port_skipped: a scrape on a port the proxy was told to skip for identity.
		edge(w('linkerd-viz', 'prometheus'), w('booksapp', 'books'), 1, '10.42.7.3:7002', 7002, [
			route('GET', '/metrics', 1, 1, {responseBytes: 18000}),
		], {inboundSourceTls: {tls: 'port_skipped'}, userAgent: 'Prometheus/2.53.1'}),
		// Linkerd control plane and viz
		edge(ext('172.18.0.1', 'kube-apiserver'), w('linkerd', 'proxy-injector'), 0.5, 'linkerd-proxy-injector.linkerd.svc:443', 8443, [
			route('POST', '/', 1, 1, {responseBytes: 3400}),
		], {inboundSourceTls: {tls: 'passthru', sni: 'linkerd-proxy-injector.linkerd.svc'}, scheme: 'https', userAgent: 'kube-apiserver-admission'}),
		edge(w('linkerd-viz', 'web'), w('linkerd-viz', 'metrics-api'), 3, 'metrics-api.linkerd-viz.svc.cluster.local:8085', 8085, [
			grpc('/linkerd2.viz.Api/StatSummary', 3, 0.97),
			grpc('/linkerd2.viz.Api/Edges', 1),
			grpc('/linkerd2.viz.Api/ListPods', 1),
		], {protocol: 'grpc', latency: lat(35, 0.6, 0.03, 6), userAgent: grpcAgent}),
		edge(w('linkerd-viz', 'metrics-api'), w('linkerd-viz', 'prometheus'), 4, 'prometheus.linkerd-viz.svc.cluster.local:9090', 9090, [
			route('GET', '/api/v1/query', 1, 0.995, {responseBytes: 2600}),
		], {latency: lat(18, 0.8, 0.02, 10), userAgent: 'Prometheus/Go client'}),
		// payments
		edge(w('payments', 'gateway'), w('payments', 'payments-api'), 12, 'payments-api.payments.svc.cluster.local', 8080, [
			route('POST', '/v1/charges', 4, 0.985),
			route('GET', '/v1/charges/{id}', 5),
			route('POST', '/v1/refunds', 1, 0.97),
		], {outboundDestinationTls: {tls: 'ingress_without_override'}, inboundSourceTls: {tls: 'no_tls_from_remote'}, secrets: true, latency: lat(45, 0.7, 0.02, 15), userAgent: 'envoy'}),
		edge(w('payments', 'payments-api'), w('payments', 'ledger'), 14, 'ledger.payments.svc.cluster.local:5050', 5050, [
			grpc('/payments.ledger.v1.Ledger/Append', 3, 0.97),
			grpc('/payments.ledger.v1.Ledger/Balance', 4),
		], {protocol: 'grpc', latency: lat(6, 0.6, 0.02, 40), userAgent: grpcAgent}),
		edge(w('payments', 'payments-api'), ext('198.18.0.10', 'api.card-network.example'), 3, 'api.card-network.example', 80, [
			route('POST', '/v1/payment_intents', 1, 0.96),
		], {outboundDestinationTls: {tls: 'not_provided_by_service_discovery'}, latency: lat(210, 0.5, 0.02, 6), resetRate: 0.01, secrets: true}),
		edge(w('payments', 'payments-api'), w('legacy', 'billing'), 3, 'billing.legacy:8080', 8080, [
			route('POST', '/invoices', 1, 0.9),
		], {outboundDestinationTls: {tls: 'not_provided_by_service_discovery'}, latency: lat(60, 0.9)}),
		edge(w('legacy', 'billing'), w('payments', 'payments-api'), 4, 'payments-api.payments:8080', 8080, [
			route('GET', '/v1/customers/{id}', 3),
			route('POST', '/v1/invoices/{id}/pay', 1, 0.92),
		], {inboundSourceTls: {tls: 'no_tls_from_remote'}, secrets: true, userAgent: 'Java/1.8.0_402'}),
		edge(w('payments', 'settlement-29412000'), w('payments', 'payments-api'), 2, 'payments-api.payments:8080', 8080, [
			route('POST', '/internal/settle', 1, 0.99, {latency: lat(400, 0.5, 0.05, 4)}),
		], {secrets: true}),
		edge(w('payments', 'node-agent'), w('payments', 'payments-api'), 1.5, 'payments-api.payments:8080', 8080, [
			route('GET', '/healthz', 1, 1, {responseBytes: 2}),
		], {outboundDestinationTls: {tls: 'disabled'}, inboundSourceTls: {tls: 'no_tls_from_remote'}, userAgent: 'kube-probe/1.31'}),
		edge(w('linkerd-viz', 'prometheus'), w('payments', 'node-agent'), 1, '172.18.0.2:9100', 9100, [
			route('GET', '/metrics', 1, 1, {responseBytes: 9000}),
		], {inboundSourceTls: {tls: 'disabled'}, outboundDestinationTls: {tls: 'not_provided_by_service_discovery'}, userAgent: 'Prometheus/2.53.1'}),
		// Last, so the edges above keep their ids (and their traffic): books-split's 20% (see above).
		edge(w('booksapp', 'webapp'), w('booksapp', 'books-v2'), 3.2, 'books:7002', 7002, booksRoutes(0.9), {latency: lat(7, 0.5)}),
		edge(w('booksapp', 'authors'), w('booksapp', 'books-v2'), 0.6, 'books:7002', 7002, authorsBooksRoutes()),
	];
}

function authorsBooksRoutes(): RouteSpec[] {
	return [route('GET', '/books.json', 1, 1, {responseBytes: 4200})];
}

/** webapp's calls to books (v1's PUT fails 42% of the time; v2 mostly fixes it). */
function booksRoutes(putSuccess: number): RouteSpec[] {
	return [
		route('GET', '/books.json', 5, 1, {responseBytes: 4200}),
		route('GET', '/books/{id}.json', 5),
		route('POST', '/books.json', 1, 0.62),
		route('PUT', '/books/{id}.json', 1, putSuccess),
		route('DELETE', '/books/{id}.json', 0.5),
	];
}
