import type {TapEvent} from '../model/event.js';
import type {TapStatus} from '../model/tap-spec.js';

export type {TapSpec, TapStatus} from '../model/tap-spec.js';

export interface TapHandlers {
	/**
	 * Events of one read, in order; called at most once per chunk read. A returned promise
	 * holds the next read until it settles: back-pressure from a slow stdout to the server.
	 */
	onEvents(events: TapEvent[]): void | Promise<void>;
	onStatus(status: TapStatus): void;
	/** A frame that did not decode as a TapEvent (counted, shown, skipped). */
	onBadFrame?(reason: string): void;
}
