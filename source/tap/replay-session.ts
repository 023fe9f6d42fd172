// A TapSession over a recording instead of a cluster: the recorded frames are decoded as
// the live stream decodes them and handed to the same handlers, one recorded read at a
// time, as fast as the handlers take them or, with `pace`, at the recorded intervals.
// The clock it returns reads the recorded arrival time of the batch being delivered, so
// everything that stamps events with "now" stamps them with the time they were recorded.
import {batchesOf, type RecordedFrame} from '../model/recording.js';
import type {TapEvent} from '../model/event.js';
import {decodeTapEvent} from './decode.js';
import {realTiming, type SessionTiming, type TapSession} from './session.js';
import type {TapHandlers} from './types.js';

export interface ReplayClock {
	now(): number;
}

export interface ReplayOptions {
	/** Wait between frames as long as they were apart when recorded. */
	pace?: boolean;
	/** For --pace; injected by tests. */
	delay?: SessionTiming['delay'];
}

/** A clock that reads `start` until the replay moves it. */
export function replayClock(start: number): ReplayClock & {set(at: number): void} {
	let current = start;
	return {
		now: () => current,
		set(at) {
			current = at;
		},
	};
}

export function startReplaySession(
	frames: readonly RecordedFrame[],
	handlers: TapHandlers,
	clock: ReplayClock & {set(at: number): void},
	options: ReplayOptions = {},
): TapSession {
	const stop = new AbortController();
	const delay = options.delay ?? realTiming.delay;
	const run = async (): Promise<string | undefined> => {
		// As a live session, call no handler before the caller holds the session: a handler may
		// stop it (--max-requests reached in the first recorded read).
		await Promise.resolve();
		if (stop.signal.aborted) return undefined;
		handlers.onStatus({state: 'connecting', attempt: 1, since: clock.now()});
		handlers.onStatus({state: 'live'});
		let previous: number | undefined;
		let sinceYield = 0;
		for (const batch of batchesOf(frames)) {
			if (stop.signal.aborted) break;
			// As fast as it can, yet ctrl-c and timers still get a turn now and then.
			if (++sinceYield >= 256) {
				sinceYield = 0;
				await new Promise(resolve => setImmediate(resolve));
				if (stop.signal.aborted) break;
			}
			const at = batch[0]!.at;
			if (options.pace && previous !== undefined && at > previous) {
				try {
					await delay(at - previous, stop.signal);
				} catch {
					break;
				}
			}
			previous = at;
			clock.set(at);
			const events: TapEvent[] = [];
			const raw: Uint8Array[] = [];
			for (const frame of batch) {
				try {
					events.push(decodeTapEvent(frame.bytes));
					raw.push(frame.bytes);
				} catch (error) {
					handlers.onBadFrame?.(error instanceof Error ? error.message : String(error));
				}
			}
			if (events.length > 0) await handlers.onEvents(events, raw);
		}
		handlers.onStatus({state: 'stopped'});
		return undefined;
	};
	return {
		stop: () => stop.abort(),
		// A recording cannot be tapped again; the pods it saw are what it holds.
		retap: () => undefined,
		done: run(),
	};
}
