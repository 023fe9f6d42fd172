// A route's latency histogram in bands a person reads at a glance (1-2-5 steps from 1 ms to
// 10 s), for the route detail. Pure.
import {formatLatency} from './format.js';
import type {Histogram} from './histogram.js';

const edgesUs = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000];

export interface LatencyBand {
	label: string;
	count: number;
}

/** Counts per band, from "< 1ms" to "≥ 10s"; empty bands at either end are left out. */
export function latencyBands(histogram: Histogram): LatencyBand[] {
	if (histogram.count === 0) return [];
	const below = edgesUs.map(edge => histogram.countBelow(edge));
	const bands: LatencyBand[] = [{label: `< ${formatLatency(edgesUs[0]!)}`, count: below[0]!}];
	for (let i = 1; i < edgesUs.length; i++) bands.push({label: `${formatLatency(edgesUs[i - 1]!)}–${formatLatency(edgesUs[i]!)}`, count: below[i]! - below[i - 1]!});
	bands.push({label: `≥ ${formatLatency(edgesUs.at(-1)!)}`, count: histogram.count - below.at(-1)!});
	let first = 0;
	while (first < bands.length - 1 && bands[first]!.count === 0) first++;
	let last = bands.length - 1;
	while (last > first && bands[last]!.count === 0) last--;
	return bands.slice(first, last + 1);
}
