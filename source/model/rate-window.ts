// Requests per second over a sliding window of one-second buckets. Time is
// passed in; nothing here reads a clock.

export class RateWindow {
	readonly #windowMs: number;
	readonly #slots: number;
	readonly #counts: Float64Array;
	/** The second (floor(ms / 1000)) each slot currently counts. */
	readonly #stamps: Float64Array;
	#firstAt = Infinity;

	constructor(windowMs = 10_000) {
		if (!(windowMs >= 1000)) throw new RangeError(`rate window must be at least 1000 ms, got ${windowMs}`);
		this.#windowMs = windowMs;
		this.#slots = Math.ceil(windowMs / 1000);
		this.#counts = new Float64Array(this.#slots);
		this.#stamps = new Float64Array(this.#slots).fill(-Infinity);
	}

	get windowMs(): number {
		return this.#windowMs;
	}

	/** Counts n events at time now; times older than the window are ignored. */
	add(now: number, n = 1): void {
		const second = Math.floor(now / 1000);
		const slot = ((second % this.#slots) + this.#slots) % this.#slots;
		const stamp = this.#stamps[slot]!;
		if (stamp === second) {
			this.#counts[slot]! += n;
		} else if (stamp < second) {
			this.#stamps[slot] = second;
			this.#counts[slot] = n;
		} else {
			// The slot already holds a newer second: this event is outside the window.
			return;
		}

		if (now < this.#firstAt) this.#firstAt = now;
	}

	/**
	 * Events per second. The window spans the whole seconds before now plus the
	 * part of the current second, and shrinks to the time since the first event
	 * (at least 1 s) so a fresh window does not under-report.
	 */
	rate(now: number): number {
		const second = Math.floor(now / 1000);
		const oldest = second - this.#slots;
		let total = 0;
		for (let i = 0; i < this.#slots; i++) {
			const stamp = this.#stamps[i]!;
			if (stamp > oldest && stamp <= second) total += this.#counts[i]!;
		}

		if (total === 0) return 0;
		let spanMs = (this.#slots - 1) * 1000 + (now - second * 1000);
		spanMs = Math.min(spanMs, now - this.#firstAt);
		spanMs = Math.max(spanMs, 1000);
		return (total * 1000) / spanMs;
	}

	clear(): void {
		this.#counts.fill(0);
		this.#stamps.fill(-Infinity);
		this.#firstAt = Infinity;
	}
}
