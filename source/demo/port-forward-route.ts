// The apiserver side of a pod port-forward: find the pod, then hand the upgrade to the
// WebSocket bridge with where the port leads (only metrics-api:8085 leads anywhere).
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {DemoCluster} from './cluster.js';
import {acceptPortForward, parsePorts} from './port-forward.js';

export const portForwardPath = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

export function routePortForward(cluster: DemoCluster, metricsPort: number, req: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): void {
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
	const leads = pod.namespace === 'linkerd-viz' && pod.workload.name === 'metrics-api' && port === 8085 && metricsPort > 0;
	acceptPortForward(req, socket, head, {kind: 'forward', pod: pod.name, uid: pod.uid, port, target: leads ? {host: '127.0.0.1', port: metricsPort} : null});
}
