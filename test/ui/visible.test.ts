// ui/visible.ts: the view key changes when a row on screen changes, not when one out of view does.
import {describe, expect, it} from 'vitest';
import {createStore} from '../../source/store/store.js';
import {computeLayout} from '../../source/ui/layout.js';
import {initialUi} from '../../source/ui/ui-state.js';
import {otherFieldsChanged, viewKey} from '../../source/ui/visible.js';
import {FakeSources, ManualTime, requestEvents} from './fixtures.js';

const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

function filled(count: number) {
	const sources = new FakeSources();
	const time = new ManualTime();
	const store = createStore({sources, model: {bufferSize: 1000, ttlMs: 30_000, maxRoutes: 50, rpsWindowMs: 10_000}, clock: time.clock, schedule: time.schedule, refreshMs: 100});
	store.start(web);
	const events = [];
	for (let stream = 0; stream < count; stream++) events.push(requestEvents({stream})[0]!);
	sources.lastTap.handlers.onEvents(events);
	time.advance(100);
	return {store, time, sources};
}

describe('view key', () => {
	const ui = initialUi(true);
	const layout = computeLayout(80, 24, 'stream');
	const key = (store: ReturnType<typeof filled>['store']) => viewKey(store.getState(), ui, layout, store.getServerFilter(), false);

	it('ignores a change to a request out of view and sees one in view', () => {
		const {store} = filled(200);
		const records = store.getState().snapshot.records;
		const before = key(store);
		// Following live, the window holds the newest ~20 of 200: the oldest is far out of it.
		records[0]!.httpStatus = 503;
		records[0]!.state = 'done';
		expect(key(store)).toBe(before);
		records.at(-1)!.httpStatus = 503;
		expect(key(store)).not.toBe(before);
	});

	it('treats any other field as visible (a notice, the pause, the refresh)', () => {
		const {store} = filled(3);
		const shown = store.getState();
		store.notify({level: 'info', text: 'hello'});
		expect(otherFieldsChanged(shown, store.getState())).toBe(true);
		const noticed = store.getState();
		store.setRefresh(2000);
		expect(otherFieldsChanged(noticed, store.getState())).toBe(true);
	});

	it('is the same for two refreshes that show the same rows', () => {
		const {store, time} = filled(30);
		// Past the rate window: the header's ev/s has settled at 0.
		time.advance(1500);
		const before = key(store);
		const state = store.getState();
		time.advance(100);
		time.advance(100);
		expect(store.getState()).not.toBe(state);
		expect(otherFieldsChanged(state, store.getState())).toBe(false);
		expect(key(store)).toBe(before);
	});
});
