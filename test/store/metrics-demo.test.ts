// End to end: the store's metrics poll through the real MeshSources (kubeconfig → discovery of
// the viz namespace → WebSocket port-forward → gRPC) against the demo mesh, numbers checked
// against the demo's own traffic model.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {workloadStats} from '../../source/demo/stats.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {createMeshSources} from '../../source/sources/cluster.js';
import type {MeshSources} from '../../source/sources/types.js';
import {createStore, type Store} from '../../source/store/store.js';
import type {StoreState} from '../../source/store/state.js';
import {ManualTime} from '../ui/fixtures.js';

let mesh: DemoMesh;
let sources: MeshSources;
let store: Store;

beforeAll(async () => {
	mesh = await startDemoMesh({rolloutEveryMs: 0});
	const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath, namespace: 'emojivoto'});
	sources = createMeshSources(loaded, {kubeconfig: mesh.kubeconfigPath});
	const time = new ManualTime();
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

describe('store metrics against the demo mesh', () => {
	it('receives the WorkloadStats of the demo traffic through the port-forward, and routes of the tapped workload', async () => {
		store.start({namespace: 'emojivoto', type: 'deployment', name: 'voting'});
		const state = await until(s => s.metrics.stats.at !== null || s.metrics.error !== null);
		expect(state.metrics.error).toBeNull();
		expect(state.metrics.via).toMatch(/^port-forward linkerd-viz\/metrics-api-/);
		const rows = state.metrics.stats.rows;
		expect(rows.map(r => `${r.type}/${r.name}`).sort()).toEqual(['deployment/emoji', 'deployment/vote-bot', 'deployment/voting', 'deployment/web']);
		for (const name of ['emoji', 'voting', 'web']) {
			const model = workloadStats(mesh.topology, 'emojivoto', 60).find(w => w.name === name)!;
			const total = model.successCount + model.failureCount;
			expect(rows.find(r => r.name === name)).toMatchObject({
				namespace: 'emojivoto',
				meshedPods: model.meshedPodCount,
				runningPods: model.runningPodCount,
				successRate: model.successCount / total,
				rps: total / 60,
				p99Ms: model.latencyMsP99,
				timeWindow: '1m',
			});
		}
		expect(state.metrics.edges.rows.length).toBeGreaterThan(0);
		expect(state.metrics.edges.rows.every(e => e.secured === (e.serverId !== '' && e.noIdentityMsg === ''))).toBe(true);
		expect(state.metrics.routes.rows.map(r => r.route)).toContain('VoteDoughnut');
		expect(state.metrics.routes.rows.find(r => r.route === 'VoteDoughnut')).toMatchObject({resource: 'deployment/voting', successRate: 0});
	});
});
