// One proxy's series as rates: counters (per second) and histograms (per-second rate of each
// cumulative bucket and of the sum). Equal label sets are merged, so several catalog routes that
// share a policy route add up. proxy-series.ts turns rates into cumulative values at a time.
import {mixtureCdf, mixtureMeanMs, type LatencyPart} from './latency-model.js';

export type Labels = Readonly<Record<string, string>>;

export interface CounterPlan {
	kind: 'counter';
	name: string;
	labels: Labels;
	rate: number;
}

export interface HistogramPlan {
	kind: 'histogram';
	/** Family name without _bucket/_sum/_count. */
	name: string;
	labels: Labels;
	rate: number;
	/** Per bound (the "+Inf" one last, = rate): observations per second at or below it. */
	bucketRates: number[];
	/** Per second, in the histogram's unit. */
	sumRate: number;
	le: readonly string[];
}

export interface Buckets {
	/** Upper bounds in ms, "+Inf" excluded. */
	boundsMs: readonly number[];
	/** `le` label values, "+Inf" included. */
	le: readonly string[];
	/** Milliseconds per histogram unit (1000 for seconds, 1 for ms). */
	unitMs: number;
}

export function buckets(bounds: readonly number[], unitMs: number): Buckets {
	return {boundsMs: bounds.map(b => b * unitMs), le: [...bounds.map(String), '+Inf'], unitMs};
}

const keyOf = (name: string, labels: Labels): string => name + JSON.stringify(labels);

export class PlanBuilder {
	private readonly entries = new Map<string, CounterPlan | HistogramPlan>();

	counter(name: string, labels: Labels, rate: number): void {
		const key = keyOf(name, labels);
		const found = this.entries.get(key);
		if (found) found.rate += rate;
		else this.entries.set(key, {kind: 'counter', name, labels, rate});
	}

	histogram(name: string, labels: Labels, rate: number, latency: readonly LatencyPart[], b: Buckets): void {
		const key = keyOf(name, labels);
		let found = this.entries.get(key) as HistogramPlan | undefined;
		if (!found) {
			found = {kind: 'histogram', name, labels, rate: 0, bucketRates: b.le.map(() => 0), sumRate: 0, le: b.le};
			this.entries.set(key, found);
		}
		const cdf = mixtureCdf(latency, b.boundsMs);
		found.rate += rate;
		cdf.forEach((f, i) => (found!.bucketRates[i]! += rate * f));
		found.bucketRates[b.le.length - 1]! += rate;
		found.sumRate += (rate * mixtureMeanMs(latency)) / b.unitMs;
	}

	plans(): Array<CounterPlan | HistogramPlan> {
		return [...this.entries.values()];
	}
}
