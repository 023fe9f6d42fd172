// The arithmetic of the PromQL functions the stand-in evaluates, as Prometheus computes them
// (promql/functions.go extrapolatedRate, instantValue; promql/quantile.go bucketQuantile).
// Pure: points in, number (or undefined = the series drops out) out.

export interface Point {
	/** Milliseconds (scrape time). */
	t: number;
	v: number;
}

/**
 * `increase` (isRate false) or `rate` (isRate true) over a range (rangeStartMs, rangeEndMs]:
 * the counter's growth between the first and last sample, counter resets added back, then
 * extrapolated towards the range edges exactly as Prometheus does — to an edge when the gap
 * is under 1.1 average scrape intervals, else half an interval — and never below zero.
 */
export function extrapolatedRate(points: readonly Point[], rangeStartMs: number, rangeEndMs: number, isRate: boolean): number | undefined {
	if (points.length < 2) return undefined;
	const first = points[0]!;
	const last = points.at(-1)!;
	let result = last.v - first.v;
	let previous = 0;
	for (const point of points) {
		if (point.v < previous) result += previous;
		previous = point.v;
	}
	let durationToStart = (first.t - rangeStartMs) / 1000;
	const durationToEnd = (rangeEndMs - last.t) / 1000;
	const sampledInterval = (last.t - first.t) / 1000;
	const averageBetween = sampledInterval / (points.length - 1);
	if (result > 0 && first.v >= 0) {
		const durationToZero = sampledInterval * (first.v / result);
		if (durationToZero < durationToStart) durationToStart = durationToZero;
	}
	const threshold = averageBetween * 1.1;
	let extrapolateTo = sampledInterval;
	extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
	extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
	result *= extrapolateTo / sampledInterval;
	return isRate ? result / ((rangeEndMs - rangeStartMs) / 1000) : result;
}

/** `irate`: per-second growth between the last two samples (a drop counts as a reset). */
export function instantRate(points: readonly Point[]): number | undefined {
	if (points.length < 2) return undefined;
	const last = points.at(-1)!;
	const previous = points.at(-2)!;
	const interval = last.t - previous.t;
	if (interval === 0) return undefined;
	const growth = last.v < previous.v ? last.v : last.v - previous.v;
	return growth / (interval / 1000);
}

export interface Bucket {
	upperBound: number;
	count: number;
}

/** Parses an `le` value; undefined when Prometheus would ignore the series. */
export function parseBound(le: string): number | undefined {
	if (/^\+?inf$/i.test(le)) return Number.POSITIVE_INFINITY;
	if (/^-inf$/i.test(le)) return Number.NEGATIVE_INFINITY;
	const value = Number(le);
	return le.trim() === '' || Number.isNaN(value) ? undefined : value;
}

/**
 * `histogram_quantile(q, …)` of one classic histogram: linear interpolation inside the bucket
 * the rank falls in, the lowest bucket starting at 0, a rank in the +Inf bucket answering the
 * highest finite bound, no +Inf bucket or no observations answering NaN.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
	if (Number.isNaN(q)) return Number.NaN;
	if (q < 0) return Number.NEGATIVE_INFINITY;
	if (q > 1) return Number.POSITIVE_INFINITY;
	const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
	if (sorted.length === 0 || sorted.at(-1)!.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
	const buckets: Bucket[] = [];
	for (const bucket of sorted) {
		const same = buckets.at(-1);
		if (same && same.upperBound === bucket.upperBound) same.count += bucket.count;
		else buckets.push({...bucket});
	}
	let max = Number.NEGATIVE_INFINITY;
	for (const bucket of buckets) {
		if (bucket.count > max) max = bucket.count;
		else if (bucket.count < max) bucket.count = max;
	}
	if (buckets.length < 2) return Number.NaN;
	const observations = buckets.at(-1)!.count;
	if (observations === 0 || Number.isNaN(observations)) return Number.NaN;
	let rank = q * observations;
	let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
	if (b < 0) b = buckets.length - 1;
	if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
	if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
	let start = 0;
	let count = buckets[b]!.count;
	if (b > 0) {
		start = buckets[b - 1]!.upperBound;
		count -= buckets[b - 1]!.count;
		rank -= buckets[b - 1]!.count;
	}
	return start + (buckets[b]!.upperBound - start) * (rank / count);
}
