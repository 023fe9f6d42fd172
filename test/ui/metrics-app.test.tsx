// The whole app with metrics-api answers from a real gRPC server (the stub of test/metrics):
// navigator columns at 80 and 160 columns, the header's status line, and `e` on the mTLS pane.
import {status} from '@grpc/grpc-js';
import {afterEach, describe, expect, it} from 'vitest';
import type {StoreState} from '../../source/store/state.js';
import {startStub, type Stub} from '../metrics/grpc-stub.js';
import {startApp, type Harness} from './app-harness.js';
import {MetricsSources} from './metrics-sources.js';
import {keys} from './render.js';

let app: Harness | undefined;
let stub: Stub | undefined;
afterEach(() => {
	app?.unmount();
	app?.store.close();
	stub?.close();
});

function row(name: string, success: number, failure: number, p99: number) {
	return {
		resource: {namespace: 'emojivoto', type: 'deployment', name},
		time_window: '1m',
		meshed_pod_count: 2,
		running_pod_count: 2,
		stats: {success_count: success, failure_count: failure, latency_ms_p50: 4, latency_ms_p95: 30, latency_ms_p99: p99},
		tcp_stats: {open_connections: 5},
	};
}

const mode = {unavailable: false};

async function start(columns: number, rows: number): Promise<Harness> {
	stub = await startStub({
		StatSummary: request => {
			if (mode.unavailable) return {code: status.UNAVAILABLE, details: 'connect ECONNREFUSED 10.0.0.7:8085'};
			const rows = request.selector.resource.type === 'deployment' ? [row('emoji', 1197, 3, 9), row('web', 540, 60, 250)] : [];
			return {ok: {ok: {stat_tables: [{pod_group: {rows}}]}}};
		},
		Edges: () => ({
			ok: {
				ok: {
					edges: [
						{src: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, dst: {namespace: 'emojivoto', type: 'deployment', name: 'emoji'}, client_id: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local', server_id: 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local', no_identity_msg: ''},
						{src: {namespace: 'emojivoto', type: 'deployment', name: 'vote-bot'}, dst: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, client_id: '', server_id: '', no_identity_msg: 'Not Provided By Remote'},
					],
				},
			},
		}),
		TopRoutes: () => ({ok: {error: {error: 'No Service Profiles found for selected resources'}}}),
	});
	app = startApp({columns, rows, target: null, sources: new MetricsSources(`127.0.0.1:${stub.port}`)});
	return app;
}

function until(h: Harness, done: (state: StoreState) => boolean): Promise<void> {
	return new Promise(resolve => {
		if (done(h.store.getState())) return resolve();
		const stop = h.store.subscribe(() => {
			if (!done(h.store.getState())) return;
			stop();
			resolve();
		});
	}).then(() => h.settle());
}

describe('the app with metrics-api', () => {
	it('80x24: the navigator starts on the context namespace; its workloads show golden metrics', async () => {
		mode.unavailable = false;
		const h = await start(80, 24);
		await until(h, s => s.metrics.stats.at !== null);
		// Enter on the preselected row opens emojivoto (the context's namespace), not booksapp.
		await h.press(keys.enter);
		expect(h.lines().slice(2, 10)).toEqual([
			'filters: none',
			' navigator  ·  stream  ·  routes  ·  mTLS   1/4 · tab next',
			' Workloads in emojivoto  3 · metrics 1m · updated just now',
			'WORKLOAD                   SR     RPS    P50    P95    P99  TCP MESHED READY TAP',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji            99.8%    20.0    4ms   30ms    9ms    5    2/2   2/2 yes',
			'deploy/vote-bot                                                    0/1   1/1 no',
			'deploy/web              90.0%    10.0    4ms   30ms  250ms    5    2/2   1/2 yes',
		]);
	});

	it('160x45: the wide navigator keeps SR, RPS and p99; e shows all edges in the mTLS pane', async () => {
		mode.unavailable = false;
		const h = await start(160, 45);
		await until(h, s => s.metrics.stats.at !== null && s.metrics.edges.at !== null);
		await h.press(keys.enter);
		const lines = h.lines();
		expect(lines.slice(3, 9).map(line => line.slice(0, 40).trimEnd())).toEqual([
			' Workloads in emojivoto  3 · metrics 1m',
			'WORKLOAD               SR     RPS    P99',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji        99.8%    20.0    9ms',
			'deploy/vote-bot',
			'deploy/web          90.0%    10.0  250ms',
		]);
		expect(lines[25]!.slice(117)).toBe(" mTLS · sampled from tap  0 edges");
		await h.press('e');
		expect(lines.length).toBe(44);
		expect(h.lines().slice(25, 30).map(line => line.slice(117))).toEqual([
			' mTLS · all edges, metrics-api  2 edges in…',
			'50.00% secured (1/2 edges) ████████░░░░░░░░',
			'metrics-api lists meshed peers only; tap h…',
			'FROM → TO       SERVER ID    SECURED',
			'vote-bot → web  -            Not Provided …',
		]);
		await h.press('e');
		expect(h.lines()[25]!.slice(117)).toBe(" mTLS · sampled from tap  0 edges");
	});

	it('a failing metrics-api is one header line; the rows go stale and the tap goes on', async () => {
		mode.unavailable = false;
		const h = await start(80, 24);
		await until(h, s => s.metrics.stats.at !== null);
		await h.press(keys.enter, keys.down, keys.enter);
		expect(h.store.getState().target).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		mode.unavailable = true;
		h.time.advance(10_000);
		await until(h, s => s.metrics.error !== null);
		h.time.advance(20_000);
		await h.settle();
		const full = `filters: none  metrics: cannot reach metrics-api via 127.0.0.1:${stub!.port}: ECONNREFUSED 10.0.0.7:8085; check the pod or --metrics-addr`;
		expect(h.lines()[2]).toBe(`${full.slice(0, 79)}…`);
		await h.press(keys.tab, keys.tab, keys.tab);
		expect(h.lines().slice(4, 6)).toEqual([' Workloads in emojivoto  3 · metrics stale 30s', 'WORKLOAD                   SR     RPS    P50    P95    P99  TCP MESHED READY TAP']);
		expect(h.lines()[7]).toBe('deploy/emoji           ~99.8%   ~20.0   ~4ms  ~30ms   ~9ms   ~5    2/2   2/2 yes');
		expect(h.sources.lastTap.stopped).toBe(false);
		mode.unavailable = false;
		h.time.advance(10_000);
		await until(h, s => s.metrics.error === null);
		expect(h.lines()[2]).toBe('filters: none');
		expect(h.lines()[4]).toBe(' Workloads in emojivoto  3 · metrics 1m · updated just now');
	});
});
