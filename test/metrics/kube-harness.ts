// A minimal stand-in Kubernetes API over HTTPS for the metrics client's discovery and
// port-forward: namespace and pod lists with label selectors, and the pod portforward upgrade
// answered by the demo's real WebSocket port-forward implementation (or refused with a status).
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {demoCaCert, demoServerCert, demoServerKey} from '../../source/demo/certs/demo-tls.js';
import {acceptPortForward, type ForwardDecision} from '../../source/demo/port-forward.js';

export interface HarnessObject {
	name: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
}

export interface HarnessPod extends HarnessObject {
	phase?: string;
	ready?: boolean;
}

export interface HarnessState {
	namespaces: HarnessObject[];
	/** Pods by namespace. */
	pods: Record<string, HarnessPod[]>;
	portForward(namespace: string, pod: string, port: number): ForwardDecision;
}

export interface Harness {
	kubeConfig: KubeConfig;
	state: HarnessState;
	/** Request paths with their query, in order. */
	log: string[];
	close(): Promise<void>;
}

function matches(labels: Record<string, string> | undefined, selector: string | null): boolean {
	if (!selector) return true;
	return selector.split(',').every((term) => {
		const [key, value] = term.split('=');
		const actual = labels?.[key!];
		return value === undefined ? actual !== undefined : actual === value;
	});
}

function namespaceJson(ns: HarnessObject) {
	return {metadata: {name: ns.name, labels: ns.labels ?? {}, ...(ns.annotations ? {annotations: ns.annotations} : {})}};
}

function podJson(namespace: string, pod: HarnessPod) {
	return {
		metadata: {name: pod.name, namespace, labels: pod.labels ?? {}},
		status: {
			phase: pod.phase ?? 'Running',
			conditions: [{type: 'Ready', status: pod.ready === false ? 'False' : 'True'}],
		},
	};
}

export async function startHarness(state: HarnessState): Promise<Harness> {
	const log: string[] = [];
	const server = https.createServer({cert: demoServerCert, key: demoServerKey}, (req, res) => {
		log.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'https://x');
		const selector = url.searchParams.get('labelSelector');
		const send = (code: number, body: unknown) => {
			res.writeHead(code, {'content-type': 'application/json'});
			res.end(JSON.stringify(body));
		};
		if (url.pathname === '/api/v1/namespaces') {
			const items = state.namespaces.filter((n) => matches(n.labels, selector)).map(namespaceJson);
			return send(200, {kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items});
		}
		const one = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
		const found = one && state.namespaces.find((n) => n.name === one[1]);
		if (found) return send(200, {kind: 'Namespace', apiVersion: 'v1', ...namespaceJson(found)});
		const pods = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
		if (pods) {
			const ns = pods[1]!;
			const items = (state.pods[ns] ?? []).filter((p) => matches(p.labels, selector)).map((p) => podJson(ns, p));
			return send(200, {kind: 'PodList', apiVersion: 'v1', metadata: {}, items});
		}
		send(404, {kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404});
	});
	server.on('upgrade', (req, socket, head) => {
		log.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'https://x');
		const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
		if (!m) {
			socket.destroy();
			return;
		}
		acceptPortForward(req, socket, head, state.portForward(m[1]!, m[2]!, Number(url.searchParams.get('ports'))));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: [{name: 'h', server: `https://127.0.0.1:${port}`, caData: Buffer.from(demoCaCert).toString('base64')}],
		users: [{name: 'u', token: 'harness-token'}],
		contexts: [{name: 'h', cluster: 'h', user: 'u'}],
		currentContext: 'h',
	});
	return {
		kubeConfig,
		state,
		log,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export const VIZ_NAMESPACE = {name: 'linkerd-viz', labels: {'linkerd.io/extension': 'viz'}};
export const METRICS_POD_LABELS = {'linkerd.io/extension': 'viz', component: 'metrics-api'};
