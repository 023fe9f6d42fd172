// A fixed-capacity FIFO that overwrites its oldest item. The request stream
// keeps the last N records without ever reallocating or shifting an array.

export class RingBuffer<T> implements Iterable<T> {
	readonly #items: Array<T | undefined>;
	readonly #capacity: number;
	/** Index of the oldest item. */
	#head = 0;
	#size = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
		}

		this.#capacity = capacity;
		this.#items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.#size;
	}

	get capacity(): number {
		return this.#capacity;
	}

	/** Appends an item; returns the item that fell out when the buffer was full. */
	push(item: T): T | undefined {
		if (this.#size < this.#capacity) {
			let tail = this.#head + this.#size;
			if (tail >= this.#capacity) tail -= this.#capacity;
			this.#items[tail] = item;
			this.#size++;
			return undefined;
		}

		const evicted = this.#items[this.#head];
		this.#items[this.#head] = item;
		this.#head++;
		if (this.#head === this.#capacity) this.#head = 0;
		return evicted;
	}

	/** 0 is the oldest item, size - 1 the newest. */
	at(index: number): T | undefined {
		if (!Number.isInteger(index) || index < 0 || index >= this.#size) return undefined;
		let slot = this.#head + index;
		if (slot >= this.#capacity) slot -= this.#capacity;
		return this.#items[slot];
	}

	/** Oldest first. */
	toArray(): T[] {
		const out = new Array<T>(this.#size);
		let slot = this.#head;
		for (let i = 0; i < this.#size; i++) {
			out[i] = this.#items[slot] as T;
			slot++;
			if (slot === this.#capacity) slot = 0;
		}

		return out;
	}

	clear(): void {
		// Drop references so cleared records can be collected.
		this.#items.fill(undefined);
		this.#head = 0;
		this.#size = 0;
	}

	*[Symbol.iterator](): Iterator<T> {
		for (let i = 0; i < this.#size; i++) {
			yield this.at(i) as T;
		}
	}
}
