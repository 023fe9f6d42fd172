// gRPC against the demo mesh's metrics-api stand-in, both directly (--metrics-addr) and through
// the demo apiserver's WebSocket port-forward, with numbers checked against the demo's stats.
import {KubeConfig} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {workloadStats} from '../../source/demo/stats.js';
import {connectMetrics, connectToPod} from '../../source/metrics/client.js';
import type {MetricsError} from '../../source/metrics/errors.js';
import type {MetricsClient, WorkloadStats} from '../../source/model/metrics.js';

let mesh: DemoMesh;
let kubeConfig: KubeConfig;
let direct: MetricsClient;
let forwarded: MetricsClient;
let metricsPod: string;

beforeAll(async () => {
	mesh = await startDemoMesh({rolloutEveryMs: 0});
	kubeConfig = new KubeConfig();
	kubeConfig.loadFromFile(mesh.kubeconfigPath);
	metricsPod = String((mesh.context.pods('linkerd-viz').find((p) => String(p.metadata?.name).startsWith('metrics-api-'))?.metadata as {name: string}).name);
	direct = await connectMetrics({kubeConfig, metricsAddr: `127.0.0.1:${mesh.context.metricsPort}`});
	forwarded = await connectToPod(kubeConfig, {namespace: 'linkerd-viz', pod: metricsPod});
});

afterAll(async () => {
	direct?.close();
	forwarded?.close();
	await mesh?.close();
});

/** What the client must make of the demo's numbers for one workload (spec §5). */
function expected(namespace: string, name: string, window = 60): Partial<WorkloadStats> {
	const w = workloadStats(mesh.topology, namespace, window).find((s) => s.name === name)!;
	const total = w.successCount + w.failureCount;
	return {
		meshedPods: w.meshedPodCount,
		runningPods: w.runningPodCount,
		hasData: true,
		successRate: w.successCount / total,
		rps: total / window,
		p50Ms: w.latencyMsP50,
		p95Ms: w.latencyMsP95,
		p99Ms: w.latencyMsP99,
		tcpConnections: w.tcpOpenConnections,
	};
}

describe.each([
	['--metrics-addr', () => direct],
	['port-forward', () => forwarded],
])('demo metrics-api via %s', (_label, client) => {
	it('StatSummary for emojivoto deployments', async () => {
		const rows = await client().statSummary({namespace: 'emojivoto', type: 'deployment'});
		expect(rows.map((r) => r.name).sort()).toEqual(['emoji', 'vote-bot', 'voting', 'web']);
		expect(rows.find((r) => r.name === 'web')).toMatchObject({namespace: 'emojivoto', type: 'deployment', timeWindow: '1m', ...expected('emojivoto', 'web')});
		expect(rows.find((r) => r.name === 'voting')).toMatchObject(expected('emojivoto', 'voting'));
		// Nobody calls vote-bot: a row without data.
		expect(rows.find((r) => r.name === 'vote-bot')).toMatchObject({meshedPods: 1, runningPods: 1, hasData: false, successRate: null, rps: null, tcpConnections: null});
	});

	it('StatSummary honours the window and the name', async () => {
		const rows = await client().statSummary({namespace: 'booksapp', type: 'deployment', name: 'books', timeWindow: '10m'});
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({name: 'books', timeWindow: '10m', ...expected('booksapp', 'books', 600)});
	});

	it('Edges with identities, and the unsecured ones', async () => {
		const emojivoto = await client().edges({namespace: 'emojivoto'});
		expect(emojivoto.map((e) => `${e.src}>${e.dst} ${e.secured}`).sort()).toEqual(['vote-bot>web true', 'web>emoji true', 'web>voting true']);
		expect(emojivoto.find((e) => e.src === 'vote-bot')).toEqual({
			srcNamespace: 'emojivoto',
			srcType: 'deployment',
			src: 'vote-bot',
			dstNamespace: 'emojivoto',
			dstType: 'deployment',
			dst: 'web',
			clientId: 'default.emojivoto.serviceaccount.identity.linkerd.cluster.local',
			serverId: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local',
			noIdentityMsg: '',
			secured: true,
		});
		const payments = await client().edges({namespace: 'payments'});
		const brief = payments.map((e) => [`${e.src}>${e.dstNamespace}/${e.dst}`, e.serverId, e.noIdentityMsg, e.secured]);
		// ingress_without_override gives no message but no server identity either: unsecured here,
		// although `linkerd viz edges` would print √.
		expect(brief).toContainEqual(['gateway>payments/payments-api', '', '', false]);
		expect(brief).toContainEqual(['payments-api>legacy/billing', '', 'Not Provided By Service Discovery', false]);
	});

	it('TopRoutes lists ServiceProfile routes plus [DEFAULT]', async () => {
		const routes = await client().topRoutes({namespace: 'emojivoto', type: 'deployment', name: 'voting'});
		expect(routes.map((r) => r.route)).toEqual(['Results', 'VoteDoughnut', 'VoteJoy', 'VotePoop', '[DEFAULT]']);
		expect(routes.find((r) => r.route === 'VoteDoughnut')).toMatchObject({resource: 'deployment/voting', authority: 'voting-svc', successRate: 0});
		// Every voting route has a profile entry: nothing is left for [DEFAULT].
		expect(routes.find((r) => r.route === '[DEFAULT]')).toMatchObject({successRate: null, rps: null});
		expect(await client().topRoutes({namespace: 'emojivoto', type: 'deployment', name: 'web'})).toEqual([]);
	});

	it('validation errors come back in-band; unknown types as UNIMPLEMENTED', async () => {
		const short = await client().statSummary({namespace: 'emojivoto', type: 'deployment', timeWindow: '5s'}).catch((e: MetricsError) => e);
		expect((short as MetricsError).kind).toBe('api');
		expect((short as MetricsError).message).toBe('metrics-api API response error: invalid time window: 5s is shorter than the Prometheus scrape interval 10s');
		const widget = await client().statSummary({namespace: 'emojivoto', type: 'widget'}).catch((e: MetricsError) => e);
		expect((widget as MetricsError).message).toBe('metrics-api error (UNIMPLEMENTED): unimplemented resource type: widget');
	});
});

