// mTLS coverage from tap: per source → destination edge, how many requests
// carried `tls=true` on the side that tells for their direction (spec §4.3),
// and the raw reasons of the rest. Any value other than "true" is not mTLS.
import {evictStalest} from './evict.js';
import {KeyIndex2} from './key-index.js';
import type {RequestRecord} from './types.js';

export interface MtlsEdge {
	key: string;
	source: string;
	destination: string;
	total: number;
	secured: number;
	/** Raw tls values other than "true" ('' when the label was absent), most frequent first. */
	reasons: Array<{reason: string; count: number}>;
	/**
	 * The client is outside the mesh: an INBOUND request whose source tls is
	 * no_tls_from_remote, or a source the tap server identified as a pod
	 * (pod label) that lacks control_plane_ns. Node and bare-ip sources are
	 * flagged only by the first rule, since their mesh status is unknown.
	 */
	unmeshedSource: boolean;
}

export interface MtlsCoverageOptions {
	/** Most edges kept; beyond it the least recently seen tenth is dropped. */
	maxEdges?: number;
}

interface Edge {
	key: string;
	order: number;
	touched: number;
	source: string;
	destination: string;
	total: number;
	secured: number;
	reasons: Map<string, number>;
	unmeshedSource: boolean;
}

export function isUnmeshedSource(rec: RequestRecord): boolean {
	if (rec.direction === 'INBOUND' && rec.tls === 'no_tls_from_remote') return true;
	const labels = rec.sourceLabels;
	return labels !== null && Boolean(labels['pod']) && !labels['control_plane_ns'];
}

export class MtlsCoverage {
	readonly #maxEdges: number;
	readonly #edges = new Map<string, Edge>();
	readonly #index = new KeyIndex2<Edge>();
	#order = 0;
	#tick = 0;
	#total = 0;
	#secured = 0;
	#evictions = 0;

	constructor(opts: MtlsCoverageOptions = {}) {
		this.#maxEdges = opts.maxEdges ?? 2000;
	}

	get evictions(): number {
		return this.#evictions;
	}

	/** Counts one request, once, when it is created. */
	add(rec: RequestRecord): void {
		const secured = rec.tls === 'true';
		this.#total++;
		if (secured) this.#secured++;

		let edge = this.#index.get(rec.sourceName, rec.destinationName);
		if (edge === undefined) {
			if (this.#edges.size >= this.#maxEdges) {
				for (const gone of evictStalest(this.#edges, this.#maxEdges)) {
					this.#index.delete(gone.source, gone.destination);
					this.#evictions++;
				}
			}

			const key = rec.sourceName + '\u0000' + rec.destinationName;
			edge = {
				key,
				order: this.#order++,
				touched: 0,
				source: rec.sourceName,
				destination: rec.destinationName,
				total: 0,
				secured: 0,
				reasons: new Map(),
				unmeshedSource: false,
			};
			this.#edges.set(key, edge);
			this.#index.set(rec.sourceName, rec.destinationName, edge);
		}

		edge.touched = ++this.#tick;
		edge.total++;
		if (secured) edge.secured++;
		else edge.reasons.set(rec.tls, (edge.reasons.get(rec.tls) ?? 0) + 1);
		if (!edge.unmeshedSource && isUnmeshedSource(rec)) edge.unmeshedSource = true;
	}

	/**
	 * Takes back a request counted by add: the second view of a request seen at both ends
	 * (model/both-ends.ts). An edge evicted since keeps its absence; the overall figures drop.
	 */
	remove(rec: RequestRecord): void {
		const secured = rec.tls === 'true';
		this.#total--;
		if (secured) this.#secured--;
		const edge = this.#index.get(rec.sourceName, rec.destinationName);
		if (edge === undefined || edge.total === 0) return;
		edge.total--;
		if (secured) edge.secured = Math.max(0, edge.secured - 1);
		else {
			const left = (edge.reasons.get(rec.tls) ?? 0) - 1;
			if (left > 0) edge.reasons.set(rec.tls, left);
			else edge.reasons.delete(rec.tls);
		}
		if (edge.total === 0) {
			this.#edges.delete(edge.key);
			this.#index.delete(edge.source, edge.destination);
		}
	}

	overall(): {total: number; secured: number} {
		return {total: this.#total, secured: this.#secured};
	}

	/** Least secured share first, then busiest first. */
	edges(): MtlsEdge[] {
		const edges = [...this.#edges.values()];
		edges.sort(
			(a, b) =>
				a.secured / a.total - b.secured / b.total || b.total - a.total || a.order - b.order,
		);
		return edges.map((edge) => ({
			key: edge.key,
			source: edge.source,
			destination: edge.destination,
			total: edge.total,
			secured: edge.secured,
			reasons: [...edge.reasons]
				.map(([reason, count]) => ({reason, count}))
				.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)),
			unmeshedSource: edge.unmeshedSource,
		}));
	}

	clear(): void {
		this.#edges.clear();
		this.#index.clear();
		this.#total = 0;
		this.#secured = 0;
		this.#evictions = 0;
	}
}
