// Counting a request seen at both ends once. A namespace tap sees a meshed-to-meshed request
// twice: OUTBOUND at the caller's proxy and INBOUND at the server's. Top routes and mTLS
// coverage count requests, so the second view of one must not count again.
//
// The rule: a completed record is a second view when a record of the other direction, already
// counted and completed within `windowMs` before it, could be the same request by the pairing
// rule (model/pairing.ts `candidate`: same bucket — server address, client ip, method,
// authority, path — start times within the window, the same outcome, the server's latencies
// inside the client's, request ids and the story both tell agreeing). Each counted record
// absorbs at most one second view. So a request counts once, by the side whose end reached
// meshtop first: the server's nearly always (its proxy sees the end before the caller's does).
//
// Unlike the stream's pairing (a view that pairs only when exactly one pairing is possible),
// this matches greedily: for counting it does not matter which of two look-alike requests
// absorbs which, only that each absorbs one. Pure: time is passed in; O(1) per record plus a
// sweep of the last second's records once a second.
import {bucketKey, candidate, defaultPairing, type PairingOptions} from './pairing.js';
import type {RequestRecord} from './types.js';

interface Counted {
	record: RequestRecord;
	/** When it completed (the caller's clock). */
	at: number;
}

/** Counted records remembered at most; beyond it (a flood) new ones count and are not remembered. */
const defaultMaxWaiting = 20_000;

export class BothEnds {
	readonly #options: PairingOptions;
	readonly #maxWaiting: number;
	/** Counted records no second view has matched yet: by direction and bucket, oldest first. */
	readonly #waiting = new Map<string, Counted[]>();
	#size = 0;
	#sweptAt = -Infinity;
	#secondViews = 0;

	constructor(options: PairingOptions = defaultPairing, maxWaiting = defaultMaxWaiting) {
		this.#options = options;
		this.#maxWaiting = maxWaiting;
	}

	/** Second views seen (not counted) since the last clear. */
	get secondViews(): number {
		return this.#secondViews;
	}

	/**
	 * A completed record the aggregates would count: true to count it, false when it is the
	 * other end's view of a request already counted. `now`: when it completed.
	 */
	counts(record: RequestRecord, now: number): boolean {
		this.#sweep(now);
		const inbound = record.direction === 'INBOUND';
		if (!inbound && record.direction !== 'OUTBOUND') return true;
		const key = bucketKey(record);
		if (key === undefined) return true;
		const otherKey = (inbound ? 'O' : 'I') + key;
		const other = this.#waiting.get(otherKey);
		if (other) {
			for (let i = 0; i < other.length; i++) {
				const seen = other[i]!.record;
				if (!(inbound ? candidate(seen, record, this.#options) : candidate(record, seen, this.#options))) continue;
				other.splice(i, 1);
				this.#size--;
				if (other.length === 0) this.#waiting.delete(otherKey);
				this.#secondViews++;
				return false;
			}
		}
		if (this.#size < this.#maxWaiting) {
			const ownKey = (inbound ? 'I' : 'O') + key;
			const own = this.#waiting.get(ownKey);
			if (own) own.push({record, at: now});
			else this.#waiting.set(ownKey, [{record, at: now}]);
			this.#size++;
		}
		return true;
	}

	clear(): void {
		this.#waiting.clear();
		this.#size = 0;
		this.#sweptAt = -Infinity;
		this.#secondViews = 0;
	}

	/** Forgets counted records whose other view would have come by now (once per window). */
	#sweep(now: number): void {
		const windowMs = this.#options.windowMs;
		if (now - this.#sweptAt < windowMs) return;
		this.#sweptAt = now;
		const oldest = now - windowMs;
		for (const [key, list] of this.#waiting) {
			let drop = 0;
			while (drop < list.length && list[drop]!.at < oldest) drop++;
			if (drop === 0) continue;
			this.#size -= drop;
			if (drop === list.length) this.#waiting.delete(key);
			else list.splice(0, drop);
		}
	}
}
