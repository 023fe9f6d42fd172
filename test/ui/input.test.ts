// keymap → command → store state, without rendering anything.
import {describe, expect, it} from 'vitest';
import {createStore, type Store} from '../../source/store/store.js';
import {runEffects} from '../../source/ui/effects.js';
import {handleKey} from '../../source/ui/input.js';
import {initialUi, type UiState} from '../../source/ui/ui-state.js';
import {FakeSources, ManualTime, requestEvents} from './fixtures.js';

const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

class Driver {
	readonly sources = new FakeSources();
	readonly time = new ManualTime();
	readonly store: Store;
	ui: UiState;
	quit = false;

	constructor(target: typeof web | null) {
		this.store = createStore({
			sources: this.sources,
			model: {bufferSize: 100, ttlMs: 30_000, maxRoutes: 50, rpsWindowMs: 10_000},
			clock: this.time.clock,
			schedule: this.time.schedule,
			refreshMs: 100,
		});
		this.ui = initialUi(Boolean(target));
		this.store.start(target);
	}

	/** Keys by name as keyName() produces them; single characters are typed as is. */
	press(...names: string[]): this {
		for (const name of names) {
			const input = name.length === 1 ? name : name === 'space' ? ' ' : '';
			const ctx = {data: this.store.getState(), serverFilter: this.store.getServerFilter(), pageSize: 10};
			const outcome = handleKey(this.ui, name, input, ctx);
			this.ui = outcome.ui;
			if (runEffects(this.store, outcome.effects)) this.quit = true;
		}
		return this;
	}

	type(text: string): this {
		return this.press(...[...text].map(ch => (ch === ' ' ? 'space' : ch)));
	}

	traffic(count: number, port = 8080): this {
		const events = [];
		for (let i = 0; i < count; i++) events.push(...requestEvents({stream: 100 + i, port}));
		this.sources.lastTap.handlers.onEvents(events);
		this.time.advance(100);
		return this;
	}

	get state() {
		return this.store.getState();
	}
}

