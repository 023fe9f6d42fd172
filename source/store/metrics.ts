// Polls the viz metrics-api beside the tap: workload golden metrics and edges for the
// navigator's namespace, top routes for the tapped workload. A failure becomes one line
// in the view and the next poll tries again (connect included); the tap never waits on it.
import type {MeshEdge, MetricsClient, RouteStats, WorkloadStats} from '../model/metrics.js';
import {sanitize} from '../model/sanitize.js';
import type {MeshSources} from '../sources/types.js';
import {emptyPolled, type MetricsView, type Polled} from './state.js';
import type {Schedule} from './schedule.js';
import type {Resource} from '../model/resource.js';

/** The workload kinds the navigator lists that metrics-api has golden metrics for. */
export const statTypes = ['deployment', 'statefulset', 'daemonset'] as const;

export interface MetricsQuery {
	namespace: string;
	target: Resource | null;
}

export interface MetricsPollerOptions {
	sources: () => MeshSources;
	query: () => MetricsQuery;
	view: () => MetricsView;
	publish: (view: MetricsView) => void;
	clock: () => number;
	schedule: Schedule;
	pollMs: number;
	timeWindow: string;
}

export interface MetricsPoller {
	/** Polls now, then every pollMs. */
	start(): void;
	/** The namespace or target changed (or, with `all`, the sources): drop what no longer applies and poll now. */
	retarget(all?: boolean): void;
	close(): void;
}

export function initialMetricsView(available: boolean, namespace: string, timeWindow: string): MetricsView {
	return {
		available,
		namespace,
		routesFor: null,
		stats: emptyPolled(),
		edges: emptyPolled(),
		routes: emptyPolled(),
		error: null,
		via: null,
		timeWindow,
	};
}

/** Whose routes to ask for: a tapped workload, not a whole namespace. */
export function routesTarget(target: Resource | null): Resource | null {
	return target && target.type !== 'namespace' ? target : null;
}

export function sameResource(a: Resource | null, b: Resource | null): boolean {
	return a === b || (!!a && !!b && a.namespace === b.namespace && a.type === b.type && a.name === b.name);
}

export function metricsErrorText(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return sanitize(text.replace(/\s*[\r\n]+\s*/g, ' ').trim()) || 'metrics-api call failed';
}

/** Failures after which other calls would fail the same way (MetricsError kinds, read without importing grpc-js). */
function unreachable(error: unknown): boolean {
	const kind = (error as {kind?: unknown} | null)?.kind;
	return kind === 'unavailable' || kind === 'forbidden' || kind === 'deadline' || kind === 'no-prometheus';
}

/** Unsecured edges first (what on-call looks for), then by source and destination. */
export function sortEdges(edges: MeshEdge[]): MeshEdge[] {
	const name = (ns: string, type: string, n: string) => `${ns}/${type}/${n}`;
	return [...edges].sort(
		(a, b) =>
			Number(a.secured) - Number(b.secured) ||
			name(a.srcNamespace, a.srcType, a.src).localeCompare(name(b.srcNamespace, b.srcType, b.src)) ||
			name(a.dstNamespace, a.dstType, a.dst).localeCompare(name(b.dstNamespace, b.dstType, b.dst)),
	);
}

function refreshed<T>(rows: T[], at: number): Polled<T> {
	return {rows, at, stale: false};
}

function failed<T>(piece: Polled<T>): Polled<T> {
	return piece.at === null ? piece : {...piece, stale: true};
}

