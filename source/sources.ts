// The boundary between the data sources (kube/, tap/, metrics/) and the store/UI.
// The real implementation lives in kube/mesh-sources.ts; the TUI sees only this.
import type {MetricsClient} from './metrics/types.js';
import type {TapHandlers, TapSpec} from './tap/types.js';

export interface ContextInfo {
	/** kubeconfig context name. */
	context: string;
	/** API server URL. */
	server: string;
	/** Namespace from -n, else the context's, else "default". */
	namespace: string;
	/** All context names in the kubeconfig, for `:ctx`. */
	contexts: string[];
}

export interface NamespaceInfo {
	name: string;
	/** Namespace carries linkerd.io/inject=enabled. */
	injected: boolean;
}

export interface WorkloadInfo {
	namespace: string;
	/** Canonical singular type: deployment, statefulset, daemonset, job, cronjob, pod. */
	type: string;
	name: string;
	/** Pods Ready / all pods of the workload. */
	ready: number;
	total: number;
	/** Pods with the linkerd.io/control-plane-ns label. */
	meshed: number;
	/** Pods annotated viz.linkerd.io/tap-enabled=true and not disable-tap. */
	tapEnabled: number;
}

export type Unsubscribe = () => void;

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
	/** Sources for another kubeconfig context (`:ctx NAME`). */
	withContext(context: string): Promise<MeshSources>;
	close(): void;
}
