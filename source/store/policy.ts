// Polls the tapped workload's policy figures while the policy view (P) is open: its outbound
// and inbound policy routes from Prometheus (the queries of stat-outbound/stat-inbound) and its
// authorization from metrics-api's Authz. Nothing is asked while the view is closed (meshtop at
// rest costs nothing for it). A failure is one line in the view; the numbers already shown stay,
// marked old, and the next poll tries again.
import type {AuthzRow} from '../model/authz.js';
import type {Resource} from '../model/resource.js';
import type {InboundRow, OutboundRouteRow} from '../model/route-metrics/rows.js';
import type {MeshSources} from '../sources/types.js';
import {metricsErrorText, sameResource} from './metrics.js';
import type {Schedule} from './schedule.js';
import {emptyPolled, type Polled, type PolicyView} from './state.js';

export interface PolicyPollerOptions {
	sources: () => MeshSources;
	target: () => Resource | null;
	view: () => PolicyView;
	publish: (view: PolicyView) => void;
	clock: () => number;
	schedule: Schedule;
	pollMs: number;
}

export interface PolicyPoller {
	/** The view opened (true) or closed (false). */
	want(open: boolean): void;
	/** The tapped target or the sources changed: forget what no longer applies. */
	retarget(): void;
	close(): void;
}

export function initialPolicyView(timeWindow: string): PolicyView {
	return {
		open: false,
		for: null,
		timeWindow,
		outbound: emptyPolled(),
		inbound: emptyPolled(),
		authz: emptyPolled(),
		promError: null,
		authzError: null,
		warnings: [],
	};
}


function settle<T>(result: PromiseSettledResult<T[]>, previous: Polled<T>, at: number): Polled<T> {
	if (result.status === 'fulfilled') return {rows: result.value, at, stale: false};
	return previous.at === null ? previous : {...previous, stale: true};
}

export function createPolicyPoller(options: PolicyPollerOptions): PolicyPoller {
	let cancel: (() => void) | undefined;
	let inFlight = false;
	let closed = false;

	async function once(): Promise<void> {
		const sources = options.sources();
		const target = options.target();
		if (!target) return;
		const window = options.view().timeWindow;
		const notAvailable = (what: string) => Promise.reject(new Error(`${what} is not available here`));
		const routes = sources.routeMetrics
			? sources.routeMetrics().then(client => Promise.all([client.outbound(target, window), client.inbound(target, window)]))
			: notAvailable('Prometheus');
		const authz = sources.metrics
			? sources.metrics().then(client => client.authz({namespace: target.namespace ?? '', type: target.type, name: target.name, timeWindow: window}))
			: notAvailable('metrics-api');
		const [routesResult, authzResult] = await Promise.allSettled([routes, authz]);
		const view = options.view();
		if (closed || !view.open || !sameResource(view.for, target)) return;
		const at = options.clock();
		const outbound: PromiseSettledResult<OutboundRouteRow[]> =
			routesResult.status === 'fulfilled' ? {status: 'fulfilled', value: routesResult.value[0].rows} : routesResult;
		const inbound: PromiseSettledResult<InboundRow[]> =
			routesResult.status === 'fulfilled' ? {status: 'fulfilled', value: routesResult.value[1].rows} : routesResult;
		const warnings = routesResult.status === 'fulfilled' ? [...new Set([...routesResult.value[0].warnings, ...routesResult.value[1].warnings])] : view.warnings;
		options.publish({
			...view,
			outbound: settle(outbound, view.outbound, at),
			inbound: settle(inbound, view.inbound, at),
			authz: settle<AuthzRow>(authzResult, view.authz, at),
			promError: routesResult.status === 'rejected' ? metricsErrorText(routesResult.reason) : null,
			authzError: authzResult.status === 'rejected' ? metricsErrorText(authzResult.reason) : null,
			warnings: warnings.map(w => metricsErrorText(w)),
		});
	}

	function poll(): void {
		cancel?.();
		cancel = undefined;
		if (closed || !options.view().open) return;
		cancel = options.schedule(poll, options.pollMs);
		if (inFlight) return;
		inFlight = true;
		once()
			.catch(error => {
				if (!closed) options.publish({...options.view(), promError: metricsErrorText(error)});
			})
			.finally(() => {
				inFlight = false;
			});
	}

	return {
		want(open) {
			const view = options.view();
			if (open === view.open) return;
			const target = options.target();
			const same = sameResource(view.for, target);
			options.publish({
				...view,
				open,
				for: target,
				...(same ? {} : {outbound: emptyPolled(), inbound: emptyPolled(), authz: emptyPolled(), promError: null, authzError: null, warnings: []}),
			});
			if (open) poll();
			else {
				cancel?.();
				cancel = undefined;
			}
		},
		retarget() {
			const view = options.view();
			const target = options.target();
			if (sameResource(view.for, target)) return;
			options.publish({...view, for: target, outbound: emptyPolled(), inbound: emptyPolled(), authz: emptyPolled(), promError: null, authzError: null, warnings: []});
			if (view.open) poll();
		},
		close() {
			closed = true;
			cancel?.();
			cancel = undefined;
		},
	};
}
