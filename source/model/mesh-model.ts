// The model the store drives: correlates tap events into requests, keeps the
// last N in a ring buffer, and maintains the routes and mTLS aggregates over
// the requests that pass the client filter, counting a request seen at both ends
// once (model/both-ends.ts). Pure: time is passed in.
import type {TapEvent} from './event.js';
import {BothEnds} from './both-ends.js';
import {Correlator} from './correlate.js';
import {type ClientFilter, compileFilter, isEmptyFilter} from './filters.js';
import {MtlsCoverage, type MtlsEdge} from './mtls.js';
import {RingBuffer} from './ring-buffer.js';
import {type RouteRow, type RouteSort, TopRoutes} from './top-routes.js';
import type {RequestRecord} from './types.js';

export interface MeshModelOptions {
	bufferSize: number;
	ttlMs: number;
	maxRoutes: number;
	rpsWindowMs: number;
}

export interface ModelCounts {
	/** Tap events ingested. */
	events: number;
	/** Requests started (RequestInit events). */
	requests: number;
	open: number;
	completed: number;
	/** Gave up waiting: TTL expiry, replacement by the same id, or eviction from a full open map. */
	expired: number;
	/** rsp / end events that matched no open request. */
	unmatched: number;
	/** Records that fell out of the ring buffer. */
	evicted: number;
	/** Buffered records hidden by the client filter at snapshot time. */
	filteredOut: number;
	/**
	 * Completed requests seen at both ends (OUTBOUND and INBOUND) whose second view routes and
	 * mTLS did not count again, since the last clear or filter change.
	 */
	bothEnds: number;
}

/** A line in the stream between requests: where the tap changed, or the buffer was discarded. */
export interface StreamMarker {
	/** Shown after the request with this seq (0: before every request). */
	afterSeq: number;
	/** Clock time of the change. */
	at: number;
	text: string;
}

export interface ModelSnapshot {
	/** Passing the client filter, oldest first. */
	records: RequestRecord[];
	/** Markers that fall inside the buffered span, oldest first. */
	markers: StreamMarker[];
	routes: RouteRow[];
	mtls: {overall: {total: number; secured: number}; edges: MtlsEdge[]};
	/** Destination ports seen since the last clear (unfiltered), count desc. */
	ports: Array<{port: number; count: number}>;
	counts: ModelCounts;
}

/** Bounds the port picker against scans over many ports. */
const maxPorts = 1000;
/** Markers kept; each is one tap change, so this is generous. */
const maxMarkers = 200;

/** When a completed record finished, for rebuilding the rate window. */
function completedAt(rec: RequestRecord): number {
	const us = rec.totalUs ?? rec.latencyUs ?? 0;
	return rec.startedAt + us / 1000;
}

export class MeshModel {
	readonly #opts: MeshModelOptions;
	readonly #buffer: RingBuffer<RequestRecord>;
	readonly #correlator: Correlator;
	readonly #routes: TopRoutes;
	readonly #mtls = new MtlsCoverage();
	readonly #bothEnds = new BothEnds();
	readonly #ports = new Map<number, number>();
	#filter: ClientFilter = {};
	#passes: (rec: RequestRecord) => boolean = () => true;
	#filterEmpty = true;
	#events = 0;
	#requests = 0;
	#bufferEvicted = 0;
	#markers: StreamMarker[] = [];

