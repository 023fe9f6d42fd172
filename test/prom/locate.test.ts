// Finding Prometheus like `linkerd viz stat-outbound` (linkerd-route-metrics.md §1) against a
// stand-in Kubernetes API (test/metrics/kube-harness.ts): the viz namespace's external-prometheus
// annotation, else a real WebSocket port-forward to the prometheus pod's 9090 (led here to a
// node:http server serving hand-made Prometheus bytes), and each failure as one line.
import {afterEach, describe, expect, it} from 'vitest';
import type {ForwardDecision} from '../../source/demo/port-forward.js';
import {connectPrometheus, type PromClient} from '../../source/prom/locate.js';
import {startHarness, VIZ_NAMESPACE, type Harness, type HarnessState} from '../metrics/kube-harness.js';
import {startFakePrometheus, vectorBody, type FakePrometheus} from './fake-prometheus.js';

const PROM_LABELS = {'linkerd.io/extension': 'viz', component: 'prometheus'};
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(state: Partial<HarnessState>, decide?: (prom: FakePrometheus, pod: string, port: number) => ForwardDecision): Promise<{h: Harness; prom: FakePrometheus}> {
	const prom = await startFakePrometheus(() => ({status: 200, body: vectorBody([{metric: {route_name: 'r'}, value: '1'}])}));
	cleanups.push(() => prom.close());
	const promPort = Number(new URL(prom.url).port);
	const h = await startHarness({
		namespaces: [VIZ_NAMESPACE],
		pods: {},
		portForward: (_ns, pod, port) => decide?.(prom, pod, port) ?? {kind: 'forward', pod, uid: 'u', port, target: port === 9090 ? {host: '127.0.0.1', port: promPort} : null},
		...state,
	});
	cleanups.push(() => h.close());
	return {h, prom};
}

async function connect(h: Harness, vizNamespace?: string): Promise<PromClient> {
	const client = await connectPrometheus({kubeConfig: h.kubeConfig, vizNamespace, timeoutMs: 10_000});
	cleanups.push(() => client.close());
	return client;
}

describe('connectPrometheus in a cluster', {timeout: 30_000}, () => {
	it('port-forwards to a running prometheus pod\'s 9090, Ready first, and queries through it', async () => {
		const {h, prom} = await setup({
			pods: {
				'linkerd-viz': [
					{name: 'prometheus-a', labels: PROM_LABELS, ready: false},
					{name: 'prometheus-b', labels: PROM_LABELS},
					{name: 'prometheus-0', labels: PROM_LABELS, phase: 'Pending'},
				],
			},
		});
		const client = await connect(h);
		expect(client.via).toBe('port-forward linkerd-viz/prometheus-b:9090');
		const answer = await client.query('up');
		expect(answer.samples).toEqual([{metric: {route_name: 'r'}, value: 1}]);
		expect(prom.seen.map(r => [r.method, r.path, r.query])).toEqual([['POST', '/api/v1/query', 'up']]);
		expect(h.log).toContain('/api/v1/namespaces/linkerd-viz/pods?labelSelector=linkerd.io%2Fextension%3Dviz%2Ccomponent%3Dprometheus');
		expect(h.log.some(l => l.startsWith('/api/v1/namespaces/linkerd-viz/pods/prometheus-b/portforward?ports=9090'))).toBe(true);
	});

	it('uses the viz namespace\'s external-prometheus annotation, with no port-forward', async () => {
		const {h, prom} = await setup({});
		h.state.namespaces = [{...VIZ_NAMESPACE, annotations: {'viz.linkerd.io/external-prometheus': `${prom.url}/ext`}}];
		const client = await connect(h);
		expect(client.via).toBe(`${prom.url}/ext`);
		await client.query('up');
		expect(prom.seen[0]!.path).toBe('/ext/api/v1/query');
		expect(h.log.filter(l => l.includes('/pods'))).toEqual([]);
	});

	it('--viz-namespace is read (and must be viz\'s)', async () => {
		const {h} = await setup({namespaces: [{...VIZ_NAMESPACE, annotations: {'viz.linkerd.io/external-prometheus': 'http://127.0.0.1:1'}}, {name: 'other'}]});
		expect((await connect(h, 'linkerd-viz')).via).toBe('http://127.0.0.1:1');
		await expect(connect(h, 'other')).rejects.toThrow('namespace "other" is not a linkerd-viz namespace (no label linkerd.io/extension=viz); fix --viz-namespace');
		await expect(connect(h, 'gone')).rejects.toThrow('namespace "gone" (--viz-namespace) not found');
	});

	it('viz not installed, and no running prometheus pod: one line each', async () => {
		const {h} = await setup({namespaces: []});
		await expect(connect(h)).rejects.toThrow(/^Linkerd viz is not installed/);
		h.state.namespaces = [VIZ_NAMESPACE];
		h.state.pods = {'linkerd-viz': [{name: 'prometheus-x', labels: PROM_LABELS, phase: 'Pending'}, {name: 'metrics-api-1', labels: {...PROM_LABELS, component: 'metrics-api'}}]};
		await expect(connect(h)).rejects.toThrow(/^no running pods found for prometheus in namespace linkerd-viz \(selector linkerd\.io\/extension=viz,component=prometheus\); .*--prometheus-url/);
	});

	it('a refused port-forward (RBAC) names the permission and --prometheus-url', async () => {
		const {h} = await setup({pods: {'linkerd-viz': [{name: 'prometheus-b', labels: PROM_LABELS}]}}, () => ({kind: 'refuse', status: 403, reason: 'Forbidden', message: 'pods "prometheus-b" is forbidden'}));
		const client = await connect(h);
		await expect(client.query('up')).rejects.toThrow(
			'Port-forward to linkerd-viz/prometheus-b denied (HTTP 403): you may not create/get pods/portforward in linkerd-viz; check with `kubectl auth can-i create pods/portforward -n linkerd-viz` or pass --prometheus-url',
		);
	});
});
