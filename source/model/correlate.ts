// Joins the req / rsp / end events of one HTTP request into a RequestRecord.
// Stream ids are unique only per proxy, and a TapEvent does not say which
// proxy sent it, so the key includes the reporting pod's ip: the destination
// for INBOUND events and the source otherwise (spec §8 "Ids"). Unlike
// `linkerd viz top`, open requests expire after a TTL and the open map is
// bounded, because the proxy silently drops events when its buffer fills.
import type {Duration, TapEvent} from './event.js';
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

/** The printable key a record carries: direction | reporting pod ip | base | stream. */
export function correlationKey(ev: TapEvent, base: number, stream: number): string {
	return ev.proxyDirection + '|' + reporterIp(ev) + '|' + base + '|' + stream;
}

function reporterIp(ev: TapEvent): string {
	const reporter = ev.proxyDirection === 'INBOUND' ? ev.destination : ev.source;
	return reporter ? reporter.ip : '';
}

const streamSpan = 2 ** 21;

/**
 * base (u32) and stream as one exact number: base * 2^21 + stream stays below
 * 2^53. Streams are 0..limit-1 per Observe, so a larger one is all but
 * impossible; it gets a string key rather than a collision.
 */
function idKey(base: number, stream: number): number | string {
	return stream < streamSpan ? base * streamSpan + stream : base + ':' + stream;
}

// Lookups go direction → reporting ip → numeric id, which avoids building and
// hashing a string per event on the hot path.
interface PodOpen {
	/** "DIRECTION|ip|", shared by the keys of all this pod's records. */
	prefix: string;
	byId: Map<number | string, RequestRecord>;
}

type ByIp = Map<string, PodOpen>;

const maxNamedIps = 20_000;

export class Correlator {
	readonly #ttlMs: number;
	readonly #maxOpen: number;
	readonly #inbound: ByIp = new Map();
	readonly #outbound: ByIp = new Map();
	readonly #unknown: ByIp = new Map();
	/** Open requests by seq; insertion order is start order, so the oldest is first. */
	readonly #bySeq = new Map<number, RequestRecord>();
	/**
	 * Workload names learned per IP from events that carried labels. Tapping a namespace, the
	 * same pod shows up labelled in one event and as a bare IP in another (the tap server
	 * could not hydrate it); without this the stream and the mTLS pane would show it twice.
	 */
	readonly #names = new Map<string, string>();
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

	/** The open request with this seq, if it is still open. */
	openRecord(seq: number): RequestRecord | undefined {
		return this.#bySeq.get(seq);
	}

	/** The seq of the newest request so far (0 before the first). */
	get lastSeq(): number {
		return this.#seq;
	}

	get counts(): CorrelatorCounts {
		return {
			open: this.#bySeq.size,
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
		const direction = ev.proxyDirection;
		const byIp = direction === 'INBOUND' ? this.#inbound : direction === 'OUTBOUND' ? this.#outbound : this.#unknown;
		const ip = reporterIp(ev);
		const base = http.id.base;
		const stream = http.id.stream;
		const id = idKey(base, stream);
		let pod = byIp.get(ip);

		if (http.kind === 'requestInit') {
			if (pod === undefined) {
				pod = {prefix: direction + '|' + ip + '|', byId: new Map()};
				byIp.set(ip, pod);
			}

			const byId = pod.byId;
			const previous = byId.get(id);
			if (previous !== undefined) {
				previous.state = 'expired';
				this.#bySeq.delete(previous.seq);
				this.#expired++;
			} else if (this.#bySeq.size >= this.#maxOpen) {
				this.#evictOldest();
			}

			const rec: RequestRecord = {
				seq: ++this.#seq,
				key: pod.prefix + base + '|' + stream,
				direction,
				source: ev.source,
				destination: ev.destination,
				sourceLabels: ev.sourceMeta,
				destinationLabels: ev.destinationMeta,
				routeLabels: ev.routeMeta,
				sourceName: this.#name(ev.sourceMeta, ev.source),
				destinationName: this.#name(ev.destinationMeta, ev.destination),
				streamBase: base,
				streamId: stream,
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
			byId.set(id, rec);
			this.#bySeq.set(rec.seq, rec);
			return rec;
		}

		const rec = pod === undefined ? undefined : pod.byId.get(id);
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
		pod!.byId.delete(id);
		this.#bySeq.delete(rec.seq);
		this.#completed++;
		return rec;
	}

	/** Marks requests open for longer than ttlMs as expired and forgets them. */
	expire(now: number): RequestRecord[] {
		const expired: RequestRecord[] = [];
		const cutoff = now - this.#ttlMs;
		for (const rec of this.#bySeq.values()) {
			// Start order: the first young record means the rest are young too.
			if (rec.startedAt >= cutoff) break;
			this.#forget(rec);
			expired.push(rec);
		}

		this.#expired += expired.length;
		this.#dropEmptyPods();
		return expired;
	}

	/**
	 * The tap that fed the open requests is gone (restarted with other filters): their ends
	 * will never come, so they expire now, counted, rather than after the TTL.
	 */
	expireAll(): RequestRecord[] {
		const expired = [...this.#bySeq.values()];
		for (const rec of expired) this.#forget(rec);
		this.#expired += expired.length;
		this.#dropEmptyPods();
		return expired;
	}

	/** Forgets open requests and zeroes counts; seq keeps rising so identities never repeat. */
	clear(): void {
		this.#inbound.clear();
		this.#outbound.clear();
		this.#unknown.clear();
		this.#bySeq.clear();
		this.#completed = 0;
		this.#expired = 0;
		this.#unmatched = 0;
		this.#evicted = 0;
	}

	#name(labels: TapEvent['sourceMeta'], addr: TapEvent['source']): string {
		const name = endpointName(labels, addr);
		const ip = addr?.ip;
		if (!ip) return name;
		if (name !== ip) {
			if (this.#names.get(ip) !== name) {
				// Bounded: pod IPs are reused after rollouts; a fresh label wins.
				if (this.#names.size >= maxNamedIps) this.#names.clear();
				this.#names.set(ip, name);
			}
			return name;
		}
		return this.#names.get(ip) ?? name;
	}

	#forget(rec: RequestRecord): void {
		rec.state = 'expired';
		this.#bySeq.delete(rec.seq);
		const byIp = rec.direction === 'INBOUND' ? this.#inbound : rec.direction === 'OUTBOUND' ? this.#outbound : this.#unknown;
		const reporter = rec.direction === 'INBOUND' ? rec.destination : rec.source;
		byIp.get(reporter ? reporter.ip : '')?.byId.delete(idKey(rec.streamBase, rec.streamId));
	}

	#evictOldest(): void {
		for (const rec of this.#bySeq.values()) {
			this.#forget(rec);
			this.#evicted++;
			return;
		}
	}

	/** Pods come and go with rollouts; their emptied maps should not pile up. */
	#dropEmptyPods(): void {
		for (const byIp of [this.#inbound, this.#outbound, this.#unknown]) {
			for (const [ip, pod] of byIp) {
				if (pod.byId.size === 0) byIp.delete(ip);
			}
		}
	}
}
