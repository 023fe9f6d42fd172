// A tap over many namespaces (-A, -n a,b,c): one tap session per namespace, merged into one
// event stream and one status (model/namespace-scope.ts). With -A the namespace list is
// watched and taps follow it; max-rps is split across the namespaces and re-split (those
// taps restarted) when their number changes. A namespace that fails stays failed and shown;
// the others go on. The whole ends when stopped, or when every namespace has failed.
import type {Resource} from '../model/resource.js';
import {combineStatus, namespacesToTap, specIn} from '../model/namespace-scope.js';
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
	let finish!: (failure: string | undefined) => void;
	const done = new Promise<string | undefined>(resolve => (finish = resolve));

	const publish = () => {
		if (!stopped && !applying) handlers.onStatus(combineStatus(spec, states, listed));
	};

	const end = (failure: string | undefined) => {
		if (stopped) return;
		stopped = true;
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
		const status = combineStatus(spec, states, listed);
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

	const apply = (listedNames: readonly string[]) => {
		if (stopped) return;
		const names = namespacesToTap(spec, listedNames);
		applying = true;
		for (const namespace of [...running.keys()]) if (!names.includes(namespace)) retire(namespace);
		for (const namespace of names) {
			const tap = running.get(namespace);
			// A new count re-splits max-rps: restart the taps that asked for another rate.
			if (tap && tap.maxRps !== specIn(spec, namespace, names.length).maxRps && states.get(namespace)?.state !== 'failed') retire(namespace);
			if (!running.has(namespace) && !(states.get(namespace)?.state === 'failed')) start(namespace, names.length);
		}
		applying = false;
		publish();
		checkAllFailed();
	};

	let stopList: (() => void) | undefined;
	if (spec.namespaces?.all) {
		if (!deps.watchNamespaces) throw new Error('-A needs a namespace list');
		publish();
		stopList = deps.watchNamespaces(
			names => {
				listed = true;
				apply(names);
			},
			message => {
				if (listed || stopped) return;
				const why = `could not list namespaces for -A: ${message}; name them with -n a,b,c`;
				handlers.onStatus({state: 'failed', message: why});
				// The TUI shows it and the watch keeps trying: a list that comes later starts the taps.
				if (deps.failWithoutList) end(why);
			},
		);
	} else apply([]);

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
