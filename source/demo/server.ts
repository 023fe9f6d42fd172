// startDemoMesh: the embedded demo mesh. A real HTTPS server on 127.0.0.1 that answers as a
// kube-apiserver would (Kubernetes JSON, watches, the tap APIService, pod port-forward), backed
// by the seeded traffic model, plus a kubeconfig that points meshtop, kubectl or tests at it.
import {randomBytes} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import https from 'node:https';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import path from 'node:path';
import type {Duplex} from 'node:stream';
import {demoCaCert, demoServerCert, demoServerKey} from './certs/demo-tls.js';
import {realtimeClock} from './clock.js';
import {DemoCluster} from './cluster.js';
import type {DemoContext} from './context.js';
import {handleCheckApi} from './check-api.js';
import {faultResponse, hiddenByFault, namespaceForbidden, portForwardRefusal, type DemoFault} from './faults.js';
import {handleKubeApi} from './kube-api.js';
import {demoKubeconfig, demoNamespace} from './kubeconfig.js';
import {startDemoMetrics} from './metrics-server.js';
import {acceptPortForward, refuseUpgrade} from './port-forward.js';
import {portForwardPath, routePortForward} from './port-forward-route.js';
import {startPromStandIn} from './prom-http.js';
import type {SeriesSource} from './prom-types.js';
import {ProxySeries} from './proxy-series.js';
import {createPromEvaluator} from './promql-eval.js';
import {sendStatus} from './status.js';
import {handleTapGet, handleTapPost, tapPrefix} from './tap-api.js';
import {makeTempDir, removeTempDir} from './temp-dir.js';
import {buildTopology, type Topology} from './topology.js';
import {setExternalPrometheus} from './viz-namespace.js';

export type {DemoFault} from './faults.js';

export interface DemoOptions {
	/** Default 0: a random free port. */
	port?: number;
	seed?: number;
	/** Mesh-wide request rate, default 200. */
	eventsPerSecond?: number;
	fault?: DemoFault;
	/** Where kubeconfig.yaml goes; default a fresh temporary directory, removed again on close (or exit). */
	dir?: string;
	/** Period of automatic rollouts; default 90 s, 0 = never. */
	rolloutEveryMs?: number;
	token?: string;
	/** Real milliseconds per virtual second (default 1000); tests shrink it to run many windows fast. */
	windowMs?: number;
	/** The series the viz Prometheus stand-in serves (`/api/v1/query`, `/metrics`) behind the
	 *  `prometheus` pod's port 9090, on the demo's virtual clock; default: the demo proxies' own
	 *  (proxy-series.ts, from the same traffic model as the tap). Tests pass hand-made ones. */
	seriesSource?: SeriesSource;
	/** Annotates the viz namespace with `viz.linkerd.io/external-prometheus`: `true` = the
	 *  stand-in's own URL, a string = that URL verbatim. */
	externalPrometheus?: boolean | string;
	/** Namespaces whose taps RBAC forbids (403 Status), as for a user with namespaced Roles only. */
	forbidTapIn?: string[];
}

export interface DemoMesh {
	url: string;
	port: number;
	kubeconfigPath: string;
	token: string;
	topology: Topology;
	/** Every request, in order; `upgrade` is the Upgrade header of a connection upgrade (port-forward). */
	requestLog: Array<{method: string; path: string; query: string; upgrade?: string; impersonate?: string[]}>;
	context: DemoContext;
	/** Direct URL of the Prometheus stand-in (`--prometheus-url`). */
	prometheusUrl: string;
	/** Sets or (null) removes the viz namespace's external-prometheus annotation. */
	setExternalPrometheus(url: string | null): void;
	setFault(fault: DemoFault): void;
	/** Namespaces whose taps are forbidden from now on (replaces the list). */
	forbidTapIn(namespaces: string[]): void;
	rollout(namespace: string, deployment: string): void;
	/** Kills the API server mid-stream: every connection is cut and the port refuses. */
	suspend(): Promise<void>;
	/** Listens again on the same port, with the same cluster state and token. */
	resume(): Promise<void>;
	close(): Promise<void>;
}

