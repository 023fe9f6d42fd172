// Each failure the issue lists, provoked for real: a kube API without the viz label, without a
// Ready metrics-api pod, refusing the port-forward upgrade; a gRPC server that never answers;
// one without Prometheus; in-band ResourceErrors.
import {status} from '@grpc/grpc-js';
import {KubeConfig} from '@kubernetes/client-node';
import {afterEach, describe, expect, it} from 'vitest';
import {connectMetrics} from '../../source/metrics/client.js';
import {MetricsError} from '../../source/metrics/errors.js';
import type {MetricsClient} from '../../source/model/metrics.js';
import {startStub, type Stub} from './grpc-stub.js';
import {METRICS_POD_LABELS, startHarness, VIZ_NAMESPACE, type Harness} from './kube-harness.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(...args: Parameters<typeof startHarness>): Promise<Harness> {
	const h = await startHarness(...args);
	cleanups.push(() => h.close());
	return h;
}

async function stub(...args: Parameters<typeof startStub>): Promise<Stub> {
	const s = await startStub(...args);
	cleanups.push(() => s.close());
	return s;
}

async function client(opts: Parameters<typeof connectMetrics>[0]): Promise<MetricsClient> {
	const c = await connectMetrics(opts);
	cleanups.push(() => c.close());
	return c;
}

