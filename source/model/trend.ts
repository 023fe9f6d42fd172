// "When did it start": requests and failures per time bucket over the last minutes, for one
// route. Fixed memory (a ring of buckets); time is passed in. Pure.

export const trendBucketMs = 10_000;
export const trendBuckets = 30; // 5 minutes

export interface TrendSeries {
	/** Requests completed per bucket, oldest first, the newest (current) bucket last. */
	total: number[];
	failed: number[];
}

export class Trend {
	readonly #total = new Uint32Array(trendBuckets);
	readonly #failed = new Uint32Array(trendBuckets);
	/** The bucket number (floor(ms / bucketMs)) each slot holds. */
	readonly #stamps = new Float64Array(trendBuckets).fill(-Infinity);

	add(now: number, failed: boolean): void {
		const bucket = Math.floor(now / trendBucketMs);
		const slot = ((bucket % trendBuckets) + trendBuckets) % trendBuckets;
		if (this.#stamps[slot]! > bucket) return; // older than the ring
		if (this.#stamps[slot]! < bucket) {
			this.#stamps[slot] = bucket;
			this.#total[slot] = 0;
			this.#failed[slot] = 0;
		}
		this.#total[slot]!++;
		if (failed) this.#failed[slot]!++;
	}

	series(now: number): TrendSeries {
		const newest = Math.floor(now / trendBucketMs);
		const total: number[] = [];
		const failed: number[] = [];
		for (let bucket = newest - trendBuckets + 1; bucket <= newest; bucket++) {
			const slot = ((bucket % trendBuckets) + trendBuckets) % trendBuckets;
			const here = this.#stamps[slot] === bucket;
			total.push(here ? this.#total[slot]! : 0);
			failed.push(here ? this.#failed[slot]! : 0);
		}
		return {total, failed};
	}
}

const bars = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as a sparkline scaled to their own maximum; a zero is a space so
 * "nothing at all" differs from "a little". `scaleTo` draws on another series' scale
 * (failures against requests).
 */
export function sparkline(values: readonly number[], width: number, scaleTo: readonly number[] = values): string {
	const shown = values.slice(-width);
	const max = Math.max(1, ...scaleTo.slice(-width));
	return shown.map(value => (value <= 0 ? ' ' : bars[Math.min(bars.length - 1, Math.ceil((value / max) * bars.length) - 1)]!)).join('');
}
