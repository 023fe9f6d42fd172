// A log-linear latency histogram in microseconds with fixed memory. Values
// below 64 µs get exact buckets; above, every power of two is split into 32
// equal buckets, so a bucket is at most 1/32 of its lower bound wide and the
// representative value is within ~1.6% of any value in it.

const subBits = 5;
const subCount = 1 << subBits; // 32
const linearLimit = subCount * 2; // 64: exact buckets below this
/** Values at or above 2^32 µs (~71 minutes) share the last bucket; max stays exact. */
const maxExponent = 31;
/** The regular buckets, then one overflow bucket. */
const bucketCount = linearLimit + (maxExponent - subBits) * subCount + 1;

function bucketOf(v: number): number {
	if (v < linearLimit) return v;
	if (v >= 2 ** (maxExponent + 1)) return bucketCount - 1;
	// v < 2^32, so Math.clz32 sees the whole value.
	const exponent = 31 - Math.clz32(v);
	const shift = exponent - subBits;
	return linearLimit + (exponent - subBits - 1) * subCount + ((v >>> shift) - subCount);
}

/** Lower bound and width of a bucket. */
function bucketRange(index: number): [lower: number, width: number] {
	if (index < linearLimit) return [index, 1];
	const rel = index - linearLimit;
	const exponent = Math.floor(rel / subCount) + subBits + 1;
	const width = 2 ** (exponent - subBits);
	return [2 ** exponent + (rel % subCount) * width, width];
}

export class Histogram {
	readonly #counts = new Uint32Array(bucketCount);
	#count = 0;
	#min = Infinity;
	#max = -Infinity;

	get count(): number {
		return this.#count;
	}

	/** Smallest recorded value; 0 when empty. */
	get min(): number {
		return this.#count === 0 ? 0 : this.#min;
	}

	/** Largest recorded value; 0 when empty. */
	get max(): number {
		return this.#count === 0 ? 0 : this.#max;
	}

	/** Records one value in µs; negatives and NaN count as 0, fractions round. */
	record(us: number): void {
		const v = us > 0 ? Math.round(us) : 0;
		this.#counts[bucketOf(v)]!++;
		this.#count++;
		if (v < this.#min) this.#min = v;
		if (v > this.#max) this.#max = v;
	}

	/** Nearest-rank percentile for q in [0, 1]; 0 when empty. */
	percentile(q: number): number {
		return this.percentiles([q])[0]!;
	}

	/** Several percentiles in one pass; qs must be ascending. */
	percentiles(qs: readonly number[]): number[] {
		const out = new Array<number>(qs.length).fill(0);
		if (this.#count === 0) return out;
		let qi = 0;
		let rank = this.#rankOf(qs[0]!);
		let seen = 0;
		for (let i = 0; i < bucketCount && qi < qs.length; i++) {
			seen += this.#counts[i]!;
			while (qi < qs.length && seen >= rank) {
				out[qi] = this.#valueOf(i, rank);
				qi++;
				if (qi < qs.length) rank = this.#rankOf(qs[qi]!);
			}
		}

		return out;
	}

	/** How many recorded values are below `us` (to the bucket: exact below 64 µs, within 1/32 above). */
	countBelow(us: number): number {
		const limit = bucketOf(us > 0 ? Math.round(us) : 0);
		let n = 0;
		for (let i = 0; i < limit; i++) n += this.#counts[i]!;
		return n;
	}

	merge(other: Histogram): void {
		if (other.#count === 0) return;
		const theirs = other.#counts;
		for (let i = 0; i < bucketCount; i++) this.#counts[i]! += theirs[i]!;
		this.#count += other.#count;
		if (other.#min < this.#min) this.#min = other.#min;
		if (other.#max > this.#max) this.#max = other.#max;
	}

	clear(): void {
		this.#counts.fill(0);
		this.#count = 0;
		this.#min = Infinity;
		this.#max = -Infinity;
	}

	#rankOf(q: number): number {
		const clamped = q > 1 ? 1 : q > 0 ? q : 0;
		return Math.max(1, Math.ceil(clamped * this.#count));
	}

	#valueOf(index: number, rank: number): number {
		// The extremes are known exactly, and the overflow bucket has no useful middle.
		if (rank === 1) return this.#min;
		if (rank === this.#count || index === bucketCount - 1) return this.#max;
		const [lower, width] = bucketRange(index);
		// The middle of the integers the bucket holds, kept inside what was seen.
		const mid = lower + Math.floor((width - 1) / 2);
		return Math.min(this.#max, Math.max(this.#min, mid));
	}
}
