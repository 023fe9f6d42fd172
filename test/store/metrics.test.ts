// The store's metrics-api polling on an injected clock and scheduler, against real gRPC
// servers (the stub from test/metrics and the stand-in kube API), never a fake client.
import {status} from '@grpc/grpc-js';
import {afterEach, describe, expect, it} from 'vitest';
import {createMeshSources} from '../../source/sources/cluster.js';
import {createStore, type Store} from '../../source/store/store.js';
import type {StoreState} from '../../source/store/state.js';
import {startStub, type Stub} from '../metrics/grpc-stub.js';
import {METRICS_POD_LABELS, startHarness, VIZ_NAMESPACE} from '../metrics/kube-harness.js';
import {FakeSources, ManualTime} from '../ui/fixtures.js';
import {MetricsSources} from '../ui/metrics-sources.js';

const model = {bufferSize: 100, ttlMs: 10_000, maxRoutes: 50, rpsWindowMs: 10_000};
const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function row(name: string, success: number, failure: number, p99: number) {
	return {
		resource: {namespace: 'emojivoto', type: 'deployment', name},
		time_window: '1m',
		meshed_pod_count: 2,
		running_pod_count: 2,
		stats: {success_count: success, failure_count: failure, latency_ms_p50: 5, latency_ms_p95: 20, latency_ms_p99: p99},
		tcp_stats: {open_connections: 3},
	};
}

type Mode = 'ok' | 'no-prometheus' | 'unavailable';

async function stubFor(mode: {current: Mode; successes: number}): Promise<Stub> {
	const stub = await startStub({
		StatSummary: request => {
			if (mode.current === 'unavailable') return {code: status.UNAVAILABLE, details: 'connect ECONNREFUSED 10.0.0.7:9090'};
			if (mode.current === 'no-prometheus') return {ok: {error: {error: 'Query failed: No prometheus instance to connect'}}};
			const rows = request.selector.resource.type === 'deployment' ? [row('web', mode.successes, 6, 95)] : [];
			return {ok: {ok: {stat_tables: [{pod_group: {rows}}]}}};
		},
		Edges: () => ({
			ok: {
				ok: {
					edges: [
						{
							src: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
							dst: {namespace: 'emojivoto', type: 'deployment', name: 'emoji'},
							client_id: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local',
							server_id: 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local',
							no_identity_msg: '',
						},
					],
				},
			},
		}),
		TopRoutes: () => ({ok: {error: {error: 'No Service Profiles found for selected resources'}}}),
	});
	cleanups.push(() => stub.close());
	return stub;
}

function setup(sources: FakeSources): {store: Store; time: ManualTime} {
	const time = new ManualTime();
	const store = createStore({sources, model, clock: time.clock, schedule: time.schedule});
	cleanups.push(() => store.close());
	return {store, time};
}

/** Resolves once the store publishes a state that passes `done` (the gRPC answer is real I/O). */
function until(store: Store, done: (state: StoreState) => boolean): Promise<StoreState> {
	return new Promise(resolve => {
		if (done(store.getState())) return resolve(store.getState());
		const stop = store.subscribe(() => {
			if (!done(store.getState())) return;
			stop();
			resolve(store.getState());
		});
	});
}

