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
// absorbs which, only that each absorbs one. Pure: time is passed in; per record, two map
// lookups by strings the record already has (no key is built: this runs on every completed
// request) and a scan of that destination and path's last second, plus a sweep once a second.
import {candidate, defaultPairing, type PairingOptions, sameBucket} from './pairing.js';
import type {RequestRecord} from './types.js';

/** Records by destination ip, then path; the rest of the bucket is compared in the scan. */
type Waiting = Map<string, Map<string, RequestRecord[]>>;

/** When a record's end came in, near enough: start (as meshtop received it) plus its duration. */
function endedAt(record: RequestRecord): number {
	return record.startedAt + (record.totalUs ?? record.latencyUs ?? 0) / 1000;
}

/** Counted records remembered at most; beyond it (a flood) new ones count and are not remembered. */
const defaultMaxWaiting = 20_000;

export class BothEnds {
	readonly #options: PairingOptions;
	readonly #maxWaiting: number;
	/** Counted records no second view has matched yet, OUTBOUND ones and INBOUND ones, oldest first. */
	readonly #outbound: Waiting = new Map();
	readonly #inbound: Waiting = new Map();
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
		if (now - this.#sweptAt >= this.#options.windowMs) this.#sweep(now);
		const inbound = record.direction === 'INBOUND';
		if (!inbound && record.direction !== 'OUTBOUND') return true;
		const destination = record.destination?.ip;
		if (!destination || !record.source?.ip) return true;
		const others = (inbound ? this.#outbound : this.#inbound).get(destination)?.get(record.path);
		if (others !== undefined) {
			// Newest first: the other view's end came in moments ago.
			for (let i = others.length - 1; i >= 0; i--) {
				const seen = others[i]!;
				if (!sameBucket(seen, record)) continue;
				if (!(inbound ? candidate(seen, record, this.#options) : candidate(record, seen, this.#options))) continue;
				others.splice(i, 1);
				this.#size--;
				this.#secondViews++;
				return false;
			}
		}
		if (this.#size < this.#maxWaiting) {
			const mine = inbound ? this.#inbound : this.#outbound;
			let paths = mine.get(destination);
			if (paths === undefined) mine.set(destination, (paths = new Map()));
			const own = paths.get(record.path);
			if (own !== undefined) own.push(record);
			else paths.set(record.path, [record]);
			this.#size++;
		}
		return true;
	}

	clear(): void {
		this.#outbound.clear();
		this.#inbound.clear();
		this.#size = 0;
		this.#sweptAt = -Infinity;
		this.#secondViews = 0;
	}

	/** Forgets counted records whose other view would have come by now (once per window). */
	#sweep(now: number): void {
		this.#sweptAt = now;
		const oldest = now - 2 * this.#options.windowMs;
		for (const waiting of [this.#outbound, this.#inbound]) {
			for (const [destination, paths] of waiting) {
				for (const [path, list] of paths) {
					const kept = list.filter(record => endedAt(record) >= oldest);
					this.#size -= list.length - kept.length;
					if (kept.length === 0) paths.delete(path);
					else if (kept.length < list.length) paths.set(path, kept);
				}
				if (paths.size === 0) waiting.delete(destination);
			}
		}
	}
}
