// Joins the req / rsp / end events of one HTTP request into a RequestRecord.
// Stream ids are unique only per proxy, and a TapEvent does not say which
// proxy sent it, so the key includes the reporting pod's ip: the destination
// for INBOUND events and the source otherwise (spec §8 "Ids"). Unlike
// `linkerd viz top`, open requests expire after a TTL and the open map is
// bounded, because the proxy silently drops events when its buffer fills.
import type {Duration, TapEvent} from '../tap/event.js';
import {endpointName} from './names.js';
import {isSuccess} from './success.js';
import type {RequestRecord} from './types.js';

export interface CorrelatorOptions {
	/** An open request older than this (strictly) expires on expire(). */
	ttlMs: number;
	/** Most requests kept open at once; the oldest is evicted beyond it. */
	maxOpen: number;
}

export interface CorrelatorCounts {
	open: number;
	completed: number;
	/** Timed out, or replaced by a new request with the same key. */
	expired: number;
	/** rsp / end events with no open request. */
	unmatched: number;
	/** Dropped because the open map was full. */
	evicted: number;
}

function durationUs(d: Duration | null): number | null {
	if (d === null) return null;
	return d.seconds * 1_000_000 + Math.round(d.nanos / 1000);
}

export function correlationKey(ev: TapEvent, base: number, stream: number): string {
	const reporter = ev.proxyDirection === 'INBOUND' ? ev.destination : ev.source;
	return ev.proxyDirection + '|' + (reporter ? reporter.ip : '') + '|' + base + '|' + stream;
}

export class Correlator {
	readonly #ttlMs: number;
	readonly #maxOpen: number;
	/** Insertion order is start order, so the oldest open request is always first. */
	readonly #open = new Map<string, RequestRecord>();
	#seq = 0;
	#completed = 0;
	#expired = 0;
	#unmatched = 0;
	#evicted = 0;

	constructor(opts: CorrelatorOptions) {
		if (!(opts.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${opts.ttlMs}`);
		if (!(opts.maxOpen >= 1)) throw new RangeError(`maxOpen must be at least 1, got ${opts.maxOpen}`);
		this.#ttlMs = opts.ttlMs;
		this.#maxOpen = opts.maxOpen;
	}

	get counts(): CorrelatorCounts {
		return {
			open: this.#open.size,
			completed: this.#completed,
			expired: this.#expired,
			unmatched: this.#unmatched,
			evicted: this.#evicted,
		};
	}

	/**
	 * Returns the record the event created or updated (the same object for all
	 * three events of a request), or null for events that match nothing.
	 */
	ingest(ev: TapEvent, now: number): RequestRecord | null {
		const http = ev.http;
		if (http === null) return null;
		const key = correlationKey(ev, http.id.base, http.id.stream);

		if (http.kind === 'requestInit') {
			const previous = this.#open.get(key);
			if (previous !== undefined) {
				previous.state = 'expired';
				this.#open.delete(key);
				this.#expired++;
			} else if (this.#open.size >= this.#maxOpen) {
				this.#evictOldest();
			}

			const direction = ev.proxyDirection;
			const rec: RequestRecord = {
				seq: ++this.#seq,
				key,
				direction,
				source: ev.source,
				destination: ev.destination,
				sourceLabels: ev.sourceMeta,
				destinationLabels: ev.destinationMeta,
				routeLabels: ev.routeMeta,
				sourceName: endpointName(ev.sourceMeta, ev.source),
				destinationName: endpointName(ev.destinationMeta, ev.destination),
				streamBase: http.id.base,
				streamId: http.id.stream,
				method: http.method,
				scheme: http.scheme,
				authority: http.authority,
				path: http.path,
				requestHeaders: http.headers,
				startedAt: now,
				httpStatus: null,
				responseHeaders: null,
				latencyUs: null,
				totalUs: null,
				responseBytes: null,
				eos: null,
				trailers: null,
				tls:
					direction === 'INBOUND'
						? (ev.sourceMeta?.['tls'] ?? '')
						: direction === 'OUTBOUND'
							? (ev.destinationMeta?.['tls'] ?? '')
							: '',
				state: 'open',
				success: null,
			};
			this.#open.set(key, rec);
			return rec;
		}

		const rec = this.#open.get(key);
		if (rec === undefined) {
			this.#unmatched++;
			return null;
		}

		if (http.kind === 'responseInit') {
			rec.httpStatus = http.httpStatus;
			rec.latencyUs = durationUs(http.sinceRequestInit);
			rec.responseHeaders = http.headers;
			return rec;
		}

		rec.totalUs = durationUs(http.sinceRequestInit);
		rec.responseBytes = http.responseBytes;
		rec.eos = http.eos;
		rec.trailers = http.trailers;
		rec.state = 'done';
		rec.success = isSuccess(rec);
		this.#open.delete(key);
		this.#completed++;
		return rec;
	}

	/** Marks requests open for longer than ttlMs as expired and forgets them. */
	expire(now: number): RequestRecord[] {
		const expired: RequestRecord[] = [];
		const cutoff = now - this.#ttlMs;
		for (const [key, rec] of this.#open) {
			// Start order: the first young record means the rest are young too.
			if (rec.startedAt >= cutoff) break;
			rec.state = 'expired';
			this.#open.delete(key);
			expired.push(rec);
		}

		this.#expired += expired.length;
		return expired;
	}

	/** Forgets open requests and zeroes counts; seq keeps rising so identities never repeat. */
	clear(): void {
		this.#open.clear();
		this.#completed = 0;
		this.#expired = 0;
		this.#unmatched = 0;
		this.#evicted = 0;
	}

	#evictOldest(): void {
		for (const [key, rec] of this.#open) {
			rec.state = 'expired';
			this.#open.delete(key);
			this.#evicted++;
			return;
		}
	}
}