const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export async function startDemoMesh(options: DemoOptions = {}): Promise<DemoMesh> {
	const topology = buildTopology({seed: options.seed ?? 1, eventsPerSecond: options.eventsPerSecond ?? 200});
	const bootTime = isoSeconds(Date.now() - 3 * 24 * 3600 * 1000);
	const cluster = new DemoCluster(topology, () => isoSeconds(Date.now()), bootTime);
	const clock = realtimeClock(options.windowMs ?? 1000);
	const token = options.token ?? randomBytes(24).toString('hex');
	let fault: DemoFault = options.fault ?? 'none';
	let forbidden = new Set(options.forbidTapIn ?? []);
	const requestLog: DemoMesh['requestLog'] = [];

	const authorize = (req: IncomingMessage): boolean => fault !== 'unauthorized' && req.headers.authorization === `Bearer ${token}`;
	// One set of proxy series, from the same traffic model as the tap, behind both the viz
	// Prometheus stand-in (:9090 of its pod) and the metrics-api's Authz (which queries it).
	const series = options.seriesSource ?? new ProxySeries(topology, () => cluster.pods());
	// The default series have days of history, so a query right after start already has a window.
	const evaluator = createPromEvaluator(series, {historyBeforeStart: !options.seriesSource});
	const prometheus = await startPromStandIn({source: series, evaluator, now: () => clock.now(), epochMs: Date.now() - clock.now()});
	const metrics = await startDemoMetrics(topology, () => cluster.pods(), {evaluator, now: () => clock.now()});
	const external = options.externalPrometheus === true ? prometheus.url : options.externalPrometheus || undefined;
	if (external) setExternalPrometheus(cluster.store, external);
	const context: DemoContext = {
		topology,
		metricsPort: metrics.port,
		prometheusPort: prometheus.port,
		authorize,
		pods: namespace => cluster.store.list('pods', namespace).items,
		series,
		now: () => clock.now(),
	};

	const log = (req: IncomingMessage): URL => {
		const url = new URL(req.url ?? '/', 'https://127.0.0.1');
		const entry: DemoMesh['requestLog'][number] = {method: req.method ?? '', path: url.pathname, query: url.search.replace(/^\?/, '')};
		if (req.headers.upgrade) entry.upgrade = req.headers.upgrade;
		const as = [...(req.headersDistinct['impersonate-user'] ?? []), ...(req.headersDistinct['impersonate-group'] ?? []).map(g => `group:${g}`)];
		if (as.length > 0) entry.impersonate = as;
		requestLog.push(entry);
		return url;
	};

	const handle = (req: IncomingMessage, res: ServerResponse): void => {
		const url = log(req);
		if (!authorize(req)) return sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
		if (faultResponse(fault, req, res, url.pathname)) return;
		if (namespaceForbidden(forbidden, req, res, url.pathname)) return;
		if (handleCheckApi(cluster, req, res, url.pathname, fault, bootTime)) return;
		if (url.pathname === tapPrefix || url.pathname.startsWith(`${tapPrefix}/`)) {
			if (req.method === 'POST' && url.pathname.endsWith('/tap')) {
				const corrupt = () => fault === 'garbage-frames';
				handleTapPost(cluster, clock, req, res, url.pathname, corrupt).catch(() => res.destroy());
				return;
			}
			return handleTapGet(res, url.pathname);
		}
		handleKubeApi(cluster, req, res, url, {
			extraGroups: () => (fault === 'no-viz' ? [] : [{name: 'tap.linkerd.io', version: 'v1alpha1'}]),
			serverAddress: () => `127.0.0.1:${port}`,
			hidden: (resource, object) => hiddenByFault(fault, resource, object),
		});
	};

	const server = https.createServer({cert: demoServerCert, key: demoServerKey}, (req, res) => {
		try {
			handle(req, res);
		} catch {
			if (!res.headersSent) sendStatus(res, 500, 'InternalError', 'an error on the server has prevented the request from succeeding');
			else res.destroy();
		}
	});
	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		// A client may reset an upgrade we refuse (or one mid-forward); that is its right, and must
		// not become an uncaught error that takes the demo (and a TUI running it) down.
		socket.on('error', () => undefined);
		const url = log(req);
		if (!authorize(req)) return refuseUpgrade(socket, 401, 'Unauthorized', 'Unauthorized');
		if (!portForwardPath.test(url.pathname)) return refuseUpgrade(socket, 404, 'NotFound', 'the server could not find the requested resource');
		const [, namespace = '', pod = ''] = (portForwardPath.exec(url.pathname) ?? []).map(decodeURIComponent);
		const refusal = portForwardRefusal(fault, namespace, pod);
		if (refusal) return acceptPortForward(req, socket, head, refusal);
		routePortForward(cluster, {metrics: metrics.port, prometheus: fault === 'prometheus-down' ? 0 : prometheus.port}, req, socket, head, url.pathname);
	});

	const listen = (at: number) => new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(at, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	// Every TCP socket, not only those HTTP knows: closeAllConnections misses a socket still in
	// its TLS handshake (a client reconnecting as we close), and server.close() then waits forever.
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	const shut = async () => {
		const closed = new Promise<void>(resolve => server.close(() => resolve()));
		server.closeAllConnections();
		for (const socket of sockets) socket.destroy();
		await closed;
	};
	await listen(options.port ?? 0);
	const port = (server.address() as AddressInfo).port;
	let suspended = false;
	const url = `https://127.0.0.1:${port}`;
	const dir = options.dir ?? makeTempDir();
	const kubeconfigPath = path.join(dir, 'kubeconfig.yaml');
	await writeFile(kubeconfigPath, demoKubeconfig({server: url, caPem: demoCaCert, token, namespace: demoNamespace}), {mode: 0o600});

	const rolloutEvery = options.rolloutEveryMs ?? 90_000;
	const rolloutTimer = rolloutEvery > 0
		? setInterval(() => {
			const target = cluster.nextRolloutTarget();
			cluster.rollout(target.namespace, target.name);
		}, rolloutEvery)
		: undefined;
	rolloutTimer?.unref();

	return {
		url, port, kubeconfigPath, token, topology, requestLog, context,
		prometheusUrl: prometheus.url,
		setExternalPrometheus: next => setExternalPrometheus(cluster.store, next),
		setFault: next => {
			fault = next;
		},
		forbidTapIn: namespaces => {
			forbidden = new Set(namespaces);
		},
		rollout: (namespace, deployment) => cluster.rollout(namespace, deployment),
		suspend: async () => {
			if (suspended) return;
			suspended = true;
			await shut();
		},
		resume: async () => {
			if (!suspended) return;
			await listen(port);
			suspended = false;
		},
		close: async () => {
			if (rolloutTimer) clearInterval(rolloutTimer);
			if (!suspended) await shut();
			await metrics.close();
			await prometheus.close();
			if (!options.dir) removeTempDir(dir);
		},
	};
}
