// The boundary between the data sources (kube/, tap/, metrics/, later a recording) and the
// store/UI. The live cluster's implementation is sources/cluster.ts; the TUI sees only this.
import type {ContextInfo, NamespaceInfo, Unsubscribe, WorkloadInfo} from '../model/cluster.js';
import type {MetricsClient} from '../model/metrics.js';
import type {TapHandlers, TapSpec} from '../tap/types.js';
import type {Resource} from '../model/resource.js';
import type {InboundRow, OutboundRouteRow} from '../model/route-metrics/rows.js';

/** A resource's policy-route figures from Prometheus, as stat-outbound / stat-inbound compute them. */
export interface RouteMetricsClient {
	outbound(resource: Resource, timeWindow: string): Promise<{rows: OutboundRouteRow[]; warnings: string[]}>;
	inbound(resource: Resource, timeWindow: string): Promise<{rows: InboundRow[]; warnings: string[]}>;
	/** How Prometheus is reached (port-forward pod, external URL, --prometheus-url). */
	readonly via: string;
	close(): void;
}

export interface MeshSources {
	readonly info: ContextInfo;
	watchNamespaces(onList: (namespaces: NamespaceInfo[]) => void, onError: (message: string) => void): Unsubscribe;
	watchWorkloads(
		namespace: string,
		onList: (workloads: WorkloadInfo[]) => void,
		onError: (message: string) => void,
	): Unsubscribe;
	/** Starts a tap that reconnects by itself until the returned function is called. */
	tap(spec: TapSpec, handlers: TapHandlers): Unsubscribe;
	/**
	 * The viz metrics-api, connected on first use. A failed connect is not remembered:
	 * the next call tries again (the store polls). Absent when there is no metrics path.
	 */
	metrics?(): Promise<MetricsClient>;
	/** The viz Prometheus, found on first use like the metrics-api (a failure is not remembered). */
	routeMetrics?(): Promise<RouteMetricsClient>;
	/** Sources for another kubeconfig context (`:ctx NAME`). */
	withContext(context: string): Promise<MeshSources>;
	close(): void;
}
