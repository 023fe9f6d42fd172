// A tap that stays up: reconnects with capped backoff when an established stream ends or
// breaks, re-taps on demand (the tap server fixes its pod list at start, so a rollout
// silently ends a tap), and stops for good on errors only the user can fix.
import {KubeError} from '../kube/errors.js';
import {backoffDelay, type BackoffPolicy, defaultBackoff} from '../kube/backoff.js';
import {type TapContext, tapOnce, TapServerError} from './stream.js';
import type {TapHandlers, TapSpec} from './types.js';

export interface SessionTiming {
	now(): number;
	/** Resolves after ms, or rejects when the signal aborts. Injected so tests take no time. */
	delay(ms: number, signal: AbortSignal): Promise<void>;
	random?: () => number;
}

export interface SessionOptions {
	timing?: SessionTiming;
	backoff?: BackoffPolicy;
	/** Headless runs fail fast when the very first attempt fails; the TUI keeps trying. */
	retryBeforeFirstStream?: boolean;
	/** Called for errors that might go away with fresh credentials (401); return true to retry once at once. */
	reloadCredentials?: () => Promise<boolean>;
}

export interface TapSession {
	stop(): void;
	/** Drop the current stream and tap again at once (pods changed). */
	retap(reason: string): void;
	/** Resolves when the session ends: undefined after stop(), the error message after a fatal error. */
	done: Promise<string | undefined>;
}

export const realTiming: SessionTiming = {
	now: () => Date.now(),
	delay: (ms, signal) =>
		new Promise((resolve, reject) => {
			if (signal.aborted) {
				reject(signal.reason);
				return;
			}
			const timer = setTimeout(() => {
				signal.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			const onAbort = () => {
				clearTimeout(timer);
				reject(signal.reason);
			};
			signal.addEventListener('abort', onAbort, {once: true});
		}),
};

class Retap extends Error {}
class Stop extends Error {}

function isRetryable(error: unknown): boolean {
	if (error instanceof KubeError || error instanceof TapServerError) return error.retryable;
	return true;
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function startTapSession(
	cluster: TapContext,
	spec: TapSpec,
	handlers: TapHandlers,
	options: SessionOptions = {},
): TapSession {
	const timing = options.timing ?? realTiming;
	const policy = options.backoff ?? defaultBackoff;
	const session = new AbortController();
	let attemptController = new AbortController();
	let everLive = false;

	const run = async (): Promise<string | undefined> => {
		let failures = 0;
		let reloaded = false;
		while (!session.signal.aborted) {
			attemptController = new AbortController();
			const signal = AbortSignal.any([session.signal, attemptController.signal]);
			let liveThisAttempt = false;
			handlers.onStatus({state: 'connecting', attempt: failures + 1, since: timing.now()});
			let reason: string;
			try {
				await tapOnce(
					cluster,
					spec,
					{
						onEvents: handlers.onEvents,
						onBadFrame: reason => handlers.onBadFrame?.(reason),
						onWaiting: () => handlers.onStatus({state: 'waiting'}),
						onLive: () => {
							liveThisAttempt = true;
							everLive = true;
							failures = 0;
							reloaded = false;
							handlers.onStatus({state: 'live'});
						},
					},
					signal,
				);
				reason = 'the tap stream ended';
			} catch (error) {
				if (session.signal.aborted) break;
				if (attemptController.signal.reason instanceof Retap) {
					failures = 0;
					continue;
				}
				if (error instanceof KubeError && error.status === 401 && !reloaded && options.reloadCredentials) {
					reloaded = true;
					if (await options.reloadCredentials()) continue;
				}
				const fatal = !isRetryable(error) || (!everLive && !options.retryBeforeFirstStream);
				if (fatal) {
					handlers.onStatus({state: 'failed', message: message(error)});
					return message(error);
				}
				reason = message(error);
			}
			if (!liveThisAttempt) failures += 1;
			const wait = backoffDelay(policy, Math.max(1, failures), timing.random);
			handlers.onStatus({state: 'reconnecting', attempt: failures + 1, retryAt: timing.now() + wait, reason});
			try {
				await timing.delay(wait, AbortSignal.any([session.signal, attemptController.signal]));
			} catch {
				if (session.signal.aborted) break;
				failures = 0; // a retap during the wait: go at once
			}
		}
		handlers.onStatus({state: 'stopped'});
		return undefined;
	};

	return {
		stop: () => session.abort(new Stop('stopped')),
		retap: reason => attemptController.abort(new Retap(reason)),
		done: run(),
	};
}
