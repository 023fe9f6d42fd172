// `meshtop stat-outbound RESOURCE` and `meshtop stat-inbound RESOURCE`: policy-route metrics
// straight from the viz Prometheus, with the queries, rows, table and JSON of `linkerd viz
// stat-outbound` / `stat-inbound` (linkerd-route-metrics.md §1–§4). stdout is linkerd's, byte for
// byte (route rows sorted, where linkerd prints them in random order); notes go to stderr.
import process from 'node:process';
import {parseResource} from '../model/resource.js';
import {windowSeconds, type Direction, type RouteMetricsResource} from '../model/route-metrics/queries.js';
import {sanitize} from '../model/sanitize.js';
import {routeStatTypes, type Options} from '../options.js';
import {formatInboundJson, formatInboundTable, formatOutboundJson, formatOutboundTable} from '../output/route-stats.js';
import {DEFAULT_QUERY_TIMEOUT_MS} from '../prom/http.js';
import type {PromClient} from '../prom/locate.js';
import {fetchRouteMetrics} from '../prom/route-metrics.js';
import {loadKubeConfig, withCluster} from './shared.js';

/** Why a window can come back empty (§3.7); linkerd prints nothing but the header. */
export function noDataNote(direction: Direction, label: string, window: string): string {
	const traffic =
		direction === 'outbound'
			? `no outbound HTTP/gRPC traffic from ${label} through Gateway API routes in the last ${window}, or its destinations still use a ServiceProfile (which takes precedence over HTTPRoutes)`
			: `no inbound HTTP traffic to ${label} in the last ${window}`;
	return `No route metrics: ${traffic}; also check that its proxies are Linkerd 2.16 or newer and that the window is at least two Prometheus scrape intervals (20s by default).\n`;
}

export function runStatOutboundCommand(options: Options): Promise<number> {
	return runRouteStats(options, 'outbound');
}

export function runStatInboundCommand(options: Options): Promise<number> {
	return runRouteStats(options, 'inbound');
}

async function runRouteStats(options: Options, direction: Direction): Promise<number> {
	if (options.prometheusUrl) {
		// linkerd reads the kubeconfig only for its default namespace, and so does meshtop here.
		const namespace = options.namespace ?? (await contextNamespace(options));
		const {connectPrometheus} = await import('../prom/locate.js');
		return report(options, direction, namespace, await connectPrometheus({prometheusUrl: options.prometheusUrl, timeoutMs: queryTimeout(options)}));
	}
	return withCluster(options, async loaded => {
		const {connectPrometheus} = await import('../prom/locate.js');
		const client = await connectPrometheus({kubeConfig: loaded.kubeConfig, vizNamespace: options.vizNamespace, timeoutMs: queryTimeout(options)});
		return report(options, direction, loaded.namespace, client);
	});
}

/** --request-timeout bounds each query too (0 = none); the CLI has no timeout at all. */
function queryTimeout(options: Options): number {
	return options.requestTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
}

async function contextNamespace(options: Options): Promise<string> {
	try {
		return (await loadKubeConfig({kubeconfig: options.kubeconfig, context: options.context})).namespace;
	} catch {
		// Go's GetDefaultNamespace falls back the same way when there is no usable kubeconfig.
		return 'default';
	}
}

async function report(options: Options, direction: Direction, namespace: string, client: PromClient): Promise<number> {
	try {
		const resource: RouteMetricsResource = parseResource(options.resourceWords, namespace, routeStatTypes, `stat-${direction} resource`);
		const window = options.timeWindow;
		const seconds = windowSeconds(window)!;
		const label = options.resourceWords.join('/');
		if (direction === 'outbound') {
			const {rows, warnings} = await fetchRouteMetrics(client, 'outbound', resource, window);
			warn(warnings);
			process.stdout.write(options.tableFormat === 'json' ? formatOutboundJson(rows, seconds) : formatOutboundTable(rows, seconds));
			if (!rows.some(row => row.successes + row.failures > 0)) process.stderr.write(noDataNote(direction, sanitize(label), window));
		} else {
			const {rows, warnings} = await fetchRouteMetrics(client, 'inbound', resource, window);
			warn(warnings);
			process.stdout.write(options.tableFormat === 'json' ? formatInboundJson(rows, seconds) : formatInboundTable(rows, seconds));
			if (!rows.some(row => row.successes + row.failures > 0)) process.stderr.write(noDataNote(direction, sanitize(label), window));
		}
		return 0;
	} finally {
		client.close();
	}
}

function warn(warnings: readonly string[]): void {
	for (const warning of warnings) process.stderr.write(`Prometheus warning: ${sanitize(warning.replace(/\s*[\r\n]+\s*/g, ' '))}\n`);
}
