// Events per second over a sliding window of tick-sized buckets; time is passed in.
// Each bucket holds what arrived since the previous one, so the kept buckets cover the time
// from the newest dropped bucket (or the start) to now: divide by that, not by the window,
// or a rate read every ~105 ms ticks comes out ~5% high.
export class RateWindow {
	private readonly buckets: Array<{at: number; count: number}> = [];
	/** End of the time the oldest kept bucket's count started from. */
	private since: number | undefined;

	constructor(
		private readonly windowMs: number,
		start?: number,
	) {
		this.since = start;
	}

	add(at: number, count: number): void {
		this.buckets.push({at, count});
		this.trim(at);
	}

	perSecond(now: number): number {
		return Math.round(this.perSecondExact(now));
	}

	/** The rate unrounded (low rates matter when compared with another rate). */
	perSecondExact(now: number): number {
		this.trim(now);
		let sum = 0;
		for (const bucket of this.buckets) sum += bucket.count;
		const span = this.since === undefined ? this.windowMs : Math.max(1, now - this.since);
		return (sum * 1000) / span;
	}

	private trim(now: number): void {
		while (this.buckets.length > 0 && this.buckets[0]!.at <= now - this.windowMs) this.since = this.buckets.shift()!.at;
	}
}
