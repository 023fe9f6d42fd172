// The Authz RPC from hand-laid bytes (route-metrics spec §6.1, written field by field, not by an
// encoder): protobufjs decodes them as the spec says, and our client, talking to a real gRPC
// server that sends exactly these bytes, maps them to AuthzRows, denial row included.
import {Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation} from '@grpc/grpc-js';
import {KubeConfig} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connectMetrics} from '../../source/metrics/client.js';
import {MetricsError} from '../../source/metrics/errors.js';
import {vizApi} from '../../source/metrics/proto.js';
import type {MetricsClient} from '../../source/model/metrics.js';
import {startStub} from './grpc-stub.js';

const h = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const s = (text: string) => Buffer.from(text, 'utf8');

// Resource{namespace="emojivoto", type="deployment", name="web"}: 11 + 12 + 5 = 28 bytes.
const WEB = [h('0a 09'), s('emojivoto'), h('12 0a'), s('deployment'), h('1a 03'), s('web')];

// srv=3 Resource{type="server", name="web-http"}: (2+6) + (2+8) = 18 bytes; namespace is empty.
const SRV = [h('1a 12'), h('12 06'), s('server'), h('1a 08'), s('web-http')];
// route=4 Resource{type="HTTPRoute", name="web-get"}: (2+9) + (2+7) = 20 bytes.
const ROUTE = [h('22 14'), h('12 09'), s('HTTPRoute'), h('1a 07'), s('web-get')];

export const AUTHZ_RESPONSE = Buffer.concat([
	h('0a d4 01'), // AuthzResponse.ok (1, LEN 212)
	h('0a d1 01'), //   Ok.stat_table (1, LEN 209)
	h('0a ce 01'), //     StatTable.pod_group (1, LEN 206)
	h('0a 7c'), //          PodGroup.rows[0] (1, LEN 124): the allowed row
	h('0a 1c'), //            Row.resource (1, LEN 28), the request's echo
	...WEB,
	h('2a 0b'), //            Row.stats (5, LEN 11)
	h('08 ac 02'), //           success_count (1) = 300
	h('10 06'), //              failure_count (2) = 6
	h('18 02'), //              latency_ms_p50 (3) = 2
	h('20 09'), //              latency_ms_p95 (4) = 9
	h('28 0a'), //              latency_ms_p99 (5) = 10
	h('5a 4f'), //            Row.srv_stats (11, LEN 79)
	h('08 b2 02'), //           allowed_count (1) = 306; denied_count (2) = 0 is left out
	...SRV, //                  srv (3, LEN 18)
	...ROUTE, //                route (4, LEN 20)
	h('2a 20'), //              authz (5, LEN 32)
	h('12 13'), s('authorizationpolicy'), // type (2, LEN 19)
	h('1a 09'), s('web-authn'), //          name (3, LEN 9)
	h('0a 4e'), //          PodGroup.rows[1] (1, LEN 78): the denials, with no authz
	h('0a 1c'), //            Row.resource (1, LEN 28)
	...WEB,
	h('2a 00'), //            Row.stats (5, LEN 0): present, all zero
	h('5a 2c'), //            Row.srv_stats (11, LEN 44)
	h('10 1e'), //              denied_count (2) = 30
	...SRV, //                  srv (3, LEN 18)
	...ROUTE, //                route (4, LEN 20)
]);

const NO_PROM = 'No prometheus instance to connect'; // 33 bytes
export const AUTHZ_ERROR = Buffer.concat([
	h('12 41'), // AuthzResponse.error (2, LEN 65)
	h('0a 1c'), //  ResourceError.resource (1, LEN 28)
	...WEB,
	h('12 21'), s(NO_PROM), // ResourceError.error (2, LEN 33)
]);

const def = vizApi().service;
const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};
const zeroStats = {success_count: '0', failure_count: '0', latency_ms_p50: '0', latency_ms_p95: '0', latency_ms_p99: '0', actual_success_count: '0', actual_failure_count: '0'};

