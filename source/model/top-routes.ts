// The `linkerd viz top` table (spec §7), bounded: completed requests grouped
// by source, destination, method and path template (model/route-template.ts: ids,
// UUIDs and hex become {id}, so /authors/720.json and /authors/721.json are one row),
// with latency percentiles and a windowed request rate on top of upstream's count /
// best / worst / last. The raw paths stay on the requests (the stream and the detail).
import {evictStalest} from './evict.js';
import {Histogram} from './histogram.js';
import {KeyIndex4} from './key-index.js';
import {RateWindow} from './rate-window.js';
import {routeTemplate} from './route-template.js';
import {Trend, type TrendSeries} from './trend.js';
import {isSuccess} from './success.js';
import type {RequestRecord} from './types.js';

export type RouteSort = 'count' | 'success' | 'p99' | 'rps' | 'path';

export const routeSorts: readonly RouteSort[] = ['count', 'success', 'p99', 'rps', 'path'];

export interface RouteRow {
	key: string;
	source: string;
	destination: string;
	method: string;
	path: string;
	count: number;
	successes: number;
	failures: number;
	/** 0..1; null when nothing completed (never for a listed row). */
	successRate: number | null;
	/** Latency figures are 0 while no completed request carried a duration. */
	bestUs: number;
	worstUs: number;
	lastUs: number;
	p50Us: number;
	p95Us: number;
	p99Us: number;
	rps: number;
	/** Requests and failures per 10 s over the last 5 minutes (model/trend.ts). */
	trend: TrendSeries;
	/** The route's latency histogram (read-only use: the route detail draws it). */
	latency: Histogram;
}

export interface TopRoutesOptions {
	maxRoutes: number;
	windowMs: number;
}

interface Route {
	key: string;
	/** Creation order, the tie-break that keeps equal rows from jumping around. */
	order: number;
	/** Update tick, for evicting the least recently updated. */
	touched: number;
	source: string;
	destination: string;
	method: string;
	path: string;
	successes: number;
	failures: number;
	lastUs: number;
	latency: Histogram;
	rate: RateWindow;
	trend: Trend;
	/** Percentiles computed for this many latency samples; recomputed when it changes. */
	cachedFor: number;
	p50: number;
	p95: number;
	p99: number;
}

const quantiles = [0.5, 0.95, 0.99];

function routeKey(rec: RequestRecord, path: string): string {
	return rec.sourceName + '\u0000' + rec.destinationName + '\u0000' + rec.method + '\u0000' + path;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

const comparators: Record<RouteSort, (a: RouteRow, b: RouteRow) => number> = {
	count: (a, b) => b.count - a.count,
	success(a, b) {
		if (a.successRate === b.successRate) return 0;
		if (a.successRate === null) return 1;
		if (b.successRate === null) return -1;
		return a.successRate - b.successRate;
	},
	p99: (a, b) => b.p99Us - a.p99Us,
	rps: (a, b) => b.rps - a.rps,
	path: (a, b) =>
		compareText(a.path, b.path) ||
		compareText(a.method, b.method) ||
		compareText(a.source, b.source) ||
		compareText(a.destination, b.destination),
};

export class TopRoutes {
	readonly #maxRoutes: number;
	readonly #windowMs: number;
	/** By key, for listing and eviction. */
	readonly #routes = new Map<string, Route>();
	/** The same routes by their parts, for the per-request lookup. */
	readonly #index = new KeyIndex4<Route>();
	#order = 0;
	#tick = 0;
	#evictions = 0;

	constructor(opts: TopRoutesOptions) {
		if (!(opts.maxRoutes >= 1)) throw new RangeError(`maxRoutes must be at least 1, got ${opts.maxRoutes}`);
		this.#maxRoutes = opts.maxRoutes;
		this.#windowMs = opts.windowMs;
	}

	get size(): number {
		return this.#routes.size;
	}

	/** Routes dropped to stay within maxRoutes since the last clear (the stalest tenth at a time). */
	get evictions(): number {
		return this.#evictions;
	}

	/** Counts one completed request; now is when it completed. */
	add(rec: RequestRecord, now: number): void {
		const path = routeTemplate(rec.path);
		let route = this.#index.get(rec.sourceName, rec.destinationName, rec.method, path);
		if (route === undefined) {
			if (this.#routes.size >= this.#maxRoutes) {
				for (const gone of evictStalest(this.#routes, this.#maxRoutes)) {
					this.#index.delete(gone.source, gone.destination, gone.method, gone.path);
					this.#evictions++;
				}
			}

			const key = routeKey(rec, path);
			route = {
				key,
				order: this.#order++,
				touched: 0,
				source: rec.sourceName,
				destination: rec.destinationName,
				method: rec.method,
				path,
				successes: 0,
				failures: 0,
				lastUs: 0,
				latency: new Histogram(),
				rate: new RateWindow(this.#windowMs),
				trend: new Trend(),
				cachedFor: 0,
				p50: 0,
				p95: 0,
				p99: 0,
			};
			this.#routes.set(key, route);
			this.#index.set(rec.sourceName, rec.destinationName, rec.method, path, route);
		}

		route.touched = ++this.#tick;
		const ok = rec.success ?? isSuccess(rec);
		if (ok) route.successes++;
		else route.failures++;
		route.trend.add(now, !ok);
		const us = rec.totalUs ?? rec.latencyUs;
		if (us !== null) {
			route.latency.record(us);
			route.lastUs = us > 0 ? Math.round(us) : 0;
		}

		route.rate.add(now);
	}

	rows(now: number, sort: RouteSort): RouteRow[] {
		const entries: Array<{row: RouteRow; order: number}> = [];
		for (const route of this.#routes.values()) {
			const latency = route.latency;
			if (route.cachedFor !== latency.count) {
				[route.p50, route.p95, route.p99] = latency.percentiles(quantiles) as [number, number, number];
				route.cachedFor = latency.count;
			}

			const count = route.successes + route.failures;
			const row: RouteRow = {
				key: route.key,
				source: route.source,
				destination: route.destination,
				method: route.method,
				path: route.path,
				count,
				successes: route.successes,
				failures: route.failures,
				successRate: count === 0 ? null : route.successes / count,
				bestUs: latency.min,
				worstUs: latency.max,
				lastUs: route.lastUs,
				p50Us: route.p50,
				p95Us: route.p95,
				p99Us: route.p99,
				rps: route.rate.rate(now),
				trend: route.trend.series(now),
				latency,
			};
			entries.push({row, order: route.order});
		}

		const compare = comparators[sort] ?? comparators.count;
		entries.sort((a, b) => compare(a.row, b.row) || a.order - b.order);
		return entries.map((entry) => entry.row);
	}

	clear(): void {
		this.#routes.clear();
		this.#index.clear();
		this.#evictions = 0;
	}
}
