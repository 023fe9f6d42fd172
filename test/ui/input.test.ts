// keymap → command → store state, without rendering anything.
import {describe, expect, it} from 'vitest';
import {createStore, type Store} from '../../source/store/store.js';
import {runEffects} from '../../source/ui/effects.js';
import {handleKey} from '../../source/ui/input.js';
import {selectedRecord, streamRecords} from '../../source/ui/selectors.js';
import {initialUi, type UiState} from '../../source/ui/ui-state.js';
import {FakeSources, ManualTime, requestEvents} from './fixtures.js';

const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

class Driver {
	readonly sources = new FakeSources();
	readonly time = new ManualTime();
	readonly store: Store;
	ui: UiState;
	quit = false;
	/** Panes on screen, as the app passes them; undefined: all. */
	visible: UiState['focus'][] | undefined;

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
			const ctx = {data: this.store.getState(), serverFilter: this.store.getServerFilter(), pageSize: 10, visible: this.visible};
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
		expect(d.state.clientFilter.expr).toBe('e');
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

	it('/ on the stream is a filter applied as you type; esc in the prompt puts back the one before', () => {
		const d = new Driver(web).traffic(1);
		d.press('/');
		d.type('list');
		expect(d.state.clientFilter.expr).toBe('list');
		d.press('escape');
		expect(d.state.clientFilter.expr).toBeUndefined();
		d.press('/').type('status>=500').press('return');
		expect(d.state.clientFilter.expr).toBe('status>=500');
		d.press('/').type('x').press('escape');
		expect(d.state.clientFilter.expr).toBe('status>=500');
	});

	it('a filter that does not parse shows where and why, and the filter in force stays until it does', () => {
		const d = new Driver(web).traffic(2);
		d.press('/').type('status>=500').press('return');
		d.press('/');
		// Reopened, the text is selected: the first key replaces it.
		expect(d.ui.overlay).toMatchObject({kind: 'search', text: 'status>=500', selected: true});
		d.type('stauts>');
		expect(d.ui.overlay).toMatchObject({kind: 'search', text: 'stauts>'});
		expect(d.ui.overlay?.kind === 'search' && d.ui.overlay.error).toMatch(/at \d+/);
		// Applied as typed while it parsed (`stauts` is a text search), kept once it stopped parsing.
		expect(d.state.clientFilter.expr).toBe('stauts');
		// Enter on text that does not parse keeps the prompt open.
		d.press('return');
		expect(d.ui.overlay?.kind).toBe('search');
		d.press('backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace').type('latency>200ms').press('return');
		expect(d.ui.overlay).toBeNull();
		expect(d.state.clientFilter.expr).toBe('latency>200ms');
	});

	it('x toggles failures only; esc in a pane removes the newest filter, one per press, of any kind; c clears; nothing is deleted', () => {
		const d = new Driver(web);
		d.sources.lastTap.handlers.onEvents([
			...requestEvents({stream: 1}),
			...requestEvents({stream: 2, status: 503}),
			...requestEvents({stream: 3, grpc: 14}),
		]);
		d.time.advance(100);
		d.press('x');
		expect(d.state.snapshot.records.map(r => r.streamId)).toEqual([2, 3]);
		d.press(':').type('method GET').press('return');
		d.press('/').type('status=503').press('return');
		expect(d.state.snapshot.records.map(r => r.streamId)).toEqual([2]);
		expect(d.state.filterOrder).toEqual(['failuresOnly', 'method', 'expr']);
		d.press('escape');
		expect(d.state.clientFilter.expr).toBeUndefined();
		d.press('escape');
		expect(d.sources.lastTap.spec.method).toBeUndefined();
		// The tap restarted twice; every request captured before stays.
		expect(d.state.snapshot.records.map(r => r.streamId)).toEqual([2, 3]);
		d.press('escape');
		expect(d.state.snapshot.records.map(r => r.streamId)).toEqual([1, 2, 3]);
		d.press('x', 'n', 'c');
		expect(d.state.filterOrder).toEqual([]);
		expect(d.state.snapshot.records).toHaveLength(3);
	});

	it('q in the port picker closes the picker, not the app; e on a hidden mTLS pane says what changed', () => {
		const d = new Driver(web).traffic(1);
		d.press('p');
		expect(d.ui.overlay?.kind).toBe('ports');
		d.press('q');
		expect(d.quit).toBe(false);
		expect(d.ui.overlay).toBeNull();
		d.visible = ['stream'];
		d.press('e');
		expect(d.state.notice).toEqual({level: 'info', text: 'mTLS pane now shows all edges from metrics-api (tab to it)'});
	});

	it('enter on an mTLS edge filters the stream to that source and destination', () => {
		const d = new Driver(web);
		d.sources.lastTap.handlers.onEvents([...requestEvents({stream: 1}), ...requestEvents({stream: 2, from: 'vote-bot', direction: 'INBOUND'})]);
		d.time.advance(100);
		d.press('tab', 'tab');
		expect(d.ui.focus).toBe('mtls');
		const first = d.state.snapshot.mtls.edges[0]!;
		d.press('return');
		expect(d.ui.focus).toBe('stream');
		expect(d.state.clientFilter.expr).toBe(`src=${JSON.stringify(first.source)} and dst=${JSON.stringify(first.destination)}`);
		expect(d.state.snapshot.records.every(r => r.sourceName === first.source && r.destinationName === first.destination)).toBe(true);
		expect(d.state.snapshot.records.length).toBe(1);
	});

