// The boundary between the data sources (kube/, tap/, metrics/, later a recording) and the
// store/UI. The live cluster's implementation is sources/cluster.ts; the TUI sees only this.
import type {ContextInfo, NamespaceInfo, Unsubscribe, WorkloadInfo} from '../model/cluster.js';
import type {MetricsClient} from '../model/metrics.js';
import type {TapHandlers, TapSpec} from '../tap/types.js';
import type {RouteMetricsClient} from '../model/route-metrics/client.js';

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
