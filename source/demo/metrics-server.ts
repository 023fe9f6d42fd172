// The demo's linkerd2.viz.Api: a plaintext grpc-js server (as metrics-api is inside its pod)
// answering StatSummary, Edges and TopRoutes from the demo's pure stats functions (stats.ts),
// which derive from the same topology as the tap traffic. Error shapes follow metrics-api:
// validation failures in-band as ResourceError, unknown types as gRPC UNIMPLEMENTED, a named
// object that does not exist as the lister's NotFound (gRPC NOT_FOUND). Authz runs its PromQL
// through the Prometheus stand-in (authz.ts), when the demo has one.
import {Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall} from '@grpc/grpc-js';
import {vizApi} from '../metrics/proto.js';
import {AuthzQueryError, authzRows} from './authz.js';
import type {PromEvaluator} from './prom-types.js';
import type {PodState} from './pods.js';
import {meshEdges, namespaceStats, podStats, routeStats, workloadStats, type GoldenStats} from './stats.js';
import {findWorkload, type Topology} from './topology.js';

// viz's bundled Prometheus scrapes every 10 s; shorter windows are refused, as 2.15+ does.
const SCRAPE_INTERVAL_S = 10;

// metrics-api resource type → the type stats.ts reports (the Prometheus label for jobs).
const WORKLOAD_TYPES: Record<string, string> = {
	deployment: 'deployment',
	statefulset: 'statefulset',
	daemonset: 'daemonset',
	job: 'k8s_job',
	cronjob: 'cronjob',
};
// The API group in a lister's NotFound message (`deployment.apps "web" not found`).
const GROUPS: Record<string, string> = {
	deployment: '.apps',
	statefulset: '.apps',
	daemonset: '.apps',
	job: '.batch',
	cronjob: '.batch',
	pod: '',
	namespace: '',
};
// Types the real server knows but the demo has no metrics for: answered with no rows.
const KNOWN_EMPTY = new Set([
	'service',
	'replicaset',
	'replicationcontroller',
	'authority',
	'server',
	'serverauthorization',
	'authorizationpolicy',
	'httproute',
]);
const ALL_TYPES = ['daemonset', 'statefulset', 'job', 'deployment', 'replicationcontroller', 'pod', 'service', 'cronjob', 'replicaset'];

// metrics-api title-cases these no_tls_reason values; any other gives an empty message (spec §4).
const NO_TLS_MESSAGES: Record<string, string> = {
	disabled: 'Disabled',
	loopback: 'Loopback',
	no_authority_in_http_request: 'No Authority In HTTP Request',
	not_http: 'Not HTTP',
	not_provided_by_remote: 'Not Provided By Remote',
	not_provided_by_service_discovery: 'Not Provided By Service Discovery',
};

interface Res {
	namespace: string;
	type: string;
	name: string;
}

type Call = ServerUnaryCall<any, any>;
type Reply = sendUnaryData<any>;

/** Seconds of a window in the forms Prometheus accepts, or metrics-api's error text. */
export function validateWindow(window: string): number | string {
	if (!/^(\d+(ms|s|m|h))+$/.test(window)) return `invalid time window: time: invalid duration "${window}"`;
	const units: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600};
	let seconds = 0;
	for (const [, n, unit] of window.matchAll(/(\d+)(ms|s|m|h)/g)) seconds += Number(n) * units[unit!]!;
	if (seconds < SCRAPE_INTERVAL_S) {
		return `invalid time window: ${window} is shorter than the Prometheus scrape interval ${SCRAPE_INTERVAL_S}s`;
	}
	return seconds;
}

/** BasicStats, absent when nothing was counted (as metrics-api leaves `stats` unset). */
function basicStats(g: GoldenStats): object | undefined {
	if (g.successCount + g.failureCount === 0) return undefined;
	return {
		success_count: g.successCount,
		failure_count: g.failureCount,
		latency_ms_p50: g.latencyMsP50,
		latency_ms_p95: g.latencyMsP95,
		latency_ms_p99: g.latencyMsP99,
	};
}

function workloadTable(topology: Topology, type: string, sel: Res, window: string, seconds: number, tcp: boolean): object {
	const label = WORKLOAD_TYPES[type]!;
	const rows = workloadStats(topology, sel.namespace, seconds)
		.filter((w) => w.type === label && (sel.name === '' || w.name === sel.name))
		.map((w) => {
			// Inbound metrics come from the server's proxy: an unmeshed workload has none.
			const stats = w.meshedPodCount > 0 ? basicStats(w) : undefined;
			return {
				resource: {namespace: w.namespace, type, name: w.name},
				time_window: window,
				meshed_pod_count: w.meshedPodCount,
				running_pod_count: w.runningPodCount,
				...(stats ? {stats} : {}),
				...(tcp ? {tcp_stats: {open_connections: stats ? w.tcpOpenConnections : 0}} : {}),
			};
		});
	return {pod_group: {rows}};
}