describe('store metrics polling', () => {
	it('polls at start, every 10 s after, and marks data stale on failure until a poll recovers', async () => {
		const mode = {current: 'ok' as Mode, successes: 294};
		const stub = await stubFor(mode);
		const sources = new MetricsSources(`127.0.0.1:${stub.port}`);
		const {store, time} = setup(sources);
		expect(store.getState().metrics.available).toBe(true);
		store.start(web);

		let state = await until(store, s => s.metrics.stats.at !== null);
		const started = time.now;
		expect(state.metrics.stats).toEqual({
			at: started,
			stale: false,
			rows: [
				{
					namespace: 'emojivoto',
					type: 'deployment',
					name: 'web',
					meshedPods: 2,
					runningPods: 2,
					failedPods: 0,
					hasData: true,
					successRate: 0.98,
					rps: 5,
					p50Ms: 5,
					p95Ms: 20,
					p99Ms: 95,
					tcpConnections: 3,
					timeWindow: '1m',
				},
			],
		});
		expect(state.metrics.edges.rows.map(e => [e.src, e.dst, e.secured])).toEqual([['web', 'emoji', true]]);
		expect(state.metrics.routes).toEqual({rows: [], at: started, stale: false});
		expect(state.metrics.routesFor).toEqual(web);
		expect(state.metrics.error).toBeNull();
		expect(state.metrics.via).toBe(`127.0.0.1:${stub.port}`);
		// One StatSummary per workload type, Edges for the namespace, TopRoutes for the target.
		expect(stub.requests.map(r => [r.method, r.request.selector.resource.type, r.request.selector.resource.name ?? ''])).toEqual([
			['StatSummary', 'deployment', ''],
			['StatSummary', 'statefulset', ''],
			['StatSummary', 'daemonset', ''],
			['Edges', 'deployment', ''],
			['TopRoutes', 'deployment', 'web'],
		]);

		// Nothing more until 10 s have passed on the store's clock.
		time.advance(9_900);
		expect(stub.requests).toHaveLength(5);
		mode.current = 'no-prometheus';
		time.advance(100);
		state = await until(store, s => s.metrics.error !== null);
		// Without Prometheus every call fails alike: the first answer ends the poll.
		expect(stub.requests).toHaveLength(6);
		expect(state.metrics.error).toBe(
			'metrics-api: Query failed: No prometheus instance to connect; viz has no Prometheus: reinstall viz with its Prometheus or set prometheusUrl to an external one',
		);
		expect(state.metrics.stats.stale).toBe(true);
		expect(state.metrics.stats.at).toBe(started);
		expect(state.metrics.stats.rows[0]!.p99Ms).toBe(95);
		expect(state.metrics.edges).toMatchObject({stale: true, at: started});
		expect(state.metrics.edges.rows).toHaveLength(1);
		// The tap went on regardless.
		expect(sources.lastTap.stopped).toBe(false);

		mode.current = 'ok';
		mode.successes = 594;
		time.advance(10_000);
		state = await until(store, s => s.metrics.error === null);
		expect(state.metrics.stats.stale).toBe(false);
		expect(state.metrics.stats.at).toBe(started + 20_000);
		expect(state.metrics.stats.rows[0]!.rps).toBe(10);
		expect(state.metrics.stats.rows[0]!.successRate).toBe(0.99);
		expect(sources.connects).toBe(3);
	});

	it('an unreachable metrics-api is one sanitized line and the poll after it recovers', async () => {
		const mode = {current: 'unavailable' as Mode, successes: 114};
		const stub = await stubFor(mode);
		const {store, time} = setup(new MetricsSources(`127.0.0.1:${stub.port}`));
		store.start(null);
		let state = await until(store, s => s.metrics.error !== null);
		expect(state.metrics.error).toBe(`cannot reach metrics-api via 127.0.0.1:${stub.port}: ECONNREFUSED 10.0.0.7:9090; check the pod or --metrics-addr`);
		expect(state.metrics.stats).toEqual({rows: [], at: null, stale: false});
		expect(state.metrics.routesFor).toBeNull();
		// Unreachable: the first call's failure ends the poll rather than racing four more into it.
		expect(stub.requests.map(r => r.method)).toEqual(['StatSummary']);
		mode.current = 'ok';
		time.advance(10_000);
		state = await until(store, s => s.metrics.error === null);
		expect(state.metrics.stats.rows.map(r => [r.name, r.rps])).toEqual([['web', 2]]);
		// No target: no TopRoutes call.
		expect(stub.requests.slice(1).map(r => r.method)).toEqual(['StatSummary', 'StatSummary', 'StatSummary', 'Edges']);
	});

	it('a namespace change drops the old rows and polls the new namespace at once', async () => {
		const mode = {current: 'ok' as Mode, successes: 294};
		const stub = await stubFor(mode);
		const {store} = setup(new MetricsSources(`127.0.0.1:${stub.port}`));
		store.start(null);
		await until(store, s => s.metrics.stats.at !== null);
		store.selectNamespace('booksapp');
		expect(store.getState().metrics.namespace).toBe('booksapp');
		expect(store.getState().metrics.stats).toEqual({rows: [], at: null, stale: false});
		await until(store, s => s.metrics.stats.at !== null);
		expect(stub.requests.filter(r => r.method === 'Edges').map(r => r.request.selector.resource.namespace)).toEqual(['emojivoto', 'booksapp']);
	});

	it('sources without metrics-api never poll and say so', () => {
		const {store, time} = setup(new FakeSources());
		store.start(web);
		time.advance(30_000);
		expect(store.getState().metrics).toMatchObject({available: false, error: null, stats: {rows: [], at: null}});
	});

	it('mesh sources: a failed connect (viz not installed) is retried on the next poll and then works through the port-forward', async () => {
		const mode = {current: 'ok' as Mode, successes: 294};
		const stub = await stubFor(mode);
		const harness = await startHarness({
			namespaces: [{name: 'default'}],
			pods: {},
			portForward: (_ns, pod, port) => ({kind: 'forward', pod, uid: 'uid-1', port, target: {host: '127.0.0.1', port: stub.port}}),
		});
		cleanups.push(() => harness.close());
		const real = createMeshSources(
			{kubeConfig: harness.kubeConfig, context: 'harness', server: 'https://127.0.0.1', namespace: 'emojivoto', contexts: ['harness'], source: 'test'},
			{},
		);
		cleanups.push(() => real.close());
		const sources = new FakeSources();
		Object.assign(sources, {metrics: () => real.metrics!()});
		const {store, time} = setup(sources);
		store.start(web);
		let state = await until(store, s => s.metrics.error !== null);
		expect(state.metrics.error).toBe(
			'Linkerd viz is not installed (no namespace labelled linkerd.io/extension=viz); install it with `linkerd viz install | kubectl apply -f -` or pass --viz-namespace',
		);
		harness.state.namespaces.push(VIZ_NAMESPACE);
		harness.state.pods['linkerd-viz'] = [{name: 'metrics-api-7d9c6-abcde', labels: METRICS_POD_LABELS}];
		time.advance(10_000);
		state = await until(store, s => s.metrics.stats.at !== null);
		expect(state.metrics.error).toBeNull();
		expect(state.metrics.via).toBe('port-forward linkerd-viz/metrics-api-7d9c6-abcde');
		expect(state.metrics.stats.rows.map(r => [r.name, r.successRate])).toEqual([['web', 0.98]]);
	});
});