async function failure(p: Promise<unknown>): Promise<MetricsError> {
	const err = await p.then(
		() => {
			throw new Error('expected a failure');
		},
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(MetricsError);
	return err as MetricsError;
}

const refuse = () => ({kind: 'refuse', status: 500, reason: 'InternalError', message: 'unused'}) as const;

describe('discovery failures', () => {
	it('viz not installed: no namespace labelled linkerd.io/extension=viz', async () => {
		const h = await harness({
			namespaces: [{name: 'default'}, {name: 'linkerd-multicluster', labels: {'linkerd.io/extension': 'multicluster'}}],
			pods: {},
			portForward: refuse,
		});
		const err = await failure(connectMetrics({kubeConfig: h.kubeConfig}));
		expect(err.kind).toBe('viz-not-installed');
		expect(err.message).toBe(
			'Linkerd viz is not installed (no namespace labelled linkerd.io/extension=viz); install it with `linkerd viz install | kubectl apply -f -` or pass --viz-namespace',
		);
		expect(h.log).toEqual(['/api/v1/namespaces?labelSelector=linkerd.io%2Fextension']);
	});

	it('no Running and Ready metrics-api pod', async () => {
		const h = await harness({
			namespaces: [VIZ_NAMESPACE],
			pods: {
				'linkerd-viz': [
					{name: 'metrics-api-1', labels: METRICS_POD_LABELS, phase: 'Pending', ready: false},
					{name: 'metrics-api-2', labels: METRICS_POD_LABELS, phase: 'Running', ready: false},
					{name: 'tap-1', labels: {'linkerd.io/extension': 'viz', component: 'tap'}},
				],
			},
			portForward: refuse,
		});
		const err = await failure(connectMetrics({kubeConfig: h.kubeConfig}));
		expect(err.kind).toBe('no-metrics-pod');
		expect(err.message).toBe(
			'No Running and Ready metrics-api pod in namespace linkerd-viz (selector linkerd.io/extension=viz,component=metrics-api); check `kubectl -n linkerd-viz get pods` or `linkerd viz check`',
		);
	});

	it('--viz-namespace skips the namespace lookup', async () => {
		const h = await harness({namespaces: [], pods: {}, portForward: refuse});
		const err = await failure(connectMetrics({kubeConfig: h.kubeConfig, vizNamespace: 'viz-custom'}));
		expect(err.kind).toBe('no-metrics-pod');
		expect(h.log).toEqual(['/api/v1/namespaces/viz-custom/pods?labelSelector=linkerd.io%2Fextension%3Dviz%2Ccomponent%3Dmetrics-api']);
	});
});

describe('port-forward failures', () => {
	const pods = {'linkerd-viz': [{name: 'metrics-api-7d9c6-abcde', labels: METRICS_POD_LABELS}]};

	it('forbidden: 403 on the upgrade names pods/portforward and the can-i command', async () => {
		const h = await harness({
			namespaces: [VIZ_NAMESPACE],
			pods,
			portForward: () => ({
				kind: 'refuse',
				status: 403,
				reason: 'Forbidden',
				message: 'pods "metrics-api-7d9c6-abcde" is forbidden: User "dev" cannot create resource "pods/portforward"',
			}),
		});
		const c = await client({kubeConfig: h.kubeConfig});
		expect(c.via).toBe('port-forward linkerd-viz/metrics-api-7d9c6-abcde');
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'deployment'}));
		expect(err.kind).toBe('forbidden');
		expect(err.message).toBe(
			'Port-forward to linkerd-viz/metrics-api-7d9c6-abcde denied (HTTP 403): you may not create/get pods/portforward in linkerd-viz; check with `kubectl auth can-i create pods/portforward -n linkerd-viz` or pass --metrics-addr',
		);
		expect(h.log.at(-1)).toBe('/api/v1/namespaces/linkerd-viz/pods/metrics-api-7d9c6-abcde/portforward?ports=8085');
	});

	it('nothing listening on the port: the kubelet error-channel text comes through', async () => {
		const h = await harness({
			namespaces: [VIZ_NAMESPACE],
			pods,
			portForward: (_ns, pod, port) => ({kind: 'forward', pod, uid: 'uid-1', port, target: null}),
		});
		const c = await client({kubeConfig: h.kubeConfig});
		const err = await failure(c.edges({namespace: 'emojivoto'}));
		expect(err.kind).toBe('unavailable');
		expect(err.message).toBe(
			'Port-forward to linkerd-viz/metrics-api-7d9c6-abcde:8085 failed: error forwarding port 8085 to pod metrics-api-7d9c6-abcde, uid uid-1: failed to connect to localhost:8085 inside the pod network namespace: dial tcp4 127.0.0.1:8085: connect: connection refused; check the metrics-api pod',
		);
	});

	it('after a failure the next call rediscovers the pod', async () => {
		const s = await stub({StatSummary: () => ({ok: {ok: {stat_tables: []}}})});
		const h = await harness({
			namespaces: [VIZ_NAMESPACE],
			pods,
			portForward: (_ns, pod, port) => ({kind: 'forward', pod, uid: 'u', port, target: pod.endsWith('fghij') ? {host: '127.0.0.1', port: s.port} : null}),
		});
		const c = await client({kubeConfig: h.kubeConfig});
		expect((await failure(c.statSummary({namespace: 'x', type: 'deployment'}))).kind).toBe('unavailable');
		h.state.pods['linkerd-viz'] = [{name: 'metrics-api-7d9c6-fghij', labels: METRICS_POD_LABELS}];
		expect(await c.statSummary({namespace: 'x', type: 'deployment'})).toEqual([]);
		expect(c.via).toBe('port-forward linkerd-viz/metrics-api-7d9c6-fghij');
	});

	it('parallel calls after a failure share one reconnect instead of closing each other\'s channel', async () => {
		const s = await stub({StatSummary: () => ({ok: {ok: {stat_tables: []}}}), Edges: () => ({ok: {ok: {edges: []}}})});
		const h = await harness({
			namespaces: [VIZ_NAMESPACE],
			pods: {'linkerd-viz': [{name: 'metrics-api-7d9c6-abcde', labels: METRICS_POD_LABELS}]},
			portForward: (_ns, pod, port) => ({kind: 'forward', pod, uid: 'u', port, target: pod.endsWith('fghij') ? {host: '127.0.0.1', port: s.port} : null}),
		});
		const c = await client({kubeConfig: h.kubeConfig});
		expect((await failure(c.statSummary({namespace: 'x', type: 'deployment'}))).kind).toBe('unavailable');
		h.state.pods['linkerd-viz'] = [{name: 'metrics-api-7d9c6-fghij', labels: METRICS_POD_LABELS}];
		const results = await Promise.all([
			c.statSummary({namespace: 'x', type: 'deployment'}),
			c.statSummary({namespace: 'x', type: 'statefulset'}),
			c.edges({namespace: 'x'}),
			c.statSummary({namespace: 'x', type: 'daemonset'}),
		]);
		expect(results).toEqual([[], [], [], []]);
		c.close();
	});
});