	constructor(opts: MeshModelOptions) {
		this.#opts = opts;
		this.#buffer = new RingBuffer(opts.bufferSize);
		this.#correlator = new Correlator({
			ttlMs: opts.ttlMs,
			// An open request beyond this many is older than everything the buffer shows.
			maxOpen: opts.bufferSize,
		});
		this.#routes = new TopRoutes({maxRoutes: opts.maxRoutes, windowMs: opts.rpsWindowMs});
	}

	get buffer(): RingBuffer<RequestRecord> {
		return this.#buffer;
	}

	get filter(): ClientFilter {
		return this.#filter;
	}

	get options(): MeshModelOptions {
		return this.#opts;
	}

	ingest(events: TapEvent[], now: number): void {
		const correlator = this.#correlator;
		for (let i = 0; i < events.length; i++) {
			const ev = events[i]!;
			this.#events++;
			const rec = correlator.ingest(ev, now);
			if (rec === null) continue;
			const kind = ev.http!.kind;
			if (kind === 'requestInit') {
				this.#requests++;
				if (this.#buffer.push(rec) !== undefined) this.#bufferEvicted++;
				this.#countPort(rec);
				// Unfiltered, a request counts for mTLS as soon as it opens. A filter may ask about
				// the response (status, latency, denied): it is judged when the request is done.
				if (this.#filterEmpty) this.#mtls.add(rec);
			} else if (kind === 'responseEnd') {
				if (this.#filterEmpty || this.#passes(rec)) {
					if (!this.#filterEmpty) this.#mtls.add(rec);
					this.#count(rec, now);
				}
			}
		}
	}

	/** Expires requests open for longer than the TTL. */
	tick(now: number): void {
		this.#correlator.expire(now);
	}

	/** Applies a new client filter and rebuilds the aggregates from the buffer. */
	setFilter(f: ClientFilter, now: number): void {
		this.#filter = f;
		this.#filterEmpty = isEmptyFilter(f);
		this.#passes = compileFilter(f);
		this.#routes.clear();
		this.#mtls.clear();
		this.#bothEnds.clear();
		const done: RequestRecord[] = [];
		for (const rec of this.#buffer) {
			if (!this.#filterEmpty && !this.#passes(rec)) continue;
			if (this.#filterEmpty || rec.state === 'done') this.#mtls.add(rec);
			if (rec.state === 'done') done.push(rec);
		}
		// In the order they completed, as they came in live: the first view of a request counts.
		done.sort((a, b) => completedAt(a) - completedAt(b));
		for (const rec of done) this.#count(rec, Math.min(now, completedAt(rec)));
	}

	/** A completed request into top routes, unless it is the second view of one already counted (then mTLS takes it back). */
	#count(rec: RequestRecord, at: number): void {
		if (this.#bothEnds.counts(rec, at)) this.#routes.add(rec, at);
		else this.#mtls.remove(rec);
	}

	/** Records a marker row in the stream after the newest request so far. */
	mark(text: string, now: number): void {
		this.#markers.push({afterSeq: this.#correlator.lastSeq, at: now, text});
		if (this.#markers.length > maxMarkers) this.#markers.shift();
	}

	/**
	 * The tap that fed the model was replaced (other server-side filters, another target): what
	 * was captured stays; requests still open can never complete, so they expire now; a
	 * marker shows where it happened.
	 */
	interrupt(text: string, now: number): void {
		this.#correlator.expireAll();
		this.mark(text, now);
	}

	/**
	 * Discards every captured request and statistic (the explicit, confirmed `:discard`); the
	 * filter stays. Seqs keep rising, so identities never repeat.
	 */
	clear(): void {
		this.#markers = [];
		this.#buffer.clear();
		this.#correlator.clear();
		this.#routes.clear();
		this.#mtls.clear();
		this.#bothEnds.clear();
		this.#ports.clear();
		this.#events = 0;
		this.#requests = 0;
		this.#bufferEvicted = 0;
	}

	snapshot(now: number, sort: RouteSort, options: {freeze?: boolean} = {}): ModelSnapshot {
		let records = this.#buffer.toArray();
		if (!this.#filterEmpty) records = records.filter(this.#passes);
		// Only open records change in place (done and expired ones have left the correlator):
		// a frozen view copies those and shares the rest.
		if (options.freeze) records = records.map((rec) => (rec.state === 'open' ? {...rec} : rec));
		const c = this.#correlator.counts;
		const oldest = this.#buffer.size > 0 ? this.#buffer.at(0)!.seq : this.#correlator.lastSeq + 1;
		return {
			records,
			markers: this.#markers.filter(marker => marker.afterSeq >= oldest - 1),
			routes: this.#routes.rows(now, sort),
			mtls: {overall: this.#mtls.overall(), edges: this.#mtls.edges()},
			ports: [...this.#ports]
				.map(([port, count]) => ({port, count}))
				.sort((a, b) => b.count - a.count || a.port - b.port),
			counts: {
				events: this.#events,
				requests: this.#requests,
				open: c.open,
				completed: c.completed,
				expired: c.expired + c.evicted,
				unmatched: c.unmatched,
				evicted: this.#bufferEvicted,
				filteredOut: this.#buffer.size - records.length,
				bothEnds: this.#bothEnds.secondViews,
			},
		};
	}

	#countPort(rec: RequestRecord): void {
		const port = rec.destination?.port;
		if (port === undefined) return;
		const seen = this.#ports.get(port);
		if (seen !== undefined) this.#ports.set(port, seen + 1);
		else if (this.#ports.size < maxPorts) this.#ports.set(port, 1);
	}
}
