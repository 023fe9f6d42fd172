import {describe, expect, it} from 'vitest';
import {Histogram} from '../../source/model/histogram.js';

// A small deterministic PRNG so the distributions are the same on every run.
function lcg(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
		return s / 2 ** 32;
	};
}

function nearestRank(sorted: number[], q: number): number {
	return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const quantiles = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

const distributions: Record<string, (rand: () => number) => number> = {
	uniform: (r) => Math.round(r() * 1_000_000),
	exponential: (r) => Math.round(-Math.log(1 - r()) * 20_000),
	lognormal: (r) => Math.round(Math.exp(8 + 2 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()))),
	bimodal: (r) => (r() < 0.9 ? 300 + Math.round(r() * 200) : 2_000_000 + Math.round(r() * 500_000)),
	tiny: (r) => Math.floor(r() * 50),
	huge: (r) => Math.round(2 ** 33 * r()),
};

describe('Histogram', () => {
	for (const [name, draw] of Object.entries(distributions)) {
		it(`stays within 2% of exact percentiles: ${name}`, () => {
			const rand = lcg(name.length * 7919);
			const h = new Histogram();
			const values: number[] = [];
			for (let i = 0; i < 20_000; i++) {
				const v = draw(rand);
				values.push(v);
				h.record(v);
			}

			values.sort((a, b) => a - b);
			expect(h.count).toBe(values.length);
			expect(h.min).toBe(values[0]);
			expect(h.max).toBe(values.at(-1));
			const got = h.percentiles(quantiles);
			for (const [i, q] of quantiles.entries()) {
				const exact = nearestRank(values, q);
				if (name === 'huge' && exact >= 2 ** 32 && q < 1) continue; // beyond the range by design
				expect(Math.abs(got[i]! - exact), `q=${q} exact=${exact} got=${got[i]}`).toBeLessThanOrEqual(exact * 0.02);
				expect(h.percentile(q)).toBe(got[i]);
			}
		});
	}

	it('is exact below 64 µs and reports the extremes exactly', () => {
		const h = new Histogram();
		for (const v of [5, 1, 3, 2, 4]) h.record(v);
		expect(h.percentiles([0.2, 0.4, 0.6, 0.8, 1])).toEqual([1, 2, 3, 4, 5]);
		h.record(1_234_567);
		expect(h.percentile(1)).toBe(1_234_567);
	});

	it('is empty-safe and clamps odd input', () => {
		const h = new Histogram();
		expect([h.count, h.min, h.max, h.percentile(0.5)]).toEqual([0, 0, 0, 0]);
		h.record(-5);
		h.record(Number.NaN);
		h.record(2.6);
		expect([h.count, h.min, h.max]).toEqual([3, 0, 3]);
		h.clear();
		expect([h.count, h.min, h.max, h.percentile(0.99)]).toEqual([0, 0, 0, 0]);
	});

	it('merges counts, min and max', () => {
		const a = new Histogram();
		const b = new Histogram();
		for (let v = 1; v <= 50; v++) a.record(v);
		for (let v = 51; v <= 100; v++) b.record(v * 1000);
		a.merge(b);
		expect([a.count, a.min, a.max]).toEqual([100, 1, 100_000]);
		expect(a.percentile(0.5)).toBe(50);
		const p75 = a.percentile(0.75);
		expect(Math.abs(p75 - 75_000)).toBeLessThanOrEqual(75_000 * 0.02);
	});
});
