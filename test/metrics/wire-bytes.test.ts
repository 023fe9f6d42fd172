// The hand-laid fixtures against protobufjs (through proto-loader, as grpc-js uses it) and
// against our client over a real gRPC connection whose server sends exactly these bytes.
import {Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation} from '@grpc/grpc-js';
import {KubeConfig} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {connectMetrics} from '../../source/metrics/client.js';
import {vizApi} from '../../source/metrics/proto.js';
import type {MetricsClient} from '../../source/model/metrics.js';
import {EDGES_RESPONSE, IDS, STAT_SUMMARY_RESPONSE} from './fixtures.js';

const def = vizApi().service;

const res = (name: string) => ({namespace: 'emojivoto', type: 'deployment', name});

const STAT_DECODED = {
	response: 'ok',
	ok: {
		stat_tables: [
			{
				table: 'pod_group',
				pod_group: {
					rows: [
						{
							resource: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
							time_window: '1m',
							meshed_pod_count: '1',
							running_pod_count: '2',
							failed_pod_count: '0',
							stats: {
								success_count: '300',
								failure_count: '6',
								latency_ms_p50: '12',
								latency_ms_p95: '48',
								latency_ms_p99: '95',
								actual_success_count: '0',
								actual_failure_count: '0',
							},
							errors_by_pod: {},
							tcp_stats: {open_connections: '3', read_bytes_total: '0', write_bytes_total: '0'},
							status: '',
							ts_stats: null,
							srv_stats: null,
						},
					],
				},
			},
		],
	},
};

const EDGES_DECODED = {
	response: 'ok',
	ok: {
		edges: [
			{src: res('web'), dst: res('emoji'), client_id: IDS.WEB_ID, server_id: IDS.EMOJI_ID, no_identity_msg: ''},
			{src: res('vote-bot'), dst: res('web'), client_id: '', server_id: '', no_identity_msg: 'Not Provided By Remote'},
		],
	},
};

describe('hand-made bytes decode as the spec says', () => {
	it('StatSummaryResponse', () => {
		expect(STAT_SUMMARY_RESPONSE.length).toBe(63);
		expect(def['StatSummary']!.responseDeserialize(STAT_SUMMARY_RESPONSE)).toEqual(STAT_DECODED);
	});
	it('EdgesResponse', () => {
		expect(EDGES_RESPONSE.length).toBe(283);
		expect(def['Edges']!.responseDeserialize(EDGES_RESPONSE)).toEqual(EDGES_DECODED);
	});
	it('encode to the very same bytes from objects without proto3 defaults', () => {
		const row = {
			resource: res('web'),
			time_window: '1m',
			meshed_pod_count: 1,
			running_pod_count: '2',
			stats: {success_count: 300, failure_count: 6, latency_ms_p50: 12, latency_ms_p95: 48, latency_ms_p99: 95},
			tcp_stats: {open_connections: 3},
		};
		const stat = {ok: {stat_tables: [{pod_group: {rows: [row]}}]}};
		expect(def['StatSummary']!.responseSerialize(stat).toString('hex')).toBe(STAT_SUMMARY_RESPONSE.toString('hex'));
		const edges = {
			ok: {
				edges: [
					{src: res('web'), dst: res('emoji'), client_id: IDS.WEB_ID, server_id: IDS.EMOJI_ID},
					{src: res('vote-bot'), dst: res('web'), no_identity_msg: 'Not Provided By Remote'},
				],
			},
		};
		expect(def['Edges']!.responseSerialize(edges).toString('hex')).toBe(EDGES_RESPONSE.toString('hex'));
	});
});

describe('our client maps the pinned bytes from a real gRPC server', () => {
	let server: Server;
	let client: MetricsClient;
	const requests: Record<string, string> = {};

	beforeAll(async () => {
		// Same service, but the server writes the fixture bytes verbatim and keeps the raw request.
		const raw: ServiceDefinition = {};
		for (const [method, fixture] of [
			['StatSummary', STAT_SUMMARY_RESPONSE],
			['Edges', EDGES_RESPONSE],
		] as const) {
			raw[method] = {
				...def[method]!,
				requestDeserialize: (buf: Buffer) => {
					requests[method] = buf.toString('hex');
					return {};
				},
				responseSerialize: () => fixture,
			};
		}
		const reply: UntypedServiceImplementation = {
			StatSummary: (_call: unknown, cb: (e: null, v: object) => void) => cb(null, {}),
			Edges: (_call: unknown, cb: (e: null, v: object) => void) => cb(null, {}),
		};
		server = new Server();
		server.addService(raw, reply);
		const port = await new Promise<number>((resolve, reject) =>
			server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
		);
		client = await connectMetrics({kubeConfig: new KubeConfig(), metricsAddr: `127.0.0.1:${port}`});
	});

	afterAll(() => {
		client?.close();
		server?.forceShutdown();
	});

	it('StatSummary → WorkloadStats, and the request bytes are as specified', async () => {
		const rows = await client.statSummary({namespace: 'emojivoto', type: 'deployment'});
		expect(rows).toEqual([
			{
				namespace: 'emojivoto',
				type: 'deployment',
				name: 'web',
				meshedPods: 1,
				runningPods: 2,
				failedPods: 0,
				hasData: true,
				successRate: 300 / 306,
				rps: 306 / 60,
				p50Ms: 12,
				p95Ms: 48,
				p99Ms: 95,
				tcpConnections: 3,
				timeWindow: '1m',
			},
		]);
		expect(requests['StatSummary']).toBe(
			[
				'0a 19', // selector (1, LEN 25)
				'0a 17', //   resource (1, LEN 23)
				'0a 09' + Buffer.from('emojivoto').toString('hex'),
				'12 0a' + Buffer.from('deployment').toString('hex'),
				'12 02' + Buffer.from('1m').toString('hex'), // time_window (2)
				'38 01', // tcp_stats (7) = true
			]
				.join('')
				.replace(/ /g, ''),
		);
	});

	it('Edges → MeshEdge with the secured rule', async () => {
		const edges = await client.edges({namespace: 'emojivoto'});
		expect(edges).toEqual([
			{
				srcNamespace: 'emojivoto',
				srcType: 'deployment',
				src: 'web',
				dstNamespace: 'emojivoto',
				dstType: 'deployment',
				dst: 'emoji',
				clientId: IDS.WEB_ID,
				serverId: IDS.EMOJI_ID,
				noIdentityMsg: '',
				secured: true,
			},
			{
				srcNamespace: 'emojivoto',
				srcType: 'deployment',
				src: 'vote-bot',
				dstNamespace: 'emojivoto',
				dstType: 'deployment',
				dst: 'web',
				clientId: '',
				serverId: '',
				noIdentityMsg: 'Not Provided By Remote',
				secured: false,
			},
		]);
		// selector{resource{namespace="emojivoto", type="deployment"}}
		expect(requests['Edges']).toBe('0a190a170a09' + Buffer.from('emojivoto').toString('hex') + '120a' + Buffer.from('deployment').toString('hex'));
	});
});
