// The demo mesh's shape: namespaces, workloads and who calls whom, with the rates, success
// rates and latency parameters of every edge. Pure data plus lookups; pods and traffic are
// derived from it elsewhere (pods.ts, traffic.ts), stats for the metrics-api in stats.ts.
import {demoCatalog} from './catalog.js';
import {demoPolicy} from './policy-catalog.js';
import type {NamespaceSpec, NodeSpec, Topology, WorkloadKind, WorkloadSpec} from './topology-types.js';

export type * from './topology-types.js';

export interface TopologyOptions {
	seed?: number;
	/** Mesh-wide request rate the edge rates are scaled to. */
	eventsPerSecond?: number;
}

export function buildTopology(options: TopologyOptions = {}): Topology {
	const seed = options.seed ?? 1;
	const eventsPerSecond = options.eventsPerSecond ?? 200;
	const catalog = demoCatalog();
	const nominal = catalog.edges.reduce((sum, edge) => sum + edge.rps, 0);
	const scale = nominal > 0 ? eventsPerSecond / nominal : 0;
	return {
		seed,
		eventsPerSecond,
		linkerdNamespace: 'linkerd',
		trustDomain: 'cluster.local',
		nodes: catalog.nodes,
		namespaces: catalog.namespaces,
		workloads: catalog.workloads,
		edges: catalog.edges.map((edge, id) => ({...edge, id, rps: edge.rps * scale})),
		policy: demoPolicy(catalog.workloads),
	};
}

export function findWorkload(topology: Topology, namespace: string, name: string): WorkloadSpec | undefined {
	return topology.workloads.find(w => w.namespace === namespace && w.name === name);
}

/** The mTLS identity a meshed workload's proxy presents. */
export function workloadIdentity(topology: Topology, workload: WorkloadSpec): string {
	return `${workload.serviceAccount}.${workload.namespace}.serviceaccount.identity.${topology.linkerdNamespace}.${topology.trustDomain}`;
}

/** The Linkerd label for a workload kind, as in Prometheus and tap labels. */
export function kindLabel(kind: WorkloadKind): string {
	return kind === 'Job' ? 'k8s_job' : kind.toLowerCase();
}