/** Namespace rows: pod counts summed, golden metrics of every meshed server in the namespace. */
function namespaceTable(topology: Topology, sel: Res, window: string, seconds: number, tcp: boolean): object {
	const all = workloadStats(topology, '', seconds);
	const rows = topology.namespaces
		.filter((ns) => (sel.name === '' || ns.name === sel.name) && (sel.namespace === '' || ns.name === sel.namespace))
		.map((ns) => {
			const mine = all.filter((w) => w.namespace === ns.name);
			const g = namespaceStats(topology, ns.name, seconds);
			const stats = basicStats(g);
			return {
				resource: {namespace: '', type: 'namespace', name: ns.name},
				time_window: window,
				meshed_pod_count: mine.reduce((n, w) => n + w.meshedPodCount, 0),
				running_pod_count: mine.reduce((n, w) => n + w.runningPodCount, 0),
				...(stats ? {stats} : {}),
				...(tcp ? {tcp_stats: {open_connections: stats ? g.tcpOpenConnections : 0}} : {}),
			};
		});
	return {pod_group: {rows}};
}

/** Pod rows: every pod object (as metrics-api lists them), with its share of its workload's traffic. */
function podTable(topology: Topology, pods: readonly PodState[], sel: Res, window: string, seconds: number, tcp: boolean): object {
	const selected = pods.filter((p) => (sel.namespace === '' || p.namespace === sel.namespace) && (sel.name === '' || p.name === sel.name));
	const rows = podStats(topology, selected, seconds).map((p) => {
		const stats = p.meshed && p.running ? basicStats(p) : undefined;
		return {
			resource: {namespace: p.namespace, type: 'pod', name: p.name},
			time_window: window,
			meshed_pod_count: p.meshed && p.running ? 1 : 0,
			running_pod_count: p.running ? 1 : 0,
			status: p.running ? 'Running' : 'Succeeded',
			...(stats ? {stats} : {}),
			...(tcp ? {tcp_stats: {open_connections: stats ? p.tcpOpenConnections : 0}} : {}),
		};
	});
	return {pod_group: {rows}};
}

function statTable(topology: Topology, pods: readonly PodState[], type: string, sel: Res, window: string, seconds: number, tcp: boolean): object {
	if (type in WORKLOAD_TYPES) return workloadTable(topology, type, sel, window, seconds, tcp);
	if (type === 'namespace') return namespaceTable(topology, sel, window, seconds, tcp);
	if (type === 'pod') return podTable(topology, pods, sel, window, seconds, tcp);
	return {pod_group: {rows: []}};
}

function edges(topology: Topology, sel: Res): object[] {
	const label = WORKLOAD_TYPES[sel.type];
	if (!label) return [];
	// Like the PromQL `<type>!="", dst_<type>!=""`: both ends must be of the requested type.
	return meshEdges(topology, sel.namespace)
		.filter((e) => e.src.type === label && e.dst.type === label)
		.map((e) => ({
			src: {...e.src, type: sel.type},
			dst: {...e.dst, type: sel.type},
			client_id: e.clientId,
			server_id: e.serverId,
			no_identity_msg: NO_TLS_MESSAGES[e.noTlsReason] ?? '',
		}));
}

function routeTables(topology: Topology, sel: Res, window: string, seconds: number): object[] {
	const label = WORKLOAD_TYPES[sel.type];
	if (!label) return [];
	const selected = workloadStats(topology, sel.namespace, seconds).filter((w) => w.type === label && (sel.name === '' || w.name === sel.name));
	const tables: object[] = [];
	for (const w of selected) {
		if (!findWorkload(topology, w.namespace, w.name)) continue;
		const rows = routeStats(topology, w.namespace, w.name, seconds);
		// Only [DEFAULT]: no ServiceProfile routes, so metrics-api finds no profile either.
		if (rows.length <= 1) continue;
		tables.push({
			resource: `${sel.type}/${w.name}`,
			rows: rows.map((r) => {
				const stats = basicStats(r);
				// A row's window is set only when it had samples (spec §4 TopRoutes).
				return {route: r.route, authority: r.authority, ...(stats ? {stats, time_window: window} : {})};
			}),
		});
	}
	return tables;
}

function selection(call: Call): Res | null {
	const r = call.request?.selector?.resource;
	return r ? {namespace: r.namespace ?? '', type: r.type ?? '', name: r.name ?? ''} : null;
}

