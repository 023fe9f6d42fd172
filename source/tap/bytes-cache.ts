// A bounded cache from byte ranges to decoded values, for sub-messages that arrive
// byte-identical again and again (a pod's label map is the same in every event).
// Lookups hash a sample of the bytes, then confirm the match on all of them with a
// native compare, so a hit costs far less than decoding and never returns a value
// for different bytes. Sampling only decides the bucket: ranges that sample alike
// share one (a few ways deep) and at worst push each other out.

const BUCKETS = 1024;
const WAYS = 4;
/** Sample every STRIDE-th byte, plus the last TAIL bytes in full (where pod name suffixes sit). */
const STRIDE = 3;
const TAIL = 24;

export class BytesCache<T> {
	readonly #keys: Array<Buffer | undefined> = new Array(BUCKETS * WAYS);
	readonly #values: Array<T | undefined> = new Array(BUCKETS * WAYS);
	/** Next way to overwrite in each bucket, round robin. */
	readonly #next = new Uint8Array(BUCKETS);
	readonly #maxBytes: number;

	constructor(maxBytes = 4096) {
		this.#maxBytes = maxBytes;
	}

	#bucket(buf: Uint8Array, start: number, end: number): number {
		const len = end - start;
		let h = len | 0;
		const tail = Math.max(start, end - TAIL);
		for (let i = start; i < tail; i += STRIDE) h = Math.imul(h ^ buf[i]!, 0x01000193);
		for (let i = tail; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
		return ((h ^ (h >>> 15)) >>> 0) & (BUCKETS - 1);
	}

	get(buf: Buffer, start: number, end: number): T | undefined {
		const len = end - start;
		if (len > this.#maxBytes) return undefined;
		const base = this.#bucket(buf, start, end) * WAYS;
		for (let way = 0; way < WAYS; way++) {
			const key = this.#keys[base + way];
			if (key !== undefined && key.length === len && buf.compare(key, 0, len, start, end) === 0) {
				return this.#values[base + way];
			}
		}
		return undefined;
	}

	set(buf: Buffer, start: number, end: number, value: T): void {
		const len = end - start;
		if (len > this.#maxBytes) return;
		const bucket = this.#bucket(buf, start, end);
		const way = this.#next[bucket]!;
		this.#next[bucket] = (way + 1) % WAYS;
		// A copy: a view would pin the whole network chunk in memory.
		this.#keys[bucket * WAYS + way] = Buffer.from(buf.subarray(start, end));
		this.#values[bucket * WAYS + way] = value;
	}
}