describe('keyboard contract', () => {
	it('q and ctrl-c quit; esc closes overlays', () => {
		expect(new Driver(web).press('q').quit).toBe(true);
		expect(new Driver(web).press('ctrl+c').quit).toBe(true);
		const d = new Driver(web).press('?');
		expect(d.ui.overlay?.kind).toBe('help');
		d.press('escape');
		expect(d.ui.overlay).toBeNull();
		expect(d.quit).toBe(false);
	});

	it('navigator: enter opens a namespace, then taps a workload; esc goes back', () => {
		const d = new Driver(null);
		expect(d.ui.focus).toBe('navigator');
		// The cursor starts on the context's namespace (emojivoto, the second row), not the first row.
		d.press('return');
		expect(d.state.namespace).toBe('emojivoto');
		expect(d.ui.nav.level).toBe('workloads');
		d.press('j', 'j', 'j', 'return');
		expect(d.state.target).toEqual(web);
		expect(d.sources.lastTap.spec.target).toEqual(web);
		expect(d.ui.focus).toBe('stream');
		d.press('shift+tab', 'escape');
		expect(d.ui.nav).toEqual({level: 'namespaces', cursor: 1, query: ''});
	});

	it('navigator: the whole-namespace row taps ns/NAME; / filters the list as you type', () => {
		const d = new Driver(null).press('return', '/');
		d.type('vote');
		expect(d.ui.nav.query).toBe('vote');
		d.press('return', 'down', 'return');
		expect(d.state.target).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'vote-bot'});
		const all = new Driver(null).press('return', 'return');
		expect(all.state.target).toEqual({namespace: '', type: 'namespace', name: 'emojivoto'});
	});

	it('the navigator starts on the context namespace until the cursor moves', () => {
		const d = new Driver(null);
		expect(d.ui.nav).toEqual({level: 'namespaces', cursor: 0, query: '', anchored: true});
		d.press('up');
		expect(d.ui.nav).toEqual({level: 'namespaces', cursor: 0, query: ''});
		d.press('return');
		expect(d.state.namespace).toBe('booksapp');
		const down = new Driver(null).press('down', 'return');
		expect(down.state.namespace).toBe('kube-system');
	});

	it('e switches the mTLS pane between tap samples and metrics-api edges, from any pane', () => {
		const d = new Driver(web);
		expect(d.ui.mtls).toEqual({selectedKey: null, view: 'tap'});
		d.press('e');
		expect(d.ui.mtls).toEqual({selectedKey: null, view: 'metrics'});
		d.press('tab', 'tab', 'e');
		expect(d.ui.focus).toBe('mtls');
		expect(d.ui.mtls).toEqual({selectedKey: null, view: 'tap'});
		// Typed into a filter, e is text, not the command.
		d.press('/', 'e');
		expect(d.ui.mtls.view).toBe('tap');
		expect(d.state.clientFilter.text).toBe('e');
	});

	it('t and f toggle to/from = the workload selected in the navigator', () => {
		const d = new Driver(web).press('shift+tab', 'down');
		d.press('t');
		expect(d.sources.lastTap.spec.to).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		d.press('f');
		expect(d.state.clientFilter.from).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		d.press('t', 'f');
		expect(d.sources.lastTap.spec.to).toBeUndefined();
		expect(d.state.clientFilter.from).toBeUndefined();
		const none = new Driver(web).press('t');
		expect(none.state.notice).toEqual({level: 'error', text: 't: select a workload in the navigator first'});
	});

	it('space pauses and resumes; enter on the stream opens the selected request', () => {
		const d = new Driver(web).traffic(3);
		const newest = d.state.snapshot.records.at(-1)!.seq;
		d.press('space');
		expect(d.state.paused).toBe(true);
		d.traffic(2);
		expect(d.state.newSincePause).toBe(2);
		d.press('return');
		expect(d.ui.overlay).toMatchObject({kind: 'detail', seq: newest});
		d.press('escape', 'space');
		expect(d.state.paused).toBe(false);
		expect(d.state.snapshot.records).toHaveLength(5);
		expect(d.ui.stream.follow).toBe(true);
	});

	it('arrows, g/G and PgUp/PgDn move the stream selection; F follows live again', () => {
		const d = new Driver(web).traffic(30);
		const seqs = d.state.snapshot.records.map(r => r.seq);
		d.press('up');
		expect(d.ui.stream).toEqual({selectedSeq: seqs[28], follow: false});
		d.press('pageup');
		expect(d.ui.stream.selectedSeq).toBe(seqs[18]);
		d.press('g');
		expect(d.ui.stream.selectedSeq).toBe(seqs[0]);
		d.press('pagedown', 'k', 'j', 'j');
		expect(d.ui.stream.selectedSeq).toBe(seqs[11]);
		d.press('G');
		expect(d.ui.stream).toEqual({selectedSeq: null, follow: true});
		d.press('up', 'F');
		expect(d.ui.stream.follow).toBe(true);
	});

	it('p opens the port picker: pick a seen port, or type one', () => {
		const d = new Driver(web).traffic(2, 8080).traffic(1, 9090);
		d.press('p', 'down', 'return');
		expect(d.state.clientFilter.port).toBe(8080);
		expect(d.state.snapshot.records).toHaveLength(2);
		d.press('p', '9', '0', '9', '0', 'return');
		expect(d.state.clientFilter.port).toBe(9090);
		d.press('p', 'return');
		expect(d.state.clientFilter.port).toBeUndefined();
	});

	it('/ on the stream is a text filter applied as you type; esc drops it', () => {
		const d = new Driver(web).traffic(1);
		d.press('/');
		d.type('list');
		expect(d.state.clientFilter.text).toBe('list');
		d.press('escape');
		expect(d.state.clientFilter.text).toBeUndefined();
	});

	it('s cycles the route sort from any pane', () => {
		const d = new Driver(web).press('tab', 's');
		expect(d.state.sort).toBe('success');
	});

	it(': runs commands and shows errors inline', async () => {
		const d = new Driver(web);
		d.press(':').type('method get').press('return');
		expect(d.sources.lastTap.spec.method).toBe('GET');
		d.press(':').type('path /api').press('return');
		expect(d.sources.lastTap.spec.path).toBe('/api');
		d.press(':').type('to deploy/emoji').press('return');
		expect(d.sources.lastTap.spec.to).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		d.press(':').type('from deploy/vote-bot').press('return');
		expect(d.state.clientFilter.from).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'vote-bot'});
		d.press(':').type('port 8080').press('return');
		expect(d.state.clientFilter.port).toBe(8080);
		d.press(':').type('port 99999').press('return');
		expect(d.ui.overlay).toEqual({kind: 'command', text: 'port 99999', error: 'port must be 1-65535, got "99999"'});
		d.press('escape', ':').type('clear').press('return');
		expect(d.sources.lastTap.spec).toEqual({target: web, maxRps: 100, extractHeaders: true});
		expect(d.state.clientFilter).toEqual({});
		d.press(':').type('tap sts/db').press('return');
		expect(d.state.target).toEqual({namespace: 'emojivoto', type: 'statefulset', name: 'db'});
		d.press(':').type('ns booksapp').press('return');
		expect(d.state.namespace).toBe('booksapp');
		expect(d.ui.focus).toBe('navigator');
		d.press(':').type('ctx prod').press('return');
		await Promise.resolve();
		await Promise.resolve();
		expect(d.state.info.context).toBe('prod');
		d.press(':').type('q').press('return');
		expect(d.quit).toBe(true);
	});
});
