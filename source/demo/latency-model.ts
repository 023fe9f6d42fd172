// The traffic model's latency distributions in closed form, for histogram buckets: a mixture of
// the lognormal-with-outliers of traffic.ts `latencyFor` (the outlier factor tailFactor·(0.5+U),
// U uniform, integrated numerically) and fixed latencies (deadline-exceeded gRPC calls, denials).
import type {LatencySpec} from './topology-types.js';

export type LatencyPart = {weight: number; spec: LatencySpec} | {weight: number; fixedMs: number};

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 for erf; error < 1.5e-7). */
function phi(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
	return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const tailSteps = 8;

function lognormalCdf(medianMs: number, sigma: number, ms: number): number {
	if (ms <= 0) return 0;
	return sigma <= 0 ? (ms >= medianMs ? 1 : 0) : phi(Math.log(ms / medianMs) / sigma);
}

/** P(latency ≤ ms) for one spec, outliers included. */
export function specCdf(spec: LatencySpec, ms: number): number {
	let tail = 0;
	for (let i = 0; i < tailSteps; i++) {
		const factor = spec.tailFactor * (0.5 + (i + 0.5) / tailSteps);
		tail += lognormalCdf(spec.medianMs * factor, spec.sigma, ms);
	}
	return (1 - spec.tailP) * lognormalCdf(spec.medianMs, spec.sigma, ms) + spec.tailP * (tail / tailSteps);
}

/** Mean latency in ms for one spec. */
export function specMeanMs(spec: LatencySpec): number {
	const body = spec.medianMs * Math.exp((spec.sigma * spec.sigma) / 2);
	return body * (1 - spec.tailP + spec.tailP * spec.tailFactor);
}

/** Weighted CDF of a mixture at each bound (ms); the weights need not sum to 1. */
export function mixtureCdf(parts: readonly LatencyPart[], boundsMs: readonly number[]): number[] {
	const total = parts.reduce((n, p) => n + p.weight, 0);
	if (total <= 0) return boundsMs.map(() => 0);
	return boundsMs.map(bound => parts.reduce((n, p) => n + p.weight * ('fixedMs' in p ? (p.fixedMs <= bound ? 1 : 0) : specCdf(p.spec, bound)), 0) / total);
}

export function mixtureMeanMs(parts: readonly LatencyPart[]): number {
	const total = parts.reduce((n, p) => n + p.weight, 0);
	if (total <= 0) return 0;
	return parts.reduce((n, p) => n + p.weight * ('fixedMs' in p ? p.fixedMs : specMeanMs(p.spec)), 0) / total;
}
