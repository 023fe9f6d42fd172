// A tap over many namespaces (-A, -n a,b,c): one tap session per namespace, merged into one
// event stream and one status (model/namespace-scope.ts). With -A the namespace list is
// watched and taps follow it; max-rps is split across the namespaces that have not failed and
// re-split (those taps restarted) when their number changes: when namespaces come or go, and
// when failures have settled (none for `settleMs`: under -A every unmeshed namespace fails
// within moments, so they cost one restart, not one each) a failed namespace gives its share
// back. A namespace that fails stays failed and shown; the others go on. The whole
// ends when stopped, or when every namespace has failed.
import type {Resource} from '../model/resource.js';
import {activeCount, combineStatus, namespacesToTap, specIn} from '../model/namespace-scope.js';
import type {TapSession} from './session.js';
import type {TapHandlers, TapSpec, TapStatus} from './types.js';

export interface MultiTapDeps {
	/** One namespace's tap (startTapSession with the caller's context and options). */
	startSession(spec: TapSpec, handlers: TapHandlers): TapSession;
	/** Re-tap a namespace when its target's pods change; returns a stop function. */
	watchPods?(target: Resource, onChange: (reason: string) => void): () => void;
	/** With -A: the namespace names, each time they change. */
	watchNamespaces?(onList: (names: string[]) => void, onError: (message: string) => void): () => void;
	/** Give up when the first namespace list fails (headless); otherwise keep waiting for it. */
	failWithoutList?: boolean;
	/** How long no namespace must fail before the failures count as settled (ms; 1000). */
	settleMs?: number;
}

interface Running {
	session: TapSession;
	stopWatch?: () => void;
	maxRps: number;
	/** Stopped on purpose (namespace gone, rate re-split): its end is not a failure. */
	retired: boolean;
}

export function startMultiTapSession(spec: TapSpec, handlers: TapHandlers, deps: MultiTapDeps): TapSession {
	const running = new Map<string, Running>();
	const states = new Map<string, TapStatus>();
	let listed = !spec.namespaces?.all;
	let stopped = false;
	/** Starting a batch of taps: one status at the end, not one per tap. */
	let applying = false;
	/** The namespaces of the last apply, and how many taps max-rps was split across then. */
	let lastNames: readonly string[] = [];
	let splitAcross = 0;
	let settled = false;
	let settleTimer: ReturnType<typeof setTimeout> | undefined;
	let finish!: (failure: string | undefined) => void;
	const done = new Promise<string | undefined>(resolve => (finish = resolve));

	const publish = () => {
		if (!stopped && !applying) handlers.onStatus(combineStatus(spec, states, listed, splitAcross, settled));
	};

	const end = (failure: string | undefined) => {
		if (stopped) return;
		stopped = true;
		clearTimeout(settleTimer);
		stopList?.();
		for (const tap of running.values()) {
			tap.retired = true;
			tap.stopWatch?.();
			tap.session.stop();
		}
		finish(failure);
	};

	/** Every namespace tapped has failed: nothing is left to show. */
	const checkAllFailed = () => {
		if (!listed || states.size === 0) return;
		for (const status of states.values()) if (status.state !== 'failed') return;
		const status = combineStatus(spec, states, listed, splitAcross, true);
		handlers.onStatus(status);
		end(status.state === 'failed' ? status.message : 'every namespace failed');
	};

	const start = (namespace: string, count: number) => {
		const one = specIn(spec, namespace, count);
		const tap = {maxRps: one.maxRps, retired: false} as Running;
		states.set(namespace, {state: 'connecting', attempt: 1});
		tap.session = deps.startSession(one, {
			onEvents: events => handlers.onEvents(events),
			onBadFrame: reason => handlers.onBadFrame?.(reason),
			onStatus: status => {
				if (tap.retired || stopped) return;
				states.set(namespace, status);
				publish();
			},
		});
		tap.stopWatch = deps.watchPods?.(one.target, reason => tap.session.retap(reason));
		running.set(namespace, tap);
		void tap.session.done.then(failure => {
			tap.stopWatch?.();
			if (tap.retired || stopped) return;
			if (failure !== undefined) states.set(namespace, {state: 'failed', message: failure});
			unsettle();
			publish();
			checkAllFailed();
		});
	};

	const retire = (namespace: string) => {
		const tap = running.get(namespace);
		if (!tap) return;
		tap.retired = true;
		tap.stopWatch?.();
		tap.session.stop();
		running.delete(namespace);
		states.delete(namespace);
	};

	/** `resplit`: only failed namespaces' shares given back, the failures already settled. */
	const apply = (names: readonly string[], resplit = false) => {
		if (stopped) return;
		lastNames = names;
		applying = true;
		for (const namespace of [...running.keys()]) if (!names.includes(namespace)) retire(namespace);
		const failed = (namespace: string) => states.get(namespace)?.state === 'failed';
		const count = Math.max(1, names.filter(namespace => !failed(namespace)).length);
		splitAcross = count;
		for (const namespace of names) {
			const tap = running.get(namespace);
			// A new count re-splits max-rps: restart the taps that asked for another rate.
			if (tap && tap.maxRps !== specIn(spec, namespace, count).maxRps && !failed(namespace)) retire(namespace);
			if (!running.has(namespace) && !failed(namespace)) start(namespace, count);
		}
		applying = false;
		if (!resplit) unsettle();
		publish();
		checkAllFailed();
	};

	/** Taps started or one failed: wait for a quiet moment, then give failed namespaces' shares back. */
	const unsettle = () => {
		settled = false;
		clearTimeout(settleTimer);
		settleTimer = setTimeout(() => {
			if (stopped) return;
			settled = true;
			const active = activeCount(states);
			if (active > 0 && active !== splitAcross) apply(lastNames, true);
			else publish();
		}, deps.settleMs ?? 1000);
		settleTimer.unref?.();
	};

	let stopList: (() => void) | undefined;
	if (spec.namespaces?.all) {
		if (!deps.watchNamespaces) throw new Error('-A needs a namespace list');
		publish();
		stopList = deps.watchNamespaces(
			names => {
				listed = true;
				apply(namespacesToTap(spec, names));
			},
			message => {
				if (listed || stopped) return;
				const why = `could not list namespaces for -A: ${message}; name them with -n a,b,c`;
				handlers.onStatus({state: 'failed', message: why});
				// The TUI shows it and the watch keeps trying: a list that comes later starts the taps.
				if (deps.failWithoutList) end(why);
			},
		);
	} else apply(namespacesToTap(spec, []));

	return {
		stop: () => {
			if (stopped) return;
			end(undefined);
			handlers.onStatus({state: 'stopped'});
		},
		retap: reason => {
			for (const tap of running.values()) tap.session.retap(reason);
		},
		done,
	};
}
