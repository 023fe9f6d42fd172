// Builders for TapEvents of the source/tap/event.ts shape, as the decoder emits them.
import type {Eos, Labels, ProxyDirection, TapEvent, TcpAddress} from '../../source/model/event.js';

export interface Ends {
	direction?: ProxyDirection;
	source?: TcpAddress | null;
	destination?: TcpAddress | null;
	sourceMeta?: Labels;
	destinationMeta?: Labels;
	routeMeta?: Labels;
}

const defaults: Required<Ends> = {
	direction: 'OUTBOUND',
	source: {ip: '10.0.0.1', port: 40000},
	destination: {ip: '10.0.0.2', port: 8080},
	sourceMeta: {deployment: 'web', namespace: 'shop', pod: 'web-1', control_plane_ns: 'linkerd', tls: 'loopback'},
	destinationMeta: {deployment: 'api', namespace: 'shop', pod: 'api-1', control_plane_ns: 'linkerd', tls: 'true'},
	routeMeta: null,
};

function base(ends: Ends): Omit<TapEvent, 'http'> {
	const e = {...defaults, ...ends};
	return {
		source: e.source,
		destination: e.destination,
		sourceMeta: e.sourceMeta,
		destinationMeta: e.destinationMeta,
		routeMeta: e.routeMeta,
		proxyDirection: e.direction,
	};
}

export function ms(millis: number): {seconds: number; nanos: number} {
	return {seconds: Math.floor(millis / 1000), nanos: Math.round((millis % 1000) * 1e6)};
}

export function req(
	stream: number,
	ends: Ends = {},
	http: {base?: number; method?: string; path?: string; authority?: string} = {},
): TapEvent {
	return {
		...base(ends),
		http: {
			kind: 'requestInit',
			id: {base: http.base ?? 1, stream},
			method: http.method ?? 'GET',
			scheme: 'HTTP',
			authority: http.authority ?? 'api.shop.svc.cluster.local:8080',
			path: http.path ?? '/items',
			headers: null,
		},
	};
}

export function rsp(stream: number, ends: Ends = {}, opts: {base?: number; status?: number; latencyMs?: number} = {}): TapEvent {
	return {
		...base(ends),
		http: {
			kind: 'responseInit',
			id: {base: opts.base ?? 1, stream},
			sinceRequestInit: ms(opts.latencyMs ?? 5),
			httpStatus: opts.status ?? 200,
			headers: null,
		},
	};
}

export function end(
	stream: number,
	ends: Ends = {},
	opts: {base?: number; totalMs?: number | null; eos?: Eos | null; bytes?: number} = {},
): TapEvent {
	const total = opts.totalMs === undefined ? 7 : opts.totalMs;
	return {
		...base(ends),
		http: {
			kind: 'responseEnd',
			id: {base: opts.base ?? 1, stream},
			sinceRequestInit: total === null ? null : ms(total),
			sinceResponseInit: total === null ? null : ms(Math.max(0, total - 5)),
			responseBytes: opts.bytes ?? 100,
			eos: opts.eos === undefined ? {kind: 'grpc', code: 0} : opts.eos,
			trailers: null,
		},
	};
}

/** The three events of one completed request. */
export function exchange(
	stream: number,
	ends: Ends = {},
	opts: {base?: number; method?: string; path?: string; status?: number; totalMs?: number; eos?: Eos | null} = {},
): TapEvent[] {
	return [req(stream, ends, opts), rsp(stream, ends, opts), end(stream, ends, opts)];
}

import type {RequestRecord} from '../../source/model/types.js';

/** A finished record with everything filled in; override what a test is about. */
export function makeRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
	return {
		seq: 1,
		key: 'OUTBOUND|10.0.0.1|1|0',
		direction: 'OUTBOUND',
		source: {ip: '10.0.0.1', port: 40000},
		destination: {ip: '10.0.0.2', port: 8080},
		sourceLabels: {deployment: 'web', namespace: 'shop', pod: 'web-1', control_plane_ns: 'linkerd', tls: 'loopback'},
		destinationLabels: {deployment: 'api', namespace: 'shop', pod: 'api-1', control_plane_ns: 'linkerd', tls: 'true'},
		routeLabels: null,
		sourceName: 'deploy/web',
		destinationName: 'deploy/api',
		streamBase: 1,
		streamId: 0,
		method: 'GET',
		scheme: 'HTTP',
		authority: 'api.shop.svc.cluster.local:8080',
		path: '/items',
		requestHeaders: null,
		startedAt: 0,
		httpStatus: 200,
		responseHeaders: null,
		latencyUs: 5000,
		totalUs: 7000,
		responseBytes: 100,
		eos: {kind: 'grpc', code: 0},
		trailers: null,
		tls: 'true',
		state: 'done',
		success: true,
		...overrides,
	};
}