export function createMetricsPoller(options: MetricsPollerOptions): MetricsPoller {
	const {clock, schedule, pollMs} = options;
	let cancel: (() => void) | undefined;
	let inFlight = false;
	let again = false;
	let closed = false;
	let started = false;

	function matches(query: MetricsQuery, sources: MeshSources): boolean {
		const view = options.view();
		return (
			!closed &&
			sources === options.sources() &&
			view.namespace === query.namespace &&
			sameResource(view.routesFor, routesTarget(query.target))
		);
	}

	async function once(sources: MeshSources, query: MetricsQuery): Promise<void> {
		let client: MetricsClient;
		try {
			client = await sources.metrics!();
		} catch (error) {
			if (!matches(query, sources)) return;
			const view = options.view();
			options.publish({
				...view,
				stats: failed(view.stats),
				edges: failed(view.edges),
				routes: failed(view.routes),
				error: metricsErrorText(error),
			});
			return;
		}
		const timeWindow = options.timeWindow;
		const target = routesTarget(query.target);
		const stat = (type: string) => client.statSummary({namespace: query.namespace, type, timeWindow});
		// One call first: when metrics-api is unreachable (or has no Prometheus) every other call
		// would fail the same way after its own deadline; one failure is the answer for this poll.
		const [first] = await Promise.allSettled([stat(statTypes[0])]);
		let stats: PromiseSettledResult<WorkloadStats[]>;
		let edges: PromiseSettledResult<MeshEdge[]>;
		let routes: PromiseSettledResult<RouteStats[]>;
		if (first.status === 'rejected' && unreachable(first.reason)) {
			stats = edges = routes = first;
		} else {
			[stats, edges, routes] = await Promise.allSettled([
				Promise.all([first.status === 'fulfilled' ? first.value : Promise.reject(first.reason), ...statTypes.slice(1).map(stat)]).then(
					tables => tables.flat(),
				),
				client.edges({namespace: query.namespace, type: 'deployment'}),
				target
					? client.topRoutes({namespace: target.namespace, type: target.type, name: target.name, timeWindow})
					: Promise.resolve<RouteStats[]>([]),
			]);
		}
		if (!matches(query, sources)) return;
		const view = options.view();
		const now = clock();
		const firstError = [stats, edges, routes].find(result => result.status === 'rejected');
		options.publish({
			...view,
			stats: stats.status === 'fulfilled' ? refreshed<WorkloadStats>(stats.value, now) : failed(view.stats),
			edges: edges.status === 'fulfilled' ? refreshed(sortEdges(edges.value), now) : failed(view.edges),
			routes: routes.status === 'fulfilled' ? refreshed<RouteStats>(routes.value, now) : failed(view.routes),
			error: firstError ? metricsErrorText(firstError.reason) : null,
			via: client.via,
		});
	}

	function poll(): void {
		cancel?.();
		cancel = undefined;
		if (closed) return;
		const sources = options.sources();
		if (!sources.metrics) return;
		// A fixed cadence from the start of each poll: a slow answer does not stretch the period.
		cancel = schedule(poll, pollMs);
		if (inFlight) {
			again = true;
			return;
		}
		inFlight = true;
		once(sources, options.query())
			.catch(error => {
				// once() settles every call itself; this is a bug guard, still one line and never a crash.
				if (!closed) options.publish({...options.view(), error: metricsErrorText(error)});
			})
			.finally(() => {
				inFlight = false;
				if (closed || !again) return;
				again = false;
				poll();
			});
	}

	return {
		start() {
			started = true;
			poll();
		},
		retarget(all = false) {
			const query = options.query();
			const view = options.view();
			const available = Boolean(options.sources().metrics);
			const sameNamespace = !all && view.namespace === query.namespace;
			const target = routesTarget(query.target);
			const sameTarget = !all && sameResource(view.routesFor, target);
			if (sameNamespace && sameTarget && view.available === available) return;
			options.publish({
				...view,
				...(all ? {error: null, via: null} : {}),
				available,
				namespace: query.namespace,
				routesFor: target,
				stats: sameNamespace ? view.stats : emptyPolled(),
				edges: sameNamespace ? view.edges : emptyPolled(),
				routes: sameTarget ? view.routes : emptyPolled(),
			});
			if (started) poll();
		},
		close() {
			closed = true;
			cancel?.();
			cancel = undefined;
		},
	};
}
