// The apiserver side of a pod port-forward: find the pod, then hand the upgrade to the
// WebSocket bridge with where the port leads: metrics-api:8085 to the metrics-api stand-in,
// prometheus:9090 to the Prometheus stand-in (when one runs); any other port leads nowhere.
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {DemoCluster} from './cluster.js';
import {acceptPortForward, parsePorts} from './port-forward.js';

export const portForwardPath = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

/** Local ports of the in-process servers behind viz pods (0 = not running). */
export interface VizPorts {
	metrics: number;
	prometheus: number;
}

function leadsTo(pod: {namespace: string; workload: {name: string}}, port: number, ports: VizPorts): number {
	if (pod.namespace !== 'linkerd-viz') return 0;
	if (pod.workload.name === 'metrics-api' && port === 8085) return ports.metrics;
	if (pod.workload.name === 'prometheus' && port === 9090) return ports.prometheus;
	return 0;
}

export function routePortForward(cluster: DemoCluster, ports: VizPorts, req: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): void {
	const [, namespace = '', name = ''] = portForwardPath.exec(pathname) ?? [];
	const pod = cluster.pods().find(p => p.namespace === decodeURIComponent(namespace) && p.name === decodeURIComponent(name));
	if (!pod) {
		acceptPortForward(req, socket, head, {kind: 'refuse', status: 404, reason: 'NotFound', message: `pods "${decodeURIComponent(name)}" not found`});
		return;
	}
	const port = parsePorts(req.url);
	if (typeof port === 'string') {
		acceptPortForward(req, socket, head, {kind: 'refuse', status: 400, reason: 'BadRequest', message: port});
		return;
	}
	const target = leadsTo(pod, port, ports);
	acceptPortForward(req, socket, head, {kind: 'forward', pod: pod.name, uid: pod.uid, port, target: target > 0 ? {host: '127.0.0.1', port: target} : null});
}
