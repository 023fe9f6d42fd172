// What the demo server shares with its extensions (the port-forward, the metrics-api and
// Prometheus stand-ins): the topology, the current pods as Kubernetes JSON, the auth check, the
// proxies' series and the virtual clock.
import type {IncomingMessage} from 'node:http';
import type {KubeObject} from './kube-objects.js';
import type {SeriesSource} from './prom-types.js';
import type {Topology} from './topology.js';

export type PodObject = KubeObject;

export interface DemoContext {
	topology: Topology;
	/** Port of the in-process metrics-api gRPC server (0 when none is running). */
	metricsPort: number;
	/** Port of the Prometheus stand-in (prom-http.ts) behind the viz prometheus pod's :9090; 0 when
	 *  the mesh was started without a SeriesSource. */
	prometheusPort: number;
	/** True when the request carries the demo's bearer token (and no auth fault is set). */
	authorize(req: IncomingMessage): boolean;
	/** Current pods of a namespace, as the apiserver would list them. */
	pods(namespace: string): PodObject[];
	/** Every proxy's series as viz Prometheus would hold them (proxy-series.ts), for the Prometheus stand-in. */
	series: SeriesSource;
	/** Virtual milliseconds since the mesh started (the clock the traffic and `series` run on). */
	now(): number;
}
