// connectMetrics: discovery + port-forward (or --metrics-addr) + a grpc-js client of
// linkerd2.viz.Api. Every call carries a deadline; failures come out as one-line MetricsErrors.
// Built to be polled: after the forward path fails, the next call rediscovers the pod first.
import {credentials, type Client, type ServiceError} from '@grpc/grpc-js';
import type {KubeConfig} from '@kubernetes/client-node';
import {discoverMetricsPod, type MetricsTarget} from './discovery.js';
import {explainNotFound} from '../kube/errors.js';
import {fromAuthzError, fromResourceError, fromServiceError, MetricsError} from './errors.js';
import {startForwarder, type Forwarder} from './forward.js';
import {toAuthzRow} from './authz-map.js';
import {toMeshEdge, toRouteStats, toWorkloadStats} from './map.js';
import {vizApi, type AuthzResponseMsg, type EdgesResponseMsg, type StatSummaryResponseMsg, type TopRoutesResponseMsg} from './proto.js';
import {
	DEFAULT_DEADLINE_MS,
	DEFAULT_TIME_WINDOW,
	type EdgesQuery,
	type MeshEdge,
	type MetricsClient,
	type RouteStats,
	type StatSummaryQuery,
	type TopRoutesQuery,
	type WorkloadStats,
} from '../model/metrics.js';
import type {AuthzQuery, AuthzRow} from '../model/authz.js';

export {MetricsError} from './errors.js';

const NO_PROFILES = 'No Service Profiles found';

export interface ConnectOptions {
	kubeConfig: KubeConfig;
	vizNamespace?: string;
	/** HOST:PORT of a reachable metrics-api; skips discovery and the port-forward. */
	metricsAddr?: string;
	deadlineMs?: number;
}

const CHANNEL_OPTIONS = {
	// A 4 MiB window keeps big responses from stalling on WINDOW_UPDATE round trips through the forward.
	'grpc-node.flow_control_window': 4 << 20,
	'grpc.max_receive_message_length': 64 << 20,
	// Polled every ~10 s: do not let reconnect backoff grow past a poll or two.
	'grpc.initial_reconnect_backoff_ms': 500,
	'grpc.max_reconnect_backoff_ms': 5000,
};

export async function connectMetrics(opts: ConnectOptions): Promise<MetricsClient> {
	const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
	const Api = vizApi();
	if (opts.metricsAddr) {
		const addr = opts.metricsAddr;
		if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s/[\]]+):\d{1,5}$/.test(addr)) {
			throw new MetricsError('unavailable', `--metrics-addr must be HOST:PORT, got "${addr}"`);
		}
		return makeClient(deadlineMs, {
			via: () => addr,
			channel: () => new Api(addr, credentials.createInsecure(), CHANNEL_OPTIONS),
		});
	}
	const target = await discoverMetricsPod(opts.kubeConfig, opts.vizNamespace);
	return connectToPod(opts.kubeConfig, target, {deadlineMs, rediscover: true});
}

/** The port-forward half of connectMetrics, for a pod already chosen. */
export async function connectToPod(
	kubeConfig: KubeConfig,
	target: MetricsTarget,
	opts: {deadlineMs?: number; rediscover?: boolean} = {},
): Promise<MetricsClient> {
	const Api = vizApi();
	const forwarder = await startForwarder(kubeConfig, target);
	return makeClient(opts.deadlineMs ?? DEFAULT_DEADLINE_MS, {
		via: () => viaForward(forwarder.target),
		channel: () => new Api(`127.0.0.1:${forwarder.port}`, credentials.createInsecure(), CHANNEL_OPTIONS),
		forwarder,
		rediscover: async () => {
			forwarder.clearError();
			if (opts.rediscover) forwarder.target = await discoverMetricsPod(kubeConfig, forwarder.target.namespace);
		},
	});
}

/** Empty strings are left out, as a Go client leaves out proto3 defaults (protobufjs would write them). */
function selection(namespace: string, type: string, name?: string): {resource: Record<string, string>} {
	const resource: Record<string, string> = {type};
	if (namespace) resource['namespace'] = namespace;
	if (name) resource['name'] = name;
	return {resource};
}

function viaForward(target: MetricsTarget): string {
	return `port-forward ${target.namespace}/${target.pod}`;
}

interface Path {
	via(): string;
	/** A new grpc-js channel: after a failure we start afresh rather than wait out its reconnect backoff. */
	channel(): Client;
	forwarder?: Forwarder;
	rediscover?: () => Promise<void>;
}

