// A small seeded PRNG so the demo traffic is identical for a given seed and window,
// no matter how many taps are open or in which order they ask for it.

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	int(n: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Lognormal around a median, with sigma in log space: long right tail like real latencies. */
	lognormal(median: number, sigma: number): number;
}

/** Mixes several integers into one 32-bit seed (splitmix-style avalanche). */
export function mixSeed(...parts: number[]): number {
	let h = 0x9e3779b9;
	for (const part of parts) {
		h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
		h ^= h >>> 13;
		h = Math.imul(h, 0xc2b2ae35);
		h ^= h >>> 16;
	}
	return h >>> 0;
}

/** Stable 32-bit hash of a string (FNV-1a), for deriving names and seeds from keys. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	// mulberry32: tiny, fast, and good enough for synthetic traffic.
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const normal = (): number => {
		const u = Math.max(next(), 1e-12);
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
	};
	return {
		next,
		int: n => Math.floor(next() * n),
		chance: p => next() < p,
		pick: items => items[Math.floor(next() * items.length)]!,
		lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
	};
}

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes-style random suffix (pod-template-hash alphabet), derived from a hash. */
export function kubeSuffix(hash: number, length: number): string {
	const rng = createRng(hash);
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)];
	return out;
}
