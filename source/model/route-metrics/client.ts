// What the TUI needs of Prometheus: a resource's policy-route rows as stat-outbound and
// stat-inbound compute them. Implemented by prom/route-metrics.ts; here so sources/ and the
// store can name it without reaching into prom/ (as MetricsClient sits in model/metrics.ts).
import type {Resource} from '../resource.js';
import type {InboundRow, OutboundRouteRow} from './rows.js';

export interface RouteMetricsClient {
	outbound(resource: Resource, timeWindow: string): Promise<{rows: OutboundRouteRow[]; warnings: string[]}>;
	inbound(resource: Resource, timeWindow: string): Promise<{rows: InboundRow[]; warnings: string[]}>;
	/** How Prometheus is reached (port-forward pod, the external URL, --prometheus-url). */
	readonly via: string;
	close(): void;
}