describe('demo port-forward refusals', () => {
	it('a pod without a listener on 8085 answers on the error channel', async () => {
		const web = String(mesh.context.pods('linkerd-viz').map((p) => p.metadata?.name).find((n) => String(n).startsWith('web-')));
		const c = await connectToPod(kubeConfig, {namespace: 'linkerd-viz', pod: web});
		const err = (await c.edges({namespace: 'emojivoto'}).catch((e: MetricsError) => e)) as MetricsError;
		c.close();
		expect(err.kind).toBe('unavailable');
		expect(err.message).toMatch(new RegExp(`^Port-forward to linkerd-viz/${web}:8085 failed: error forwarding port 8085 to pod ${web}, uid [0-9a-f-]+: .*connection refused; check the metrics-api pod$`));
	});

	it('a missing pod is a 404', async () => {
		const c = await connectToPod(kubeConfig, {namespace: 'linkerd-viz', pod: 'metrics-api-gone'});
		const err = (await c.edges({namespace: 'emojivoto'}).catch((e: MetricsError) => e)) as MetricsError;
		c.close();
		expect(err.message).toBe('Port-forward to linkerd-viz/metrics-api-gone failed: pod metrics-api-gone not found (HTTP 404); check the metrics-api pod');
	});

	it('bad credentials are a 401 on the upgrade', async () => {
		const bad = new KubeConfig();
		bad.loadFromString(
			JSON.stringify({
				...JSON.parse(JSON.stringify(kubeConfig.exportConfig ? JSON.parse(kubeConfig.exportConfig()) : {})),
				users: [{name: kubeConfig.getCurrentUser()!.name, user: {token: 'wrong'}}],
			}),
		);
		const c = await connectToPod(bad, {namespace: 'linkerd-viz', pod: metricsPod});
		const err = (await c.statSummary({namespace: 'emojivoto', type: 'deployment'}).catch((e: MetricsError) => e)) as MetricsError;
		c.close();
		expect(err.kind).toBe('forbidden');
		expect(err.message).toContain('(HTTP 401)');
		expect(err.message).toContain('pods/portforward');
	});
});
