// The store between the data sources and the UI. Tap callbacks only queue events;
// a ~10 Hz tick ingests the queue into the model (so a burst never piles up), and the
// data view (snapshot, rate) is published at most once per refresh interval, like top's
// -d: every publish costs the UI a frame. Paused, only the "+N new" counter is published,
// at the same interval, and only when it changed.
import {MeshModel} from '../model/mesh-model.js';
import type {ClientFilter} from '../model/filters.js';
import type {RouteSort} from '../model/top-routes.js';
import type {MeshSources} from '../sources/types.js';
import type {Unsubscribe} from '../model/cluster.js';
import type {TapEvent} from '../model/event.js';
import {type Resource, resourceLabel} from '../model/resource.js';
import type {TapSpec, TapStatus} from '../model/tap-spec.js';
import {type FilterKey, filterKeysOf, isServerFilterKey, nextSort, type Notice, orderFilters, type StoreState} from './state.js';
import {describeServerChange} from './tap-change.js';
import {createPolicyPoller, initialPolicyView} from './policy.js';
import {createMetricsPoller, initialMetricsView} from './metrics.js';
import {RateWindow} from './rate.js';
import {defaultSchedule, type Schedule} from './schedule.js';
import {createStoreRecording} from './recording.js';
import {RECORDING_VERSION} from '../model/recording.js';

export type {Schedule} from './schedule.js';

export interface ModelOptions {
	bufferSize: number;
	ttlMs: number;
	maxRoutes: number;
	rpsWindowMs: number;
}

export interface StoreOptions {
	sources: MeshSources;
	model: ModelOptions;
	clock: () => number;
	schedule?: Schedule;
	/** Ingest interval: the queue is taken into the model this often (100 ms). */
	tickMs?: number;
	/** Data refresh interval (ms): the snapshot is published at most this often; 1000 by default. */
	refreshMs?: number;
	/** Server-side filters and tap settings other than the target. */
	spec?: Partial<TapSpec>;
	clientFilter?: ClientFilter;
	sort?: RouteSort;
	/** How often metrics-api is asked again; 10 s by default. */
	metricsPollMs?: number;
	/** metrics-api time window (Go duration); "1m" by default. */
	timeWindow?: string;
}

/** The part of a TapSpec the API applies: changing it restarts the tap. */
export type ServerFilter = Omit<TapSpec, 'target'>;
export type ServerFilterPatch = Partial<ServerFilter>;

export interface Store {
	getState(): StoreState;
	subscribe(listener: () => void): () => void;
	getServerFilter(): ServerFilter;
	start(target?: Resource | null): void;
	selectNamespace(namespace: string): void;
	tapTarget(target: Resource | null): void;
	/** The policy view opened or closed: its figures are polled only while it is open. */
	setPolicyOpen(open: boolean): void;
	setServerFilter(patch: ServerFilterPatch): void;
	setClientFilter(filter: ClientFilter): void;
	/** Removes the most recently added filter (client- or server-side); captured data stays. */
	removeLastFilter(): void;
	/** Removes every filter; captured data stays (only discard() deletes it). */
	clearFilters(): void;
	/** Deletes every captured request and statistic: the explicit, confirmed command. */
	discard(): void;
	pause(): void;
	resume(): void;
	togglePause(): void;
	cycleSort(): void;
	/** A new data refresh interval, clamped to refreshLimits; published at once. */
	setRefresh(ms: number): void;
	switchContext(context: string): Promise<void>;
	notify(notice: Notice | null): void;
	/**
	 * Records the running tap's raw frames to `path` until stopRecording, a tap change or close.
	 * `meshtop` is the version for the header; a notice says what happened.
	 */
	startRecording(path: string, options: {force: boolean; showSecrets: boolean; meshtop: string}): boolean;
	stopRecording(): void;
	/** Runs one tick now (the scheduled ticks call the same code). */
	flush(): void;
	close(): void;
}

/** Bounds and steps of the refresh interval (`-d`, `+`/`-`), in ms. */
export const refreshLimits = {min: 100, max: 60_000, default: 1000};
export const refreshSteps = [100, 200, 250, 500, 1000, 2000, 3000, 5000, 10_000, 30_000, 60_000];

