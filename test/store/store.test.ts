import {describe, expect, it} from 'vitest';
import {createStore} from '../../source/store/store.js';
import {FakeSources, ManualTime, requestEvents} from '../ui/fixtures.js';

const model = {bufferSize: 100, ttlMs: 10_000, maxRoutes: 50, rpsWindowMs: 10_000};
const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

function setup() {
	const sources = new FakeSources();
	const time = new ManualTime();
	const store = createStore({sources, model, clock: time.clock, schedule: time.schedule, refreshMs: 100});
	let publishes = 0;
	store.subscribe(() => publishes++);
	return {sources, time, store, publishes: () => publishes};
}

describe('store', () => {
	it('starts the tap for the target with the default spec and watches its namespace', () => {
		const {sources, store} = setup();
		store.start(web);
		expect(sources.lastTap.spec).toEqual({target: web, maxRps: 100, extractHeaders: true});
		expect(sources.workloadWatches.at(-1)).toBe('emojivoto');
		const state = store.getState();
		expect(state.tapStatus).toEqual({state: 'connecting', attempt: 1});
		expect(state.namespaces.map(ns => ns.name)).toEqual(['booksapp', 'emojivoto', 'kube-system']);
		expect(state.workloads.map(w => w.name)).toEqual(['emoji', 'vote-bot', 'web']);
	});

	it('queues events and publishes them once per tick, never per event', () => {
		const {sources, time, store, publishes} = setup();
		store.start(web);
		const before = publishes();
		for (let i = 0; i < 50; i++) sources.lastTap.handlers.onEvents(requestEvents({stream: i}));
		expect(publishes()).toBe(before);
		expect(store.getState().snapshot.records).toHaveLength(0);
		time.advance(100);
		expect(publishes()).toBe(before + 1);
		const state = store.getState();
		expect(state.snapshot.records).toHaveLength(50);
		expect(state.snapshot.counts.events).toBe(150);
		// 150 events in the first 100 ms: the rate over the time that actually passed.
		expect(state.eventsPerSecond).toBe(1500);
		expect(state.snapshot.routes.map(r => [r.source, r.destination, r.path, r.count])).toEqual([
			['deploy/web', 'deploy/emoji', '/api/list', 50],
		]);
	});

	it('publishes tap status changes as they happen', () => {
		const {sources, store} = setup();
		store.start(web);
		sources.lastTap.handlers.onStatus({state: 'reconnecting', attempt: 2, retryAt: 5000, reason: 'EOF'});
		expect(store.getState().tapStatus).toEqual({state: 'reconnecting', attempt: 2, retryAt: 5000, reason: 'EOF'});
		sources.lastTap.handlers.onBadFrame?.('truncated varint');
		expect(store.getState().badFrames).toBe(1);
		expect(store.getState().lastBadFrame).toBe('truncated varint');
	});

	it('freezes the view while paused, counts what arrives, and jumps to live on resume', () => {
		const {sources, time, store} = setup();
		store.start(web);
		sources.lastTap.handlers.onEvents(requestEvents({stream: 1}));
		time.advance(100);
		store.pause();
		const frozen = store.getState().snapshot;
		expect(frozen.records.map(r => r.seq)).toHaveLength(1);
		sources.lastTap.handlers.onEvents([...requestEvents({stream: 2}), ...requestEvents({stream: 3})]);
		time.advance(300);
		const paused = store.getState();
		expect(paused.paused).toBe(true);
		expect(paused.snapshot).toBe(frozen);
		expect(paused.newSincePause).toBe(2);
		store.resume();
		const live = store.getState();
		expect(live.paused).toBe(false);
		expect(live.newSincePause).toBe(0);
		expect(live.snapshot.records).toHaveLength(3);
	});

	it('keeps the frozen records as they were even when their responses arrive later', () => {
		const {sources, time, store} = setup();
		store.start(web);
		const [req, rsp, end] = requestEvents({stream: 7, status: 503});
		sources.lastTap.handlers.onEvents([req!]);
		time.advance(100);
		store.pause();
		sources.lastTap.handlers.onEvents([rsp!, end!]);
		time.advance(100);
		expect(store.getState().snapshot.records[0]!.state).toBe('open');
		store.resume();
		expect(store.getState().snapshot.records[0]!.httpStatus).toBe(503);
	});

	it('restarts the tap with a new spec on a server filter and ignores the old stream', () => {
		const {sources, time, store} = setup();
		store.start(web);
		const first = sources.lastTap;
		first.handlers.onEvents(requestEvents({stream: 1}));
		store.setServerFilter({method: 'POST', to: {namespace: 'emojivoto', type: 'deployment', name: 'emoji'}});
		expect(first.stopped).toBe(true);
		expect(sources.taps).toHaveLength(2);
		expect(sources.lastTap.spec).toEqual({
			target: web,
			maxRps: 100,
			extractHeaders: true,
			method: 'POST',
			to: {namespace: 'emojivoto', type: 'deployment', name: 'emoji'},
		});
		first.handlers.onEvents(requestEvents({stream: 2}));
		first.handlers.onStatus({state: 'failed', message: 'late'});
		time.advance(100);
		// The old stream's late events are ignored; what it captured before the change stays.
		expect(store.getState().snapshot.records.map(r => r.streamId)).toEqual([1]);
		expect(store.getState().tapStatus).toEqual({state: 'connecting', attempt: 1});
		store.setServerFilter({method: undefined});
		expect(sources.lastTap.spec.method).toBeUndefined();
		expect(sources.lastTap.spec.to?.name).toBe('emoji');
	});

	it('a server-side filter change keeps the buffer and the statistics, with a marker where the tap changed', () => {
		const {sources, time, store} = setup();
		store.start(web);
		// One request complete, one still open when the tap changes.
		sources.lastTap.handlers.onEvents([...requestEvents({stream: 1}), ...requestEvents({stream: 2}).slice(0, 1)]);
		time.advance(100);
		store.setServerFilter({method: 'GET'});
		sources.lastTap.handlers.onEvents(requestEvents({stream: 3}));
		time.advance(100);
		const {snapshot, filterOrder} = store.getState();
		expect(snapshot.records.map(r => [r.streamId, r.state])).toEqual([
			[1, 'done'],
			[2, 'expired'],
			[3, 'done'],
		]);
		expect(snapshot.routes[0]!.count).toBe(2);
		expect(snapshot.markers).toEqual([{afterSeq: 2, at: expect.any(Number), text: 'tap restarted: +method=GET'}]);
		expect(filterOrder).toEqual(['method']);
		store.tapTarget({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		expect(store.getState().snapshot.records).toHaveLength(3);
		expect(store.getState().snapshot.markers.at(-1)!.text).toBe('tap changed to deploy/emoji (was deploy/web)');
	});

	it('esc-style removal takes filters off newest first, server and client alike; clear keeps every request', () => {
		const {sources, time, store} = setup();
		store.start(web);
		sources.lastTap.handlers.onEvents([...requestEvents({stream: 1, port: 8080}), ...requestEvents({stream: 2, port: 9090, status: 503})]);
		time.advance(100);
		store.setClientFilter({port: 9090});
		store.setServerFilter({method: 'GET'});
		store.setClientFilter({port: 9090, failuresOnly: true});
		expect(store.getState().filterOrder).toEqual(['port', 'method', 'failuresOnly']);
		store.removeLastFilter();
		expect(store.getState().clientFilter).toEqual({port: 9090});
		store.removeLastFilter();
		expect(sources.lastTap.spec.method).toBeUndefined();
		expect(store.getState().filterOrder).toEqual(['port']);
		store.setClientFilter({port: 9090, hideNoise: true});
		store.clearFilters();
		expect(store.getState().filterOrder).toEqual([]);
		expect(store.getState().clientFilter).toEqual({});
		expect(store.getState().snapshot.records).toHaveLength(2);
		store.removeLastFilter();
		expect(store.getState().snapshot.records).toHaveLength(2);
	});

	it('discard() is the one thing that deletes captured requests, and it says so', () => {
		const {sources, time, store} = setup();
		store.start(web);
		sources.lastTap.handlers.onEvents([...requestEvents({stream: 1}), ...requestEvents({stream: 2})]);
		time.advance(100);
		store.discard();
		const state = store.getState();
		expect(state.snapshot.records).toHaveLength(0);
		expect(state.snapshot.routes).toHaveLength(0);
		expect(state.snapshot.markers.map(m => m.text)).toEqual(['discarded 2 captured requests']);
		expect(state.notice).toEqual({level: 'info', text: 'discarded 2 captured requests'});
	});

	it('applies a client filter to the buffer at once', () => {
		const {sources, time, store} = setup();
		store.start(web);
		sources.lastTap.handlers.onEvents([...requestEvents({stream: 1, port: 8080}), ...requestEvents({stream: 2, port: 9090})]);
		time.advance(100);
		expect(store.getState().snapshot.records).toHaveLength(2);
		store.setClientFilter({port: 9090});
		const state = store.getState();
		expect(state.clientFilter).toEqual({port: 9090});
		expect(state.snapshot.records.map(r => r.destination?.port)).toEqual([9090]);
		expect(state.snapshot.ports).toEqual([
			{port: 8080, count: 1},
			{port: 9090, count: 1},
		]);
	});

	it('cycles the route sort', () => {
		const {store} = setup();
		store.start(null);
		const sorts = [store.getState().sort];
		for (let i = 0; i < 5; i++) {
			store.cycleSort();
			sorts.push(store.getState().sort);
		}
		expect(sorts).toEqual(['count', 'success', 'p99', 'rps', 'path', 'count']);
	});

	it('watches the workloads of a chosen namespace', () => {
		const {sources, store} = setup();
		store.start(null);
		store.selectNamespace('booksapp');
		expect(sources.workloadWatches).toEqual(['emojivoto', 'booksapp']);
		expect(store.getState().namespace).toBe('booksapp');
		expect(store.getState().workloads).toEqual([]);
	});

	it('switches context through the sources and reports a failure inline', async () => {
		const {sources, store} = setup();
		store.start(web);
		await store.switchContext('nope');
		expect(store.getState().notice).toEqual({level: 'error', text: 'context nope: no context "nope" in the kubeconfig'});
		await store.switchContext('prod');
		const state = store.getState();
		expect(state.info.context).toBe('prod');
		expect(state.namespace).toBe('default');
		expect(sources.lastTap.stopped).toBe(true);
		expect(sources.closed).toBe(false);
	});

	it('stops ticking when closed', () => {
		const {time, store} = setup();
		store.start(web);
		expect(time.scheduled).toBe(1);
		store.close();
		expect(time.scheduled).toBe(0);
	});
});