function resourceError(resource: Res | null, error: string): object {
	return {error: {...(resource ? {resource} : {}), error}};
}

function knownType(type: string, reply: Reply): boolean {
	if (type in WORKLOAD_TYPES || type === 'namespace' || type === 'pod' || type === 'all' || KNOWN_EMPTY.has(type)) return true;
	reply({code: status.UNIMPLEMENTED, details: `unimplemented resource type: ${type}`});
	return false;
}

/** The Prometheus that metrics-api's Authz queries, and the virtual time to ask it at. */
export interface DemoPrometheus {
	evaluator: PromEvaluator;
	now(): number;
}

/** What metrics-api answers when it has no Prometheus URL. */
const NO_PROMETHEUS = 'No prometheus instance to connect';

/** `pods` lists the pods that exist now (rollouts replace them); without `prometheus`, Authz fails as metrics-api does. */
export function demoMetricsHandlers(topology: Topology, pods: () => readonly PodState[] = () => [], prometheus?: DemoPrometheus) {
	return {
		Authz(call: Call, reply: Reply) {
			const r = call.request?.resource;
			if (!r) return reply(null, resourceError(null, 'AuthzRequest missing resource'));
			const resource: Res = {namespace: r.namespace ?? '', type: r.type ?? '', name: r.name ?? ''};
			// metrics-api does not check the window for Authz (spec §6.2).
			if (!prometheus) return reply(null, resourceError(resource, NO_PROMETHEUS));
			try {
				const rows = authzRows(prometheus.evaluator, resource, String(call.request.time_window ?? ''), prometheus.now());
				reply(null, {ok: {stat_table: {pod_group: {rows}}}});
			} catch (error) {
				if (error instanceof AuthzQueryError) return reply(null, resourceError(resource, error.message));
				reply({code: status.INTERNAL, details: error instanceof Error ? error.message : String(error)});
			}
		},
		StatSummary(call: Call, reply: Reply) {
			const sel = selection(call);
			if (!sel) return reply(null, resourceError(null, 'StatSummary request missing Selector Resource'));
			if (!knownType(sel.type, reply)) return;
			const window = String(call.request.time_window ?? '');
			const seconds = validateWindow(window);
			if (typeof seconds === 'string') return reply(null, resourceError(sel, seconds));
			const types = sel.type === 'all' ? ALL_TYPES : [sel.type];
			const tcp = call.request.tcp_stats === true;
			const current = pods();
			const tables = types.map((type) => statTable(topology, current, type, sel, window, seconds, tcp)) as Array<{pod_group: {rows: unknown[]}}>;
			// The lister's Get of a named object that is not there: a Kubernetes NotFound, sent as NOT_FOUND.
			if (sel.name !== '' && sel.type in GROUPS && tables[0]!.pod_group.rows.length === 0) {
				return reply({code: status.NOT_FOUND, details: `${sel.type}${GROUPS[sel.type]} "${sel.name}" not found`});
			}
			reply(null, {ok: {stat_tables: tables}});
		},
		Edges(call: Call, reply: Reply) {
			const sel = selection(call);
			if (!sel) return reply(null, resourceError(null, 'Edges request missing Selector Resource'));
			if (!knownType(sel.type, reply)) return;
			reply(null, {ok: {edges: edges(topology, sel)}});
		},
		TopRoutes(call: Call, reply: Reply) {
			const sel = selection(call);
			if (!sel) return reply(null, resourceError(null, 'TopRoutes request missing Selector Resource'));
			if (!knownType(sel.type, reply)) return;
			if (call.request.outbound !== 'none' && sel.type === 'service') {
				return reply(null, resourceError(sel, "The service resource type is not supported with 'to' queries"));
			}
			const window = String(call.request.time_window ?? '');
			const seconds = validateWindow(window);
			if (typeof seconds === 'string') return reply(null, resourceError(sel, seconds));
			const tables = routeTables(topology, sel, window, seconds);
			if (tables.length === 0) return reply(null, resourceError(sel, 'No Service Profiles found for selected resources'));
			reply(null, {ok: {routes: tables}});
		},
	};
}

export async function startDemoMetrics(
	topology: Topology,
	pods?: () => readonly PodState[],
	prometheus?: DemoPrometheus,
): Promise<{port: number; close(): Promise<void>}> {
	const server = new Server();
	server.addService(vizApi().service, demoMetricsHandlers(topology, pods, prometheus));
	const port = await new Promise<number>((resolve, reject) =>
		server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
	);
	return {
		port,
		close: () =>
			new Promise<void>((resolve) => {
				// Port-forwarded clients may keep their connection open: do not wait for them.
				server.forceShutdown();
				resolve();
			}),
	};
}