/** The next step of the ladder faster (-1) or slower (+1) than `ms`. */
export function stepRefresh(ms: number, direction: 1 | -1): number {
	if (direction > 0) return refreshSteps.find(step => step > ms) ?? refreshLimits.max;
	return [...refreshSteps].reverse().find(step => step < ms) ?? refreshLimits.min;
}

export function clampRefresh(ms: number): number {
	if (!Number.isFinite(ms)) return refreshLimits.default;
	return Math.round(Math.min(refreshLimits.max, Math.max(refreshLimits.min, ms)));
}

/** The namespace a tap target puts the navigator and metrics in. */
function namespaceOf(target: Resource, current: string): string {
	return target.type === 'namespace' ? target.name : target.namespace || current;
}

export function createStore(options: StoreOptions): Store {
	const {clock, model: modelOptions} = options;
	const schedule = options.schedule ?? defaultSchedule;
	const tickMs = options.tickMs ?? 100;
	let refreshMs = clampRefresh(options.refreshMs ?? refreshLimits.default);
	let sources = options.sources;
	const model = new MeshModel(modelOptions);
	const rate = new RateWindow(1000, clock());
	// Inbound requests the tap delivered, over 10 s: the tap hands over bursts once a second, and
	// this is compared with metrics-api's rate for the honest-sampling figure.
	let inboundRate = new RateWindow(10_000, clock());
	let serverFilter: ServerFilter = {maxRps: 100, extractHeaders: true, ...withoutTarget(options.spec)};
	if (options.clientFilter) model.setFilter(options.clientFilter, clock());

	let queue: Array<{events: TapEvent[]; at: number}> = [];
	let queuedRequests = 0;
	let queuedInbound = 0;
	// Requests taken in since the pause; published as newSincePause at the refresh interval.
	let pausedNew = 0;
	let tapGeneration = 0;
	let stopTap: Unsubscribe | undefined;
	let stopNamespaces: Unsubscribe | undefined;
	let stopWorkloads: Unsubscribe | undefined;
	let cancelTick: (() => void) | undefined;
	// When the scheduled tick runs: the ingest interval while events wait, else the next refresh.
	let nextTickAt = Infinity;
	let started = false;
	let lastPublish = -Infinity;
	let closed = false;
	const listeners = new Set<() => void>();
	const recording = createStoreRecording();

	const now0 = clock();
	let state: StoreState = {
		info: sources.info,
		switchingContext: false,
		namespaces: [],
		namespacesError: null,
		namespace: sources.info.namespace,
		workloads: [],
		workloadsError: null,
		target: null,
		spec: null,
		tapStatus: null,
		badFrames: 0,
		lastBadFrame: null,
		clientFilter: model.filter,
		filterOrder: filterKeysOf(model.filter, serverFilter),
		eventsPerSecond: 0,
		inboundRequestsPerSecond: 0,
		paused: false,
		newSincePause: 0,
		snapshot: model.snapshot(now0, options.sort ?? 'count'),
		sort: options.sort ?? 'count',
		now: now0,
		notice: null,
		metrics: initialMetricsView(Boolean(sources.metrics), sources.info.namespace, options.timeWindow ?? '1m'),
		policy: initialPolicyView(options.timeWindow ?? '1m'),
		refreshMs,
		recording: null,
		version: 0,
	};

	function set(patch: Partial<StoreState>): void {
		state = {...state, ...patch, version: state.version + 1};
		for (const listener of listeners) listener();
	}

	const policy = createPolicyPoller({
		sources: () => sources,
		target: () => state.target,
		view: () => state.policy,
		publish: view => set({policy: view}),
		clock,
		schedule,
		pollMs: options.metricsPollMs ?? 10_000,
	});

	const metrics = createMetricsPoller({
		sources: () => sources,
		query: () => ({namespace: state.namespace, target: state.target}),
		view: () => state.metrics,
		publish: view => set({metrics: view}),
		clock,
		schedule,
		pollMs: options.metricsPollMs ?? 10_000,
		timeWindow: options.timeWindow ?? '1m',
	});

	function liveSnapshot(now: number, freeze = false): Partial<StoreState> {
		lastPublish = now;
		// Records are updated in place as responses arrive; a paused view needs copies.
		return {snapshot: model.snapshot(now, state.sort, {freeze}), now, clientFilter: model.filter, recording: recording.view()};
	}

	function tick(): void {
		cancelTick = undefined;
		nextTickAt = Infinity;
		if (closed) return;
		const now = clock();
		const batch = queue;
		const requests = queuedRequests;
		const inbound = queuedInbound;
		queue = [];
		queuedRequests = 0;
		queuedInbound = 0;
		let count = 0;
		for (const chunk of batch) {
			model.ingest(chunk.events, chunk.at);
			count += chunk.events.length;
		}
		model.tick(now);
		// Sources created before they were connected (pendingSources) learn their real context later.
		if (sources.info !== state.info && !state.switchingContext) set({info: sources.info});
		rate.add(now, count);
		inboundRate.add(now, inbound);
		pausedNew += requests;
		// Each refresh publishes even with nothing new: rates decay and requests expire on
		// screen. The UI draws only when what it shows changed (ui/visible.ts).
		// A replay's clock stands still between recorded frames (and after the last): what it
		// brought in is shown at once, or a short recording would never reach the interval.
		const replayed = count > 0 && sources.info.replay !== undefined;
		if (now - lastPublish >= refreshMs || replayed) {
			if (state.paused) {
				lastPublish = now;
				// The frozen view's rate stays frozen too: only the counter moves.
				if (pausedNew !== state.newSincePause) set({newSincePause: pausedNew});
			} else {
				set({...liveSnapshot(now), eventsPerSecond: rate.perSecond(now), inboundRequestsPerSecond: inboundRate.perSecondExact(now)});
			}
		}
		// Nothing waiting: sleep until the next refresh (a quiet meshtop wakes once per interval).
		arm(lastPublish + refreshMs);
	}

	/** Makes sure a tick runs by `at` (clock time); an earlier one already scheduled stays. */
	function arm(at: number): void {
		if (closed || !started || !Number.isFinite(at)) return;
		if (cancelTick && nextTickAt <= at) return;
		cancelTick?.();
		const now = clock();
		nextTickAt = Math.max(at, now);
		cancelTick = schedule(tick, nextTickAt - now);
	}

	function handlers(generation: number) {
		const current = () => generation === tapGeneration && !closed;
		return {
			onEvents(events: TapEvent[], frames?: Uint8Array[]) {
				if (!current() || events.length === 0) return;
				const at = clock();
				if (frames) recording.add(frames, at);
				queue.push({events, at});
				for (const event of events) {
					if (event.http?.kind !== 'requestInit') continue;
					queuedRequests++;
					if (event.proxyDirection === 'INBOUND') queuedInbound++;
				}
				arm(at + tickMs);
			},
			onStatus(status: TapStatus) {
				if (current()) set({tapStatus: status});
			},
			onBadFrame(reason: string) {
				if (current()) set({badFrames: state.badFrames + 1, lastBadFrame: reason});
			},
		};
	}

	/**
	 * Starts the tap for the current target and server filter. What was captured stays: the
	 * queue is ingested first, open requests of the old tap expire, and a marker row says
	 * what changed (`change`), so nothing is discarded silently.
	 */
	function restartTap(change?: string): void {
		// A recording holds one tap: a new target or server filter ends it.
		const stopped = recording.stop('the tap changed, so the recording stopped');
		if (stopped) state = {...state, notice: {level: 'info', text: stopped}};
		stopTap?.();
		stopTap = undefined;
		tapGeneration++;
		const now0 = clock();
		for (const chunk of queue) model.ingest(chunk.events, chunk.at);
		queue = [];
		queuedRequests = 0;
		queuedInbound = 0;
		// A new target or filter samples different traffic: its share starts afresh.
		inboundRate = new RateWindow(10_000, now0);
		if (change) model.interrupt(change, now0);
		const target = state.target;
		const spec: TapSpec | null = target ? {...serverFilter, target} : null;
		const now = clock();
		set({
			spec,
			filterOrder: orderFilters(state.filterOrder, filterKeysOf(model.filter, serverFilter)),
			tapStatus: spec ? {state: 'connecting', attempt: 1} : null,
			badFrames: 0,
			lastBadFrame: null,
			...liveSnapshot(now, state.paused),
		});
		if (spec) stopTap = sources.tap(spec, handlers(tapGeneration));
	}

	function watchWorkloads(namespace: string): void {
		stopWorkloads?.();
		const watched = sources;
		stopWorkloads = watched.watchWorkloads(
			namespace,
			workloads => {
				if (watched === sources && state.namespace === namespace) set({workloads, workloadsError: null});
			},
			message => {
				if (watched === sources && state.namespace === namespace) set({workloadsError: message});
			},
		);
	}

	function watchNamespaces(): void {
		stopNamespaces?.();
		const watched = sources;
		stopNamespaces = watched.watchNamespaces(
			namespaces => {
				if (watched === sources) set({namespaces, namespacesError: null});
			},
			message => {
				if (watched === sources) set({namespacesError: message});
			},
		);
	}

	function removeFilter(key: FilterKey): void {
		if (key in serverFilter && isServerFilterKey(key)) {
			store.setServerFilter({[key]: undefined});
			return;
		}
		const {[key as keyof ClientFilter]: _removed, ...rest} = model.filter;
		store.setClientFilter(rest);
	}

	function refreshView(): void {
		// A filter or sort change while paused refreshes the frozen view on purpose:
		// the user asked for a different view of the same moment.
		const now = clock();
		if (state.paused) pausedNew = 0;
		set({...liveSnapshot(now, state.paused), ...(state.paused ? {newSincePause: 0} : {})});
	}

	const store: Store = {
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getServerFilter: () => serverFilter,
		start(target) {
			watchNamespaces();
			watchWorkloads(state.namespace);
			if (target) {
				state = {...state, target, namespace: namespaceOf(target, state.namespace)};
				watchWorkloads(state.namespace);
				restartTap();
			}
			metrics.retarget();
			metrics.start();
			started = true;
			arm(clock() + tickMs);
		},
		selectNamespace(namespace) {
			if (namespace === state.namespace && stopWorkloads) return;
			set({namespace, workloads: [], workloadsError: null});
			watchWorkloads(namespace);
			metrics.retarget();
		},
		tapTarget(target) {
			const previous = state.target;
			// A target picked in the UI is one tap: -A / -n a,b,c applied to the start target only.
			if (serverFilter.namespaces) {
				const {namespaces: _scope, ...single} = serverFilter;
				serverFilter = single;
			}
			state = {...state, target};
			restartTap(previous ? `tap changed to ${target ? resourceLabel(target) : 'nothing'} (was ${resourceLabel(previous)})` : undefined);
			// As at start: the navigator, the workload metrics and the sampling figures follow the
			// tapped namespace, so the header's "ns" is the tap's and its share can be computed.
			const namespace = target ? namespaceOf(target, state.namespace) : state.namespace;
			if (namespace !== state.namespace) {
				set({namespace, workloads: [], workloadsError: null});
				watchWorkloads(namespace);
			}
			metrics.retarget();
			policy.retarget();
		},
		setPolicyOpen(open) {
			policy.want(open);
		},
		setServerFilter(patch) {
			const before = serverFilter;
			serverFilter = {...serverFilter, ...patch};
			for (const key of Object.keys(patch) as Array<keyof ServerFilter>) {
				if (patch[key] === undefined) delete serverFilter[key];
			}
			if (serverFilter.maxRps === undefined) serverFilter.maxRps = 100;
			if (serverFilter.extractHeaders === undefined) serverFilter.extractHeaders = true;
			restartTap(state.target ? describeServerChange(before, serverFilter) : undefined);
		},
		setClientFilter(filter) {
			model.setFilter(filter, clock());
			state = {...state, filterOrder: orderFilters(state.filterOrder, filterKeysOf(filter, serverFilter))};
			refreshView();
		},
		removeLastFilter() {
			const last = state.filterOrder.at(-1);
			if (last === undefined) return;
			removeFilter(last);
		},
		clearFilters() {
			const serverSide = filterKeysOf({}, serverFilter).length > 0;
			model.setFilter({}, clock());
			if (serverSide) {
				const before = serverFilter;
				serverFilter = {maxRps: 100, extractHeaders: serverFilter.extractHeaders, ...(serverFilter.namespaces ? {namespaces: serverFilter.namespaces} : {})};
				restartTap(state.target ? describeServerChange(before, serverFilter) : undefined);
			} else {
				state = {...state, filterOrder: []};
				refreshView();
			}
		},
		discard() {
			const kept = model.buffer.size;
			const now = clock();
			model.clear();
			model.mark(`discarded ${kept} captured requests`, now);
			set({...liveSnapshot(now, state.paused), ...(state.paused ? {newSincePause: 0} : {}), notice: {level: 'info', text: `discarded ${kept} captured requests`}});
		},
		pause() {
			if (state.paused) return;
			pausedNew = 0;
			set({paused: true, newSincePause: 0, ...liveSnapshot(clock(), true)});
		},
		resume() {
			if (!state.paused) return;
			// Jump to live: take the queue in now rather than on the next tick.
			state = {...state, paused: false, newSincePause: 0};
			pausedNew = 0;
			lastPublish = Infinity;
			cancelTick?.();
			cancelTick = undefined;
			tick();
			const now = clock();
			set({...liveSnapshot(now), eventsPerSecond: rate.perSecond(now)});
			arm(lastPublish + refreshMs);
		},
		togglePause() {
			if (state.paused) store.resume();
			else store.pause();
		},
		cycleSort() {
			state = {...state, sort: nextSort(state.sort)};
			refreshView();
		},
		setRefresh(ms) {
			const next = clampRefresh(ms);
			if (next === refreshMs) return;
			refreshMs = next;
			set({refreshMs});
			// A shorter interval may be due sooner than the tick now scheduled.
			arm(lastPublish + refreshMs);
		},
		async switchContext(context) {
			if (context === state.info.context) return;
			set({switchingContext: true, notice: {level: 'info', text: `switching to context ${context}…`}});
			let next: MeshSources;
			try {
				next = await sources.withContext(context);
			} catch (error) {
				set({switchingContext: false, notice: {level: 'error', text: `context ${context}: ${errorText(error)}`}});
				return;
			}
			if (closed) {
				next.close();
				return;
			}
			stopTap?.();
			stopTap = undefined;
			stopWorkloads?.();
			stopNamespaces?.();
			if (sources !== options.sources) sources.close();
			sources = next;
			set({
				info: next.info,
				switchingContext: false,
				namespaces: [],
				workloads: [],
				namespace: next.info.namespace,
				notice: {level: 'info', text: `context ${next.info.context}`},
			});
			watchNamespaces();
			watchWorkloads(state.namespace);
			restartTap();
			metrics.retarget(true);
			policy.retarget();
		},
		notify(notice) {
			set({notice});
		},
		startRecording(path, options) {
			if (!state.spec) {
				set({notice: {level: 'error', text: 'nothing is tapped: tap a workload first (enter, or :tap RES), then record'}});
				return false;
			}
			const header = {format: RECORDING_VERSION, meshtop: options.meshtop, context: state.info.context, server: state.info.server, spec: state.spec, startedAt: clock(), showSecrets: options.showSecrets};
			const onError = (text: string) => set({notice: {level: 'error', text}, recording: null});
			const started = recording.start(path, header, options.force, onError);
			set({notice: {level: started.ok ? 'info' : 'error', text: started.text}, recording: recording.view()});
			return started.ok;
		},
		stopRecording() {
			const text = recording.stop();
			set({notice: {level: text ? 'info' : 'error', text: text ?? 'not recording; R or :record FILE starts'}, recording: null});
		},
		flush() {
			cancelTick?.();
			tick();
		},
		close() {
			if (closed) return;
			closed = true;
			recording.stop();
			cancelTick?.();
			metrics.close();
			policy.close();
			stopTap?.();
			stopWorkloads?.();
			stopNamespaces?.();
			// The caller closes the sources it passed in; ones made by `:ctx` are ours.
			if (sources !== options.sources) sources.close();
			listeners.clear();
		},
	};
	return store;
}

function withoutTarget(spec: Partial<TapSpec> | undefined): Partial<ServerFilter> {
	if (!spec) return {};
	const {target: _target, ...rest} = spec;
	return rest;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
