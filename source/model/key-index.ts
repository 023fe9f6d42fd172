// Lookup by several string parts without joining them. Joining builds a new
// string per request that must be flattened and hashed; nested maps hash each
// part, and interned parts (display names) have their hash cached already.
// Emptied branches are removed so a bounded index stays bounded.

type Level<V> = Map<string, V>;

export class KeyIndex2<V> {
	readonly #root = new Map<string, Level<V>>();

	get(a: string, b: string): V | undefined {
		return this.#root.get(a)?.get(b);
	}

	set(a: string, b: string, value: V): void {
		let level = this.#root.get(a);
		if (level === undefined) {
			level = new Map();
			this.#root.set(a, level);
		}

		level.set(b, value);
	}

	delete(a: string, b: string): void {
		const level = this.#root.get(a);
		if (level === undefined) return;
		level.delete(b);
		if (level.size === 0) this.#root.delete(a);
	}

	isEmpty(): boolean {
		return this.#root.size === 0;
	}

	clear(): void {
		this.#root.clear();
	}
}

export class KeyIndex4<V> {
	readonly #root = new KeyIndex2<KeyIndex2<V>>();

	get(a: string, b: string, c: string, d: string): V | undefined {
		return this.#root.get(a, b)?.get(c, d);
	}

	set(a: string, b: string, c: string, d: string, value: V): void {
		let inner = this.#root.get(a, b);
		if (inner === undefined) {
			inner = new KeyIndex2();
			this.#root.set(a, b, inner);
		}

		inner.set(c, d, value);
	}

	delete(a: string, b: string, c: string, d: string): void {
		const inner = this.#root.get(a, b);
		if (inner === undefined) return;
		inner.delete(c, d);
		if (inner.isEmpty()) this.#root.delete(a, b);
	}

	clear(): void {
		this.#root.clear();
	}
}
