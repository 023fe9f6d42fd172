// Headless filtering (`meshtop tap --filter EXPR`): a filter on the response needs the whole
// request, so the events of each request are held until its end arrives, then judged on the
// joined record and handed back together, in order. Requests that never end are dropped at
// the TTL and counted. Pure: time is passed in.
import {Correlator} from './correlate.js';
import type {TapEvent} from './event.js';
import type {RequestRecord} from './types.js';

export interface AssembledRequest {
	record: RequestRecord;
	/** The request's own events as they arrived: request, response (if any), end. */
	events: TapEvent[];
}

export interface AssemblerCounts {
	/** Requests held until the TTL with no end (the tap stopped, the proxy lost it). */
	unfinished: number;
	/** Response or end events that matched no request seen by this tap. */
	unmatched: number;
}

export class RequestAssembler {
	readonly #correlator: Correlator;
	readonly #held = new Map<number, TapEvent[]>();
	#unfinished = 0;

	constructor(options: {ttlMs: number; maxOpen: number}) {
		this.#correlator = new Correlator(options);
	}

	get counts(): AssemblerCounts {
		return {unfinished: this.#unfinished, unmatched: this.#correlator.counts.unmatched};
	}

	/** Adds one event; returns the whole request when this event completed it. */
	push(event: TapEvent, now: number): AssembledRequest | undefined {
		const record = this.#correlator.ingest(event, now);
		if (record === null) return undefined;
		const kind = event.http!.kind;
		if (kind === 'requestInit') {
			this.#held.set(record.seq, [event]);
			this.#forgetLost();
			return undefined;
		}
		const events = this.#held.get(record.seq);
		if (events === undefined) return undefined;
		events.push(event);
		if (kind !== 'responseEnd') return undefined;
		this.#held.delete(record.seq);
		return {record, events};
	}

	/** Drops requests open for longer than the TTL; returns how many. */
	expire(now: number): number {
		this.#correlator.expire(now);
		return this.#forgetLost();
	}

	/** At the end of the run: everything still held never finished. */
	finish(): number {
		const left = this.#held.size;
		this.#unfinished += left;
		this.#held.clear();
		return left;
	}

	/** Held events of requests the correlator gave up on (TTL, replaced, evicted). */
	#forgetLost(): number {
		if (this.#held.size <= this.#correlator.counts.open) return 0;
		let lost = 0;
		for (const seq of this.#held.keys()) {
			if (this.#correlator.openRecord(seq) !== undefined) continue;
			this.#held.delete(seq);
			lost++;
		}
		this.#unfinished += lost;
		return lost;
	}
}
