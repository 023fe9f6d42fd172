// What meshtop knows of a cluster: the kubeconfig context it talks to, and the namespaces
// and workloads the inventory lists. Plain data, shared by the sources, the model and the UI.

export interface ContextInfo {
	/** kubeconfig context name. */
	context: string;
	/** API server URL. */
	server: string;
	/** Namespace from -n, else the context's, else "default". */
	namespace: string;
	/** All context names in the kubeconfig, for `:ctx`. */
	contexts: string[];
	/** Set when the data comes from a recording (`meshtop replay FILE`), not a cluster. */
	replay?: ReplayInfo;
}

export interface ReplayInfo {
	file: string;
	/** Epoch ms the recording began. */
	startedAt: number;
	frames: number;
	/** meshtop version that wrote it. */
	meshtop: string;
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
	/** Meshed pods annotated viz.linkerd.io/disable-tap=true (opted out; absent means none). */
	tapDisabled?: number;
}

export type Unsubscribe = () => void;
