// The virtual clock the traffic model runs on. One virtual second lasts `windowMs` real
// milliseconds (1000 normally); tests shrink it to see many sampling windows without sleeping.
import {performance} from 'node:perf_hooks';

export interface VirtualClock {
	/** Virtual milliseconds since the mesh started. */
	now(): number;
	/** How often (real ms) a tap stream looks for due events. */
	tickMs: number;
	/** Real milliseconds per virtual second. */
	windowMs: number;
}

export function realtimeClock(windowMs = 1000): VirtualClock {
	const t0 = performance.now();
	return {
		now: () => ((performance.now() - t0) * 1000) / windowMs,
		tickMs: Math.max(5, Math.min(50, windowMs / 20)),
		windowMs,
	};
}
