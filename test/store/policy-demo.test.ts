// The policy view's polling (P) through the real MeshSources against the demo mesh: Prometheus
// found by port-forward to the viz prometheus pod, Authz over the metrics-api port-forward. Nothing
// is asked of Prometheus while the view is closed (meshtop at rest pays nothing for it).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {createMeshSources} from '../../source/sources/cluster.js';
import type {MeshSources} from '../../source/sources/types.js';
import {createStore, type Store} from '../../source/store/store.js';
import type {StoreState} from '../../source/store/state.js';
import {ManualTime} from '../ui/fixtures.js';

let mesh: DemoMesh;
let sources: MeshSources;
let store: Store;
const time = new ManualTime();

beforeAll(async () => {
	mesh = await startDemoMesh({rolloutEveryMs: 0});
	const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath, namespace: 'booksapp'});
	sources = createMeshSources(loaded, {kubeconfig: mesh.kubeconfigPath});
	store = createStore({sources, model: {bufferSize: 100, ttlMs: 10_000, maxRoutes: 50, rpsWindowMs: 10_000}, clock: time.clock, schedule: time.schedule});
});

afterAll(async () => {
	store?.close();
	sources?.close();
	await mesh?.close();
});

function until(done: (state: StoreState) => boolean): Promise<StoreState> {
	return new Promise(resolve => {
		if (done(store.getState())) return resolve(store.getState());
		const stop = store.subscribe(() => {
			if (!done(store.getState())) return;
			stop();
			resolve(store.getState());
		});
	});
}

const prometheusForwards = () => mesh.requestLog.filter(r => r.upgrade && /\/pods\/prometheus-[^/]+\/portforward$/.test(r.path)).length;

describe('the policy view against the demo mesh', () => {
	it('asks Prometheus and Authz only while open, and gets the tapped workload\'s routes, backends and authorization', async () => {
		store.start({namespace: 'booksapp', type: 'deployment', name: 'webapp'});
		await until(s => s.metrics.stats.at !== null);
		expect(prometheusForwards()).toBe(0);
		expect(store.getState().policy.open).toBe(false);

		store.setPolicyOpen(true);
		const state = await until(s => s.policy.outbound.at !== null && s.policy.authz.at !== null);
		expect(state.policy.promError).toBeNull();
		expect(state.policy.authzError).toBeNull();
		const split = state.policy.outbound.rows.find(r => r.route === 'books-split')!;
		expect(split).toMatchObject({service: 'books', port: '7002', routeType: 'HTTPRoute'});
		expect(split.backends.map(b => b.backend).sort()).toEqual(['books', 'books-v2']);
		expect(split.retries).toBeGreaterThan(0);
		expect(state.policy.inbound.rows.map(r => r.server)).toContain('webapp-http');
		expect(state.policy.authz.rows.some(r => r.authz.kind === 'authorizationpolicy' && r.allowed > 0)).toBe(true);
		expect(prometheusForwards()).toBeGreaterThan(0);

		// Closed: the next period asks nothing.
		store.setPolicyOpen(false);
		const before = prometheusForwards();
		const outboundAt = store.getState().policy.outbound.at;
		time.advance(30_000);
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(store.getState().policy.outbound.at).toBe(outboundAt);
		expect(prometheusForwards()).toBe(before);
	}, 60_000);
});