type Callback<T> = (err: ServiceError | null, value?: T) => void;
type UnaryMethod = (req: unknown, options: {deadline: Date}, callback: Callback<unknown>) => void;

function makeClient(deadlineMs: number, path: Path): MetricsClient {
	let grpcClient = path.channel();
	let stale = false;
	let refreshing: Promise<void> | undefined;

	// Parallel calls after a failure share one refresh; otherwise each would close the
	// channel the others had just opened, and every poll would fail from then on.
	function refresh(): Promise<void> {
		refreshing ??= (async () => {
			try {
				await path.rediscover?.();
				grpcClient.close();
				grpcClient = path.channel();
				stale = false;
			} finally {
				refreshing = undefined;
			}
		})();
		return refreshing;
	}

	async function call<T>(method: string, request: unknown): Promise<T> {
		if (stale) await refresh();
		const current = grpcClient;
		return new Promise<T>((resolve, reject) => {
			const fn = (current as unknown as Record<string, UnaryMethod>)[method]!;
			fn.call(current, request, {deadline: new Date(Date.now() + deadlineMs)}, (err, value) => {
				if (!err) return resolve(value as T);
				const mapped = fromServiceError(err, path.via(), deadlineMs, path.forwarder?.lastError ?? null);
				// A late failure on a channel already replaced says nothing about the new one.
				if ((mapped.kind === 'unavailable' || mapped.kind === 'forbidden') && current === grpcClient) stale = true;
				reject(mapped);
			});
		});
	}

	return {
		get via() {
			return path.via();
		},
		async statSummary(req: StatSummaryQuery): Promise<WorkloadStats[]> {
			const window = req.timeWindow ?? DEFAULT_TIME_WINDOW;
			const res = await call<StatSummaryResponseMsg>('StatSummary', {
				selector: selection(req.namespace, req.type, req.name),
				time_window: window,
				tcp_stats: true,
			}).catch((error: unknown) => {
				// The same words as tap's: `deployment "web" not found in namespace "nope"`.
				if (error instanceof MetricsError && error.kind === 'not-found') {
					throw new MetricsError('not-found', explainNotFound(error.message, {type: req.type, name: req.name ?? '', namespace: req.namespace}));
				}
				throw error;
			});
			if (res.response === 'error') throw fromResourceError(res.error?.error ?? '');
			const tables = res.ok?.stat_tables ?? [];
			return tables.flatMap((t) => t.pod_group?.rows ?? []).map((row) => toWorkloadStats(row, window));
		},
		async edges(req: EdgesQuery): Promise<MeshEdge[]> {
			const res = await call<EdgesResponseMsg>('Edges', {
				selector: selection(req.namespace, req.type ?? 'deployment'),
			});
			if (res.response === 'error') throw fromResourceError(res.error?.error ?? '');
			return (res.ok?.edges ?? []).map(toMeshEdge);
		},
		async topRoutes(req: TopRoutesQuery): Promise<RouteStats[]> {
			const window = req.timeWindow ?? DEFAULT_TIME_WINDOW;
			const res = await call<TopRoutesResponseMsg>('TopRoutes', {
				selector: selection(req.namespace, req.type, req.name),
				time_window: window,
				// Without `none` the server treats the query as a `to` query (spec §4).
				none: {},
			});
			if (res.response === 'error') {
				const message = res.error?.error ?? '';
				// The normal state of a namespace without ServiceProfiles, not a failure.
				if (message.startsWith(NO_PROFILES)) return [];
				throw fromResourceError(message);
			}
			return (res.ok?.routes ?? []).flatMap((table) => table.rows.map((row) => toRouteStats(table.resource, row, window)));
		},
		async authz(req: AuthzQuery): Promise<AuthzRow[]> {
			// Resource, not ResourceSelection: AuthzRequest has no label selector (spec §6.1).
			const res = await call<AuthzResponseMsg>('Authz', {
				...selection(req.namespace, req.type, req.name),
				time_window: req.timeWindow ?? DEFAULT_TIME_WINDOW,
			});
			if (res.response === 'error') throw fromAuthzError(res.error?.error ?? '');
			return (res.ok?.stat_table?.pod_group?.rows ?? []).map(toAuthzRow);
		},
		close() {
			grpcClient.close();
			path.forwarder?.close();
		},
	};
}
