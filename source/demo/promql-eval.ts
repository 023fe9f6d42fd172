// The demo's PromQL engine: evaluates the parsed query shapes (promql-parse.ts) over a
// SeriesSource as a Prometheus that scraped it every `scrapeIntervalS` since t = 0 would.
// Scrapes sit at t = k·interval (virtual ms); a range [W] at time T holds the scrapes in
// (T − W, T] (Prometheus 3's left-open range; 2.x also took a scrape exactly at T − W). Then
// increase/rate/irate per series, sum by the grouping labels, histogram_quantile per group.
// Pure given the source: the time is a parameter; scrapes are memoized per instant.
import type {PromEvaluator, PromQueryResult, PromSample, SeriesSource} from './prom-types.js';
import {bucketQuantile, extrapolatedRate, instantRate, parseBound, type Bucket, type Point} from './promql-functions.js';
import {parsePromQL, type RangeSelector, type SumQuery} from './promql-parse.js';

export interface EvaluatorOptions {
	/** Most scrapes one query may read (Prometheus' max-samples guard); default 5000. */
	maxScrapes?: number;
	/** Scrapes kept in memory for the next query (a 10 m window at 10 s is 60); default 64. */
	cacheScrapes?: number;
	/** The source has history before t = 0 (the demo's proxies were counting before the mesh
	 *  process started), so windows reaching back past 0 hold scrapes there too; default false. */
	historyBeforeStart?: boolean;
}

type Labels = Record<string, string>;
type Vector = Array<{metric: Labels; value: number}>;

const TOO_MANY = 'query processing would load too many samples into memory in query execution';

export function createPromEvaluator(source: SeriesSource, options: EvaluatorOptions = {}): PromEvaluator {
	const maxScrapes = options.maxScrapes ?? 5000;
	const cacheSize = options.cacheScrapes ?? 64;
	const cache = new Map<number, PromSample[]>();
	const scrape = (t: number): PromSample[] => {
		let samples = cache.get(t);
		if (!samples) {
			samples = source.samplesAt(t);
			cache.set(t, samples);
			if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
		}
		return samples;
	};

	const scrapeTimes = (selector: RangeSelector, nowMs: number): number[] | undefined => {
		const interval = source.scrapeIntervalS * 1000;
		const start = nowMs - selector.rangeMs;
		const earliest = Math.floor(start / interval) + 1;
		const first = options.historyBeforeStart ? earliest : Math.max(0, earliest);
		const last = Math.floor(nowMs / interval);
		if (last - first + 1 > maxScrapes) return undefined;
		const times: number[] = [];
		for (let k = first; k <= last; k++) times.push(k * interval);
		return times;
	};

	const evaluateSum = (query: SumQuery, nowMs: number): Vector | undefined => {
		const times = scrapeTimes(query.selector, nowMs);
		if (!times) return undefined;
		const series = collect(query.selector, times, scrape);
		const groups = new Map<string, {metric: Labels; value: number}>();
		for (const {labels, points} of series.values()) {
			const value = query.fn === 'irate'
				? instantRate(points)
				: extrapolatedRate(points, nowMs - query.selector.rangeMs, nowMs, query.fn === 'rate');
			if (value === undefined) continue;
			const metric: Labels = {};
			for (const name of query.by) if (labels[name]) metric[name] = labels[name];
			const key = labelKey(metric);
			const group = groups.get(key);
			if (group) group.value += value;
			else groups.set(key, {metric, value});
		}
		return [...groups.values()];
	};

	return {
		query(promql: string, nowMs: number): PromQueryResult {
			const parsed = parsePromQL(promql);
			if (!parsed.ok) return {status: 'error', errorType: 'bad_data', error: parsed.error};
			const now = Math.floor(nowMs);
			const {query} = parsed;
			const vector = evaluateSum(query.kind === 'sum' ? query : query.inner, now);
			if (!vector) return {status: 'error', errorType: 'execution', error: TOO_MANY};
			const result = query.kind === 'sum' ? vector : quantiles(query.q, vector);
			result.sort((a, b) => labelKey(a.metric).localeCompare(labelKey(b.metric)));
			return {status: 'success', result};
		},
	};
}

/** Every series of the selector's metric that matches, with its points at the given scrapes. */
function collect(selector: RangeSelector, times: number[], scrape: (t: number) => PromSample[]): Map<string, {labels: Labels; points: Point[]}> {
	const series = new Map<string, {labels: Labels; points: Point[]}>();
	for (const t of times) {
		for (const sample of scrape(t)) {
			if (sample.name !== selector.metric) continue;
			if (!selector.matchers.every(([name, value]) => (sample.labels[name] ?? '') === value)) continue;
			const labels = presentLabels(sample.labels);
			const key = labelKey(labels);
			let entry = series.get(key);
			if (!entry) series.set(key, entry = {labels, points: []});
			// A second sample of the same series in one scrape is refused by Prometheus: keep the first.
			if (entry.points.at(-1)?.t !== t) entry.points.push({t, v: sample.value});
		}
	}
	return series;
}

/** histogram_quantile over a vector: one result per label set without `le`. */
function quantiles(q: number, vector: Vector): Vector {
	const groups = new Map<string, {metric: Labels; buckets: Bucket[]}>();
	for (const {metric, value} of vector) {
		const upperBound = metric['le'] === undefined ? undefined : parseBound(metric['le']);
		if (upperBound === undefined) continue;
		const {le: _le, ...rest} = metric;
		const key = labelKey(rest);
		let group = groups.get(key);
		if (!group) groups.set(key, group = {metric: rest, buckets: []});
		group.buckets.push({upperBound, count: value});
	}
	return [...groups.values()].map(({metric, buckets}) => ({metric, value: bucketQuantile(q, buckets)}));
}

function presentLabels(labels: Readonly<Labels>): Labels {
	const present: Labels = {};
	for (const name of Object.keys(labels).sort()) if (labels[name]) present[name] = labels[name]!;
	return present;
}

function labelKey(labels: Labels): string {
	return Object.keys(labels).sort().map(name => `${name}=${JSON.stringify(labels[name])}`).join(',');
}
