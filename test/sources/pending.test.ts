import {describe, expect, it} from 'vitest';
import {pendingSources} from '../../source/sources/pending.js';
import type {MeshSources} from '../../source/sources/types.js';
import type {ContextInfo} from '../../source/model/cluster.js';
import type {TapStatus} from '../../source/tap/types.js';

const placeholder: ContextInfo = {context: 'meshtop-demo', server: 'starting…', namespace: 'emojivoto', contexts: ['meshtop-demo']};
const realInfo: ContextInfo = {context: 'meshtop-demo', server: 'https://127.0.0.1:1', namespace: 'emojivoto', contexts: ['meshtop-demo']};

/** Real MeshSources stand-in that records what was asked of it (this is the boundary under test, not the wire). */
function recordingSources() {
	const calls: string[] = [];
	let closed = 0;
	const sources: MeshSources = {
		info: realInfo,
		watchNamespaces: onList => {
			calls.push('namespaces');
			onList([{name: 'emojivoto', injected: true}]);
			return () => calls.push('stop namespaces');
		},
		watchWorkloads: namespace => {
			calls.push(`workloads ${namespace}`);
			return () => calls.push(`stop workloads ${namespace}`);
		},
		tap: spec => {
			calls.push(`tap ${spec.target.name}`);
			return () => calls.push('stop tap');
		},
		withContext: async () => sources,
		close: () => {
			closed += 1;
		},
	};
	return {sources, calls, closed: () => closed};
}

const spec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: true};

describe('pendingSources', () => {
	it('shows the placeholder, then queues every call until the real sources arrive', async () => {
		const real = recordingSources();
		let resolve!: (s: MeshSources) => void;
		const pending = pendingSources(new Promise(r => (resolve = r)), placeholder);
		expect(pending.info).toBe(placeholder);
		const lists: string[][] = [];
		const statuses: TapStatus[] = [];
		pending.watchNamespaces(list => lists.push(list.map(n => n.name)), () => undefined);
		const stopWorkloads = pending.watchWorkloads('emojivoto', () => undefined, () => undefined);
		stopWorkloads(); // cancelled before ready: must never start
		const stopTap = pending.tap(spec, {onEvents: () => undefined, onStatus: s => statuses.push(s)});
		expect(statuses).toEqual([{state: 'connecting', attempt: 1}]);
		expect(real.calls).toEqual([]);
		resolve(real.sources);
		await new Promise(r => setTimeout(r, 0));
		expect(pending.info).toBe(realInfo);
		expect(real.calls).toEqual(['namespaces', 'tap web']);
		expect(lists).toEqual([['emojivoto']]);
		stopTap();
		expect(real.calls.at(-1)).toBe('stop tap');
		// Once ready, calls go straight through.
		pending.watchWorkloads('booksapp', () => undefined, () => undefined);
		expect(real.calls.at(-1)).toBe('workloads booksapp');
	});

	it('reports a failed start through each caller\'s error path', async () => {
		const pending = pendingSources(Promise.reject(new Error('demo mesh failed to start: EADDRINUSE')), placeholder);
		const errors: string[] = [];
		const statuses: TapStatus[] = [];
		pending.watchNamespaces(() => undefined, message => errors.push(message));
		pending.tap(spec, {onEvents: () => undefined, onStatus: s => statuses.push(s)});
		await new Promise(r => setTimeout(r, 0));
		expect(errors).toEqual(['demo mesh failed to start: EADDRINUSE']);
		expect(statuses.at(-1)).toEqual({state: 'failed', message: 'demo mesh failed to start: EADDRINUSE'});
		await expect(pending.withContext('x')).rejects.toThrow('EADDRINUSE');
		await expect(pending.metrics!()).rejects.toThrow('EADDRINUSE');
	});

	it('closes sources that arrive after close()', async () => {
		const real = recordingSources();
		let resolve!: (s: MeshSources) => void;
		const pending = pendingSources(new Promise(r => (resolve = r)), placeholder);
		pending.close();
		resolve(real.sources);
		await new Promise(r => setTimeout(r, 0));
		expect(real.closed()).toBe(1);
	});
});

describe('the store with pending sources', () => {
	it('draws with the placeholder context and switches to the real one on the next tick', async () => {
		const {createStore} = await import('../../source/store/store.js');
		const {FakeSources, ManualTime} = await import('../ui/fixtures.js');
		const real = new FakeSources();
		let resolve!: (s: MeshSources) => void;
		const time = new ManualTime();
		const store = createStore({
			sources: pendingSources(new Promise(r => (resolve = r)), placeholder),
			model: {bufferSize: 100, ttlMs: 10_000, maxRoutes: 50, rpsWindowMs: 10_000},
			clock: time.clock,
			schedule: time.schedule,
		});
		store.start(spec.target);
		expect(store.getState().info.server).toBe('starting…');
		expect(store.getState().tapStatus).toEqual({state: 'connecting', attempt: 1});
		resolve(real);
		await new Promise(r => setTimeout(r, 0));
		time.advance(200);
		expect(store.getState().info).toBe(real.info);
		expect(real.lastTap.spec.target).toEqual(spec.target);
		store.close();
	});
});