describe('gRPC failures (through --metrics-addr)', () => {
	const kubeConfig = new KubeConfig();

	it('deadline exceeded: a server that never answers', async () => {
		const s = await stub({StatSummary: () => 'hang'});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`, deadlineMs: 150});
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'deployment'}));
		expect(err.kind).toBe('deadline');
		expect(err.message).toBe(
			`metrics-api did not answer within 150ms (via 127.0.0.1:${s.port}); check the metrics-api pod and its Prometheus`,
		);
	});

	it('no Prometheus: UNKNOWN "No prometheus instance to connect"', async () => {
		const s = await stub({StatSummary: () => ({code: status.UNKNOWN, details: 'No prometheus instance to connect'})});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`});
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'deployment'}));
		expect(err.kind).toBe('no-prometheus');
		expect(err.message).toBe(
			'metrics-api: No prometheus instance to connect; viz has no Prometheus: reinstall viz with its Prometheus or set prometheusUrl to an external one',
		);
	});

	it('no Prometheus in-band (Edges reports query failures as a ResourceError)', async () => {
		const s = await stub({
			Edges: () => ({ok: {error: {error: 'Query failed: No prometheus instance to connect'}}}),
		});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`});
		expect((await failure(c.edges({namespace: 'emojivoto'}))).kind).toBe('no-prometheus');
	});

	it('unavailable: nothing listens at --metrics-addr', async () => {
		const s = await stub({});
		const port = s.port;
		s.close();
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${port}`});
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'deployment'}));
		expect(err.kind).toBe('unavailable');
		expect(err.message).toMatch(new RegExp(`^cannot reach metrics-api via 127\\.0\\.0\\.1:${port}: ECONNREFUSED 127\\.0\\.0\\.1:${port}; check the pod or --metrics-addr$`));
	});

	it('in-band ResourceError becomes an api error with the server text, sanitized', async () => {
		const s = await stub({StatSummary: () => ({ok: {error: {error: 'invalid time window: \u001b[31m5s\nscrape'}}})});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`});
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'deployment', timeWindow: '5s'}));
		expect(err.kind).toBe('api');
		expect(err.message).toBe('metrics-api API response error: invalid time window: \\x1b[31m5s scrape');
	});

	it('UNIMPLEMENTED for an unknown type is an api error', async () => {
		const s = await stub({StatSummary: () => ({code: status.UNIMPLEMENTED, details: 'unimplemented resource type: widget'})});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`});
		const err = await failure(c.statSummary({namespace: 'emojivoto', type: 'widget'}));
		expect(err.kind).toBe('api');
		expect(err.message).toBe('metrics-api error (UNIMPLEMENTED): unimplemented resource type: widget');
	});

	it('TopRoutes without ServiceProfiles is an empty list, and asks for inbound with none={}', async () => {
		const s = await stub({TopRoutes: () => ({ok: {error: {error: 'No Service Profiles found for selected resources'}}})});
		const c = await client({kubeConfig, metricsAddr: `127.0.0.1:${s.port}`});
		expect(await c.topRoutes({namespace: 'emojivoto', type: 'deployment', name: 'web'})).toEqual([]);
		expect(s.requests[0]!.request).toMatchObject({
			selector: {resource: {namespace: 'emojivoto', type: 'deployment', name: 'web'}},
			time_window: '1m',
			outbound: 'none',
			none: {},
		});
	});

	it('rejects a malformed --metrics-addr', async () => {
		const err = await failure(connectMetrics({kubeConfig, metricsAddr: 'localhost'}));
		expect(err.message).toBe('--metrics-addr must be HOST:PORT, got "localhost"');
	});
});
