import type {TapEvent} from '../model/event.js';
import type {TapStatus} from '../model/tap-spec.js';

export type {TapSpec, TapStatus} from '../model/tap-spec.js';

export interface TapHandlers {
	/**
	 * Events of one read, in order; called at most once per chunk read. A returned promise
	 * holds the next read until it settles: back-pressure from a slow stdout to the server.
	 * `frames[i]` is the raw TapEvent bytes of `events[i]` as received (for --record); they
	 * are views into the read buffer, valid only during the call: copy what you keep.
	 */
	onEvents(events: TapEvent[], frames?: Uint8Array[]): void | Promise<void>;
	onStatus(status: TapStatus): void;
	/** A frame that did not decode as a TapEvent (counted, shown, skipped). */
	onBadFrame?(reason: string): void;
}