	it('the prompts edit like a shell: cursor keys, ctrl-a/e/u/w, history with ↑ ↓, Tab completion', () => {
		const d = new Driver(web).traffic(1);
		d.press('/').type('status=500').press('left', 'left', 'left', 'backspace').type('>').press('return');
		expect(d.state.clientFilter.expr).toBe('status>500');
		d.press('/');
		d.type('x').press('ctrl+a').type('not ').press('return');
		expect(d.state.clientFilter.expr).toBe('not x');
		d.press('/', 'up');
		expect(d.ui.overlay).toMatchObject({text: 'not x'});
		d.press('up');
		expect(d.ui.overlay).toMatchObject({text: 'status>500'});
		d.press('down', 'down');
		expect(d.ui.overlay).toMatchObject({text: ''});
		d.type('lat').press('tab');
		expect(d.ui.overlay).toMatchObject({text: 'latency '});
		d.type('>1s or stat').press('ctrl+w');
		expect(d.ui.overlay).toMatchObject({text: 'latency >1s or '});
		d.press('ctrl+u');
		expect(d.ui.overlay).toMatchObject({text: ''});
		d.press('escape');
		// : completes commands and their arguments: namespaces, workloads of the namespace.
		d.press(':').type('n').press('tab');
		expect(d.ui.overlay).toMatchObject({text: 'ns '});
		d.type('book').press('tab');
		expect(d.ui.overlay).toMatchObject({text: 'ns booksapp '});
		d.press('ctrl+u').type('tap deploy/v').press('tab');
		expect(d.ui.overlay).toMatchObject({text: 'tap deploy/vote-bot '});
		d.press('ctrl+u').type('m').press('tab');
		expect(d.ui.overlay).toMatchObject({text: 'm', choices: ['maxrps', 'method']});
	});

	it(':ns and :to say when what they name does not exist; :ctx alone lists contexts; :from takes an address', () => {
		const d = new Driver(web).traffic(1);
		d.press(':').type('ns nope').press('return');
		expect(d.ui.overlay).toMatchObject({kind: 'command', error: 'no namespace "nope" (there are: booksapp emojivoto kube-system)'});
		d.press('escape');
		d.press(':').type('to deploy/nonexistent').press('return');
		expect(d.state.notice?.text).toBe('no deployment "nonexistent" in emojivoto (the tap restarts with it anyway; check the name)');
		d.press(':').type('ctx').press('return');
		expect(d.state.notice?.text).toMatch(/^contexts: .*\(:ctx NAME switches\)$/);
		// :ctx with a name the kubeconfig lacks: said in the prompt, like :ns, with the names it has.
		d.press(':').type('ctx nope').press('return');
		expect(d.ui.overlay).toMatchObject({kind: 'command', error: 'no context "nope" (there are: kind-mesh prod)'});
		d.press('escape');
		d.press(':').type('from 10.1.0.5').press('return');
		expect(d.state.clientFilter.expr).toBe('src=10.1.0.5');
		expect(d.state.snapshot.records).toHaveLength(1);
	});

	it('D asks before it discards: only y goes ahead', () => {
		const d = new Driver(web).traffic(3);
		d.press('D');
		expect(d.ui.overlay).toMatchObject({kind: 'confirm', action: 'discard'});
		// The answer keys fit an 80-column footer.
		expect((d.ui.overlay as {question: string}).question.length).toBeLessThanOrEqual(80);
		expect((d.ui.overlay as {question: string}).question).toMatch(/y: discard, any other key: keep$/);
		d.press('q');
		expect(d.quit).toBe(false);
		expect(d.ui.overlay).toBeNull();
		expect(d.state.snapshot.records).toHaveLength(3);
		d.press(':').type('discard').press('return');
		d.press('y');
		expect(d.state.snapshot.records).toHaveLength(0);
		expect(d.state.notice?.text).toBe('discarded 3 captured requests');
	});

	it('s sorts the focused pane: the stream by latency then status, the navigator by SR', () => {
		const d = new Driver(web);
		d.sources.lastTap.handlers.onEvents([
			...requestEvents({stream: 1, latencyMs: 5}),
			...requestEvents({stream: 2, latencyMs: 900, status: 200}),
			...requestEvents({stream: 3, latencyMs: 50, status: 503}),
		]);
		d.time.advance(100);
		d.press('s');
		expect(d.ui.stream.sort).toBe('latency');
		expect(streamRecords(d.state, d.ui).map(r => r.streamId)).toEqual([2, 3, 1]);
		expect(selectedRecord(d.state, d.ui)?.streamId).toBe(2);
		d.press('s');
		expect(streamRecords(d.state, d.ui).map(r => r.streamId)[0]).toBe(3);
		d.press('s');
		expect(d.ui.stream).toMatchObject({sort: 'time', follow: true});
		d.press('shift+tab', 's');
		expect(d.ui.nav.sort).toBe('sr');
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
		expect(d.ui.overlay).toMatchObject({kind: 'command', text: 'port 99999', error: 'port must be 1-65535, got "99999"'});
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
