// fetchRouteMetrics: one poll of a resource's policy-route metrics, the rows of
// `linkerd viz stat-outbound` or `stat-inbound`. The queries run in parallel; the first that fails
// cancels the rest and its error is thrown (the CLI exits on it too). For the headless commands
// and the TUI's routes pane alike:
//
//   const prom = await connectPrometheus({kubeConfig});          // once
//   const {rows, warnings} = await fetchRouteMetrics(prom, 'outbound', {type: 'deployment', name: 'web', namespace: 'books'}, '1m');
//   prom.close();                                                  // when done
import {assembleInbound, assembleOutbound, type InboundRow, type OutboundRouteRow, type QueryResult} from '../model/route-metrics/rows.js';
import {routeQueries, type Direction, type RouteMetricsResource} from '../model/route-metrics/queries.js';
import type {PromHttp} from './http.js';
import type {RouteMetricsClient} from '../model/route-metrics/client.js';
import type {PromClient} from './locate.js';

export interface RouteMetrics<R> {
	rows: R[];
	/** Prometheus's warnings, each once. */
	warnings: string[];
}

export function fetchRouteMetrics(client: Pick<PromHttp, 'query'>, direction: 'outbound', resource: RouteMetricsResource, window: string, signal?: AbortSignal): Promise<RouteMetrics<OutboundRouteRow>>;
export function fetchRouteMetrics(client: Pick<PromHttp, 'query'>, direction: 'inbound', resource: RouteMetricsResource, window: string, signal?: AbortSignal): Promise<RouteMetrics<InboundRow>>;
export async function fetchRouteMetrics(
	client: Pick<PromHttp, 'query'>,
	direction: Direction,
	resource: RouteMetricsResource,
	window: string,
	signal?: AbortSignal,
): Promise<RouteMetrics<OutboundRouteRow | InboundRow>> {
	const controller = new AbortController();
	const onOuter = () => controller.abort(signal?.reason);
	signal?.addEventListener('abort', onOuter, {once: true});
	try {
		const queries = routeQueries(direction, resource, window);
		const answers = await Promise.all(
			queries.map(async query => {
				try {
					return await client.query(query.promql, controller.signal);
				} catch (error) {
					controller.abort(error);
					throw error;
				}
			}),
		);
		const results: QueryResult[] = queries.map((query, i) => ({query, samples: answers[i]!.samples}));
		const warnings = [...new Set(answers.flatMap(answer => answer.warnings))];
		const rows = direction === 'outbound' ? assembleOutbound(resource, results) : assembleInbound(resource, results);
		return {rows, warnings};
	} finally {
		signal?.removeEventListener('abort', onOuter);
	}
}

/** The TUI's view of a Prometheus: both directions for a resource (its namespace defaulting to ""). */
export function routeMetricsClient(client: PromClient): RouteMetricsClient {
	const resource = (r: {type: string; name: string; namespace?: string}) => ({type: r.type, name: r.name, namespace: r.namespace ?? ''});
	return {
		via: client.via,
		outbound: (r, window) => fetchRouteMetrics(client, 'outbound', resource(r), window),
		inbound: (r, window) => fetchRouteMetrics(client, 'inbound', resource(r), window),
		close: () => client.close(),
	};
}
