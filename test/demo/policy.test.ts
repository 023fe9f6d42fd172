// The demo's policy world in its tap traffic: inbound events carry the Server, route and
// AuthorizationPolicy the server's proxy applied (spec §8.1); node-agent, which payments-api's
// policies leave out, gets the proxy's synthetic denial (§8.3) and never shows up in the server's tap.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DemoCluster} from '../../source/demo/cluster.js';
import {inboundEvents, outboundEvents, type PbObject} from '../../source/demo/events.js';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {buildTopology, type Topology} from '../../source/demo/topology.js';
import {headersOf, type DemoRequest} from '../../source/demo/traffic.js';
import {collectFrames, decodeEvent, ipv4, request, simpleTap, tapPath, type PlainEvent} from './helpers.js';

const policyKeys = ['authz_group', 'authz_kind', 'authz_name', 'route_group', 'route_kind', 'route_name', 'srv_group', 'srv_kind', 'srv_name'];

function requests(topology: Topology, windows: number, keep: (r: DemoRequest) => boolean): DemoRequest[] {
	const cluster = new DemoCluster(topology, () => '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
	const out: DemoRequest[] = [];
	for (let w = 0; w < windows; w++) out.push(...cluster.windowRequests(w).filter(keep));
	return out;
}

const to = (name: string) => (r: DemoRequest): boolean => r.edge.server.kind === 'workload' && r.edge.server.name === name;
const from = (name: string) => (r: DemoRequest): boolean => r.edge.client.kind === 'workload' && r.edge.client.name === name;
const labelsOf = (event: PbObject, side: string): Record<string, string> => (event[side] as {labels: Record<string, string>}).labels;

describe('inbound policy labels (pure)', () => {
	const topology = buildTopology({seed: 1});
	const ctx = {topology, pods: new DemoCluster(topology, () => '', '').pods(), extractHeaders: false};

	it('carry exactly the nine srv_/route_/authz_ keys plus tls=loopback, from the policy', () => {
		const books = requests(topology, 6, to('books'));
		const seen = new Set<string>();
		for (const r of books) {
			const labels = labelsOf(inboundEvents(ctx, r, {base: 0, stream: 0})[0]!.event, 'destinationMeta');
			for (const key of policyKeys) expect(labels).toHaveProperty(key);
			expect(labels).toMatchObject({tls: 'loopback', srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'books-http', authz_kind: 'authorizationpolicy', authz_name: 'books-authn', route_group: 'gateway.networking.k8s.io', route_kind: 'HTTPRoute'});
			expect(labels['route_name']).toBe(['GET', 'HEAD'].includes(r.method) ? 'books-get' : 'books-modify');
			seen.add(labels['route_name']!);
		}
		expect([...seen].sort()).toEqual(['books-get', 'books-modify']);
	});

	it('uses the default server, route and policy where no Server selects the pod', () => {
		const [r] = requests(topology, 3, to('ledger'));
		const labels = labelsOf(inboundEvents(ctx, r!, {base: 0, stream: 0})[0]!.event, 'destinationMeta');
		expect(Object.fromEntries(policyKeys.map(k => [k, labels[k]]))).toEqual({
			authz_group: '', authz_kind: 'default', authz_name: 'all-unauthenticated',
			route_group: '', route_kind: 'default', route_name: 'default',
			srv_group: '', srv_kind: 'default', srv_name: 'all-unauthenticated',
		});
	});
});

describe('denials (pure)', () => {
	it('an HTTP caller gets 403 with content-length 0 and an empty body', () => {
		const topology = buildTopology({seed: 1});
		const denied = requests(topology, 20, from('node-agent'));
		expect(denied.length).toBeGreaterThan(0);
		const ctx = {topology, pods: [], extractHeaders: true};
		for (const r of denied) {
			expect(r).toMatchObject({denied: true, status: 403, grpcStatus: null, resetCode: null, responseBytes: 0});
			expect(headersOf(r).response).toEqual([['content-length', '0']]);
			const [, rsp, end] = outboundEvents(ctx, r, {base: 0, stream: 0}).map(e => e.event['http'] as Record<string, Record<string, unknown>>);
			expect(rsp!['responseInit']!['httpStatus']).toBe(403);
			expect(end!['responseEnd']!['responseBytes']).toBe(0);
			expect(end!['responseEnd']!['eos']).toBeUndefined();
		}
		// Everybody else still gets through.
		expect(requests(topology, 5, r => !from('node-agent')(r)).every(r => !r.denied)).toBe(true);
	});

	it('a gRPC caller with a mesh identity gets :status 200, trailers-only PermissionDenied and grpc-message', () => {
		const topology = buildTopology({seed: 1});
		// A Server on ledger whose only policy admits nobody: payments-api's calls are denied.
		topology.policy.servers.push({namespace: 'payments', name: 'ledger-grpc', workload: 'ledger', proxyProtocol: 'gRPC'});
		topology.policy.authorizations.push({namespace: 'payments', name: 'ledger-nobody', server: 'ledger-grpc', clients: {kind: 'mesh', authn: 'nobody', identities: ['nobody.nowhere']}});
		const denied = requests(topology, 5, to('ledger'));
		expect(denied.length).toBeGreaterThan(0);
		const ctx = {topology, pods: [], extractHeaders: true};
		for (const r of denied) {
			expect(r).toMatchObject({denied: true, status: 200, grpcStatus: 7, responseBytes: 0});
			const {response, trailers} = headersOf(r);
			expect(trailers).toEqual([]);
			expect(response.slice(0, 3)).toEqual([[':status', '200'], ['content-type', 'application/grpc'], ['grpc-status', '7']]);
			expect(response.find(([n]) => n === 'grpc-message')?.[1]).toMatch(/^client 10\.42\.\d+\.\d+:\d+: server: \[fd00:[0-9a-f:]+\]:5050: unauthorized request on route$/);
			expect(response.some(([n]) => n === 'l5d-proxy-error')).toBe(false);
			const end = outboundEvents(ctx, r, {base: 0, stream: 0})[2]!.event['http'] as Record<string, Record<string, unknown>>;
			expect(end['responseEnd']!['eos']).toEqual({grpcStatusCode: 7});
		}
	});
});

describe('denials on the wire', () => {
	let mesh: DemoMesh;
	beforeAll(async () => {
		mesh = await startDemoMesh({seed: 5, rolloutEveryMs: 0, windowMs: 20, eventsPerSecond: 600});
	});
	afterAll(async () => mesh.close());

	async function tap(namespace: string, type: string, name: string, enough: (events: PlainEvent[]) => boolean): Promise<PlainEvent[]> {
		const raw = await request(mesh, 'POST', tapPath(namespace, type, name), simpleTap(namespace, type, name, {maxRps: 10000}));
		expect(raw.res.statusCode).toBe(200);
		const events: PlainEvent[] = [];
		await collectFrames(raw, frames => {
			for (let i = events.length; i < frames.length; i++) events.push(decodeEvent(frames[i]!));
			return enough(events);
		});
		return events;
	}
	const nodeIps = new Set(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
	const kind = (e: PlainEvent): string => Object.keys(e.http)[0]!;

	it("show as 403s in the caller's outbound tap", async () => {
		const events = await tap('payments', 'daemonset', 'node-agent', e => e.filter(x => x.proxyDirection === 'OUTBOUND' && kind(x) === 'responseEnd').length >= 5);
		const rsp = events.filter(e => e.proxyDirection === 'OUTBOUND' && kind(e) === 'responseInit');
		expect(rsp.length).toBeGreaterThan(0);
		for (const e of rsp) expect(e.http['responseInit']!['httpStatus']).toBe(403);
		for (const e of events.filter(x => x.proxyDirection === 'OUTBOUND' && kind(x) === 'responseEnd')) expect(Number(e.http['responseEnd']!['responseBytes'] ?? 0)).toBe(0);
	});

	it("never appear in the server's inbound tap", async () => {
		const events = await tap('payments', 'deployment', 'payments-api', e => e.filter(x => x.proxyDirection === 'INBOUND' && kind(x) === 'requestInit').length >= 60);
		const inbound = events.filter(e => e.proxyDirection === 'INBOUND');
		expect(inbound.length).toBeGreaterThan(0);
		// node-agent runs on the host network: its requests would come from a node IP.
		expect(inbound.filter(e => nodeIps.has(ipv4(e.source.ip.ipv4 ?? 0)))).toEqual([]);
		for (const e of inbound) expect(e.destinationMeta.labels).toMatchObject({srv_name: 'payments-api-http', srv_kind: 'server'});
		expect(new Set(inbound.map(e => e.destinationMeta.labels!['authz_name']))).toEqual(new Set(['payments-api-mesh', 'payments-api-pods']));
	}, 60_000);
});
