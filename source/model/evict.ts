// Bounded maps without reordering on every update: entries carry the tick
// they were last touched, and a full map drops its stalest tenth at once, so
// eviction costs O(log n) per insert on average instead of a delete + set per
// update (which doubled the map work on the ingest path).

export interface Touched {
	touched: number;
}

/** Removes the least recently touched entries so that at least one slot is free; returns them. */
export function evictStalest<K, V extends Touched>(map: Map<K, V>, max: number): V[] {
	const drop = Math.max(1, map.size - max + 1, Math.ceil(max / 10));
	const entries = [...map].sort((a, b) => a[1].touched - b[1].touched);
	const evicted = entries.slice(0, drop);
	for (const [key] of evicted) map.delete(key);
	return evicted.map(([, value]) => value);
}
