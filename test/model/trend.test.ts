import {describe, expect, it} from 'vitest';
import {Histogram} from '../../source/model/histogram.js';
import {latencyBands} from '../../source/model/latency-bands.js';
import {sparkline, Trend, trendBucketMs, trendBuckets} from '../../source/model/trend.js';

describe('route trends: when did it start', () => {
	it('counts requests and failures per 10 s bucket over the last 5 minutes, oldest first', () => {
		const trend = new Trend();
		const t0 = 1_000_000_000;
		trend.add(t0, false);
		trend.add(t0 + 1, true);
		trend.add(t0 + trendBucketMs, false);
		const {total, failed} = trend.series(t0 + trendBucketMs);
		expect(total).toHaveLength(trendBuckets);
		expect(total.slice(-2)).toEqual([2, 1]);
		expect(failed.slice(-2)).toEqual([1, 0]);
		// Five minutes later both buckets have left the window; an add older than the ring is ignored.
		const later = t0 + trendBuckets * trendBucketMs + trendBucketMs;
		trend.add(t0 - trendBuckets * trendBucketMs, true);
		expect(trend.series(later).total.every(n => n === 0)).toBe(true);
	});

	it('sparklines scale to their own peak, or to another series; zero is blank', () => {
		expect(sparkline([0, 1, 2, 4, 8], 5)).toBe(' ▁▂▄█');
		expect(sparkline([0, 0, 1, 0], 4, [8, 8, 8, 8])).toBe('  ▁ ');
		expect(sparkline([1, 2, 3, 4, 5, 6], 3)).toBe('▆▇█');
	});

	it('latency bands read at a glance, empty ends left out', () => {
		const histogram = new Histogram();
		for (const us of [1500, 1600, 15_000, 350_000]) histogram.record(us);
		expect(latencyBands(histogram)).toEqual([
			{label: '1.0ms–2.0ms', count: 2},
			{label: '2.0ms–5.0ms', count: 0},
			{label: '5.0ms–10ms', count: 0},
			{label: '10ms–20ms', count: 1},
			{label: '20ms–50ms', count: 0},
			{label: '50ms–100ms', count: 0},
			{label: '100ms–200ms', count: 0},
			{label: '200ms–500ms', count: 1},
		]);
		expect(latencyBands(new Histogram())).toEqual([]);
	});
});
