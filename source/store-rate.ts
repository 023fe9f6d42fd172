// Events per second over a sliding window of tick-sized buckets; time is passed in.
export class RateWindow {
	private readonly buckets: Array<{at: number; count: number}> = [];

	constructor(private readonly windowMs: number) {}

	add(at: number, count: number): void {
		this.buckets.push({at, count});
		this.trim(at);
	}

	perSecond(now: number): number {
		this.trim(now);
		let sum = 0;
		for (const bucket of this.buckets) sum += bucket.count;
		return Math.round((sum * 1000) / this.windowMs);
	}

	private trim(now: number): void {
		while (this.buckets.length > 0 && this.buckets[0]!.at <= now - this.windowMs) this.buckets.shift();
	}
}
