// Tap events and a MeshSources double for store and UI tests. The double stands in
// for the data sources (the store's boundary), not for the tap wire client.
import type {MeshSources} from '../../source/sources/types.js';
import type {ContextInfo, NamespaceInfo, WorkloadInfo} from '../../source/model/cluster.js';
import type {Header, TapEvent} from '../../source/model/event.js';
import type {TapHandlers, TapSpec} from '../../source/tap/types.js';

export interface RequestSpec {
	stream: number;
	base?: number;
	from?: string;
	to?: string;
	fromNs?: string;
	toNs?: string;
	method?: string;
	authority?: string;
	path?: string;
	status?: number;
	grpc?: number;
	reset?: number;
	latencyMs?: number;
	totalMs?: number;
	tls?: string;
	port?: number;
	srcIp?: string;
	dstIp?: string;
	direction?: 'INBOUND' | 'OUTBOUND';
	requestHeaders?: Header[];
	responseHeaders?: Header[];
	trailers?: Header[];
	bytes?: number;
	sourceExtra?: Record<string, string>;
	destinationExtra?: Record<string, string>;
}

const duration = (ms: number) => ({seconds: Math.floor(ms / 1000), nanos: Math.round((ms % 1000) * 1e6)});

/** req, rsp and end of one OUTBOUND request from deploy/<from> to deploy/<to>. */
export function requestEvents(spec: RequestSpec): TapEvent[] {
	const direction = spec.direction ?? 'OUTBOUND';
	const id = {base: spec.base ?? 1, stream: spec.stream};
	const tls = spec.tls ?? 'true';
	const sourceMeta: Record<string, string> = {
		deployment: spec.from ?? 'web',
		namespace: spec.fromNs ?? 'emojivoto',
		pod: `${spec.from ?? 'web'}-5d8f7c9b4-abcde`,
		control_plane_ns: 'linkerd',
		...(direction === 'INBOUND' ? {tls, client_id: 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local'} : {tls: 'loopback'}),
		...spec.sourceExtra,
	};
	const destinationMeta: Record<string, string> = {
		deployment: spec.to ?? 'emoji',
		namespace: spec.toNs ?? 'emojivoto',
		...(direction === 'OUTBOUND' ? {tls, server_id: 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local'} : {tls: 'loopback'}),
		...spec.destinationExtra,
	};
	const base = {
		source: {ip: spec.srcIp ?? '10.1.0.5', port: 40_000 + spec.stream},
		destination: {ip: spec.dstIp ?? '10.1.0.9', port: spec.port ?? 8080},
		sourceMeta,
		destinationMeta,
		routeMeta: null,
		proxyDirection: direction,
	} as const;
	const latency = spec.latencyMs ?? 12;
	const total = spec.totalMs ?? latency + 1;
	const eos = spec.grpc !== undefined ? {kind: 'grpc' as const, code: spec.grpc} : spec.reset !== undefined ? {kind: 'reset' as const, code: spec.reset} : null;
	return [
		{
			...base,
			http: {
				kind: 'requestInit',
				id,
				method: spec.method ?? 'GET',
				scheme: 'http',
				authority: spec.authority ?? 'emoji.emojivoto:8080',
				path: spec.path ?? '/api/list',
				headers: spec.requestHeaders ?? null,
			},
		},
		{
			...base,
			http: {kind: 'responseInit', id, sinceRequestInit: duration(latency), httpStatus: spec.status ?? 200, headers: spec.responseHeaders ?? null},
		},
		{
			...base,
			http: {
				kind: 'responseEnd',
				id,
				sinceRequestInit: duration(total),
				sinceResponseInit: duration(total - latency),
				responseBytes: spec.bytes ?? 512,
				eos,
				trailers: spec.trailers ?? null,
			},
		},
	];
}

export interface FakeTap {
	spec: TapSpec;
	handlers: TapHandlers;
	stopped: boolean;
}

export class FakeSources implements MeshSources {
	readonly taps: FakeTap[] = [];
	readonly workloadWatches: string[] = [];
	closed = false;
	namespaces: NamespaceInfo[] = [
		{name: 'booksapp', injected: true},
		{name: 'emojivoto', injected: true},
		{name: 'kube-system', injected: false},
	];
	workloads: Record<string, WorkloadInfo[]> = {
		emojivoto: [
			{namespace: 'emojivoto', type: 'deployment', name: 'emoji', ready: 2, total: 2, meshed: 2, tapEnabled: 2},
			{namespace: 'emojivoto', type: 'deployment', name: 'vote-bot', ready: 1, total: 1, meshed: 0, tapEnabled: 0},
			{namespace: 'emojivoto', type: 'deployment', name: 'web', ready: 1, total: 2, meshed: 2, tapEnabled: 2},
		],
	};
	contextsMade: string[] = [];

	constructor(readonly info: ContextInfo = {context: 'kind-mesh', server: 'https://127.0.0.1:6443', namespace: 'emojivoto', contexts: ['kind-mesh', 'prod']}) {}

	watchNamespaces(onList: (namespaces: NamespaceInfo[]) => void): () => void {
		onList(this.namespaces);
		return () => {};
	}

	watchWorkloads(namespace: string, onList: (workloads: WorkloadInfo[]) => void): () => void {
		this.workloadWatches.push(namespace);
		onList(this.workloads[namespace] ?? []);
		return () => {};
	}

	tap(spec: TapSpec, handlers: TapHandlers): () => void {
		const tap: FakeTap = {spec, handlers, stopped: false};
		this.taps.push(tap);
		return () => {
			tap.stopped = true;
		};
	}

	get lastTap(): FakeTap {
		return this.taps.at(-1)!;
	}

	async withContext(context: string): Promise<MeshSources> {
		this.contextsMade.push(context);
		if (!this.info.contexts.includes(context)) throw new Error(`no context "${context}" in the kubeconfig`);
		return new FakeSources({...this.info, context, server: 'https://prod.example:6443', namespace: 'default'});
	}

	close(): void {
		this.closed = true;
	}
}

/** A clock and a scheduler that only move when the test says so. */
export class ManualTime {
	now = 1_700_000_000_000;
	private pending: Array<{at: number; fn: () => void; cancelled: boolean}> = [];

	clock = (): number => this.now;

	schedule = (fn: () => void, ms: number): (() => void) => {
		const entry = {at: this.now + ms, fn, cancelled: false};
		this.pending.push(entry);
		return () => {
			entry.cancelled = true;
		};
	};

	/** Moves time forward, running due callbacks in time order. */
	advance(ms: number): void {
		const end = this.now + ms;
		for (;;) {
			const due = this.pending.filter(entry => !entry.cancelled && entry.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.pending = this.pending.filter(entry => entry !== due);
			this.now = Math.max(this.now, due.at);
			due.fn();
		}
		this.now = end;
	}

	get scheduled(): number {
		return this.pending.filter(entry => !entry.cancelled).length;
	}
}