describe('AuthzResponse bytes decode as the spec says', () => {
	it('ok: two rows, the second a denial with no authz', () => {
		expect(AUTHZ_RESPONSE.length).toBe(215);
		const decoded = def['Authz']!.responseDeserialize(AUTHZ_RESPONSE) as any;
		expect(decoded.response).toBe('ok');
		const rows = decoded.ok.stat_table.pod_group.rows;
		expect(rows).toHaveLength(2);
		expect(rows[0].resource).toEqual(web);
		expect(rows[0].stats).toEqual({...zeroStats, success_count: '300', failure_count: '6', latency_ms_p50: '2', latency_ms_p95: '9', latency_ms_p99: '10'});
		expect(rows[0].srv_stats).toEqual({
			allowed_count: '306',
			denied_count: '0',
			srv: {namespace: '', type: 'server', name: 'web-http'},
			route: {namespace: '', type: 'HTTPRoute', name: 'web-get'},
			authz: {namespace: '', type: 'authorizationpolicy', name: 'web-authn'},
		});
		expect(rows[1].stats).toEqual(zeroStats);
		expect(rows[1].srv_stats.denied_count).toBe('30');
		expect(rows[1].srv_stats.authz).toBeNull();
	});

	it('error: a ResourceError', () => {
		expect(AUTHZ_ERROR.length).toBe(67);
		expect(def['Authz']!.responseDeserialize(AUTHZ_ERROR)).toEqual({response: 'error', error: {resource: web, error: NO_PROM}});
	});
});

describe('our client maps the pinned Authz bytes from a real gRPC server', () => {
	let server: Server;
	let client: MetricsClient;
	let reply = AUTHZ_RESPONSE;
	let request = '';

	beforeAll(async () => {
		const raw: ServiceDefinition = {
			Authz: {
				...def['Authz']!,
				requestDeserialize: (buf: Buffer) => {
					request = buf.toString('hex');
					return {};
				},
				responseSerialize: () => reply,
			},
		};
		const impl: UntypedServiceImplementation = {Authz: (_call: unknown, cb: (e: null, v: object) => void) => cb(null, {})};
		server = new Server();
		server.addService(raw, impl);
		const port = await new Promise<number>((resolve, reject) =>
			server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
		);
		client = await connectMetrics({kubeConfig: new KubeConfig(), metricsAddr: `127.0.0.1:${port}`});
	});

	afterAll(() => {
		client?.close();
		server?.forceShutdown();
	});

	it('AuthzRequest is a bare Resource and the window; rows map field by field', async () => {
		reply = AUTHZ_RESPONSE;
		const rows = await client.authz({namespace: 'emojivoto', type: 'deployment', name: 'web', timeWindow: '1m'});
		// resource (1, LEN 28) then time_window (2) = "1m": no ResourceSelection, no selector.
		expect(request).toBe(Buffer.concat([h('0a 1c'), ...WEB, h('12 02'), s('1m')]).toString('hex'));
		const srv = {kind: 'server', name: 'web-http'};
		const route = {kind: 'HTTPRoute', name: 'web-get'};
		expect(rows).toEqual([
			{server: srv, route, authz: {kind: 'authorizationpolicy', name: 'web-authn'}, allowed: 306, denied: 0, success: 300, failure: 6, p50Ms: 2, p95Ms: 9, p99Ms: 10},
			{server: srv, route, authz: {kind: '', name: ''}, allowed: 0, denied: 30, success: 0, failure: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0},
		]);
	});

	it('a ResourceError rejects with its text alone', async () => {
		reply = AUTHZ_ERROR;
		const err = await client.authz({namespace: 'emojivoto', type: 'deployment', name: 'web'}).then(
			() => null,
			(e: unknown) => e,
		);
		expect(err).toBeInstanceOf(MetricsError);
		expect((err as MetricsError).kind).toBe('no-prometheus');
		expect((err as MetricsError).message).toBe(NO_PROM);
	});
});

describe('Authz errors in one line', () => {
	it('a multi-line query error with terminal controls comes out as one safe line', async () => {
		const q = 'sum(increase(inbound_http_authz_deny_total{deployment="web"}[1m])) by (route_kind)';
		const stub = await startStub({Authz: () => ({ok: {error: {error: `Query failed: "${q}":\n  bad_data: \u001b[31mboom`}}})});
		const c = await connectMetrics({kubeConfig: new KubeConfig(), metricsAddr: `127.0.0.1:${stub.port}`});
		try {
			const err = (await c.authz({namespace: 'x', type: 'deployment'}).catch((e: unknown) => e)) as MetricsError;
			expect(err.kind).toBe('api');
			expect(err.message).not.toMatch(/[\n\u001b]/);
			expect(err.message).toContain(`Query failed: "${q}": bad_data:`);
			expect(stub.requests[0]!.request).toMatchObject({resource: {namespace: 'x', type: 'deployment', name: ''}, time_window: '1m'});
		} finally {
			c.close();
			stub.close();
		}
	});
});
