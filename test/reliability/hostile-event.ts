// One request's three TapEvents with a hostile string in every field the network controls.
import type {Header, Labels, TapEvent} from '../../source/model/event.js';

export interface HostileFields {
	path: string;
	authority: string;
	method: string;
	scheme: string;
	requestHeaders: Header[];
	responseHeaders: Header[];
	trailers: Header[];
	sourceMeta: Record<string, string>;
	destinationMeta: Record<string, string>;
	routeMeta: Record<string, string>;
}

/** Takes 24 consecutive corpus strings from `at` (wrapping) and puts one in each field. */
export function hostileFields(corpus: string[], at: number): HostileFields {
	const s = (k: number) => corpus[(at + k) % corpus.length]!;
	return {
		path: s(0),
		authority: s(1),
		method: s(2),
		scheme: s(3),
		requestHeaders: [{name: s(4), valueStr: s(5)}, {name: 'user-agent', valueStr: s(6)}],
		responseHeaders: [{name: 'server', valueStr: s(7)}, {name: s(8), valueStr: 'x'}],
		trailers: [{name: 'grpc-message', valueStr: s(9)}],
		sourceMeta: {deployment: s(10), namespace: s(11), pod: s(12), tls: s(13), [s(14)]: s(15)},
		destinationMeta: {deployment: s(16), namespace: s(17), pod: s(18), tls: s(19), server_id: s(20)},
		routeMeta: {[s(21)]: s(22), route: s(23)},
	};
}

export function hostileEvents(f: HostileFields, stream: number): TapEvent[] {
	const base = {
		source: {ip: '10.0.0.1', port: 40000 + stream},
		destination: {ip: '10.0.0.2', port: 8080},
		sourceMeta: f.sourceMeta as Labels,
		destinationMeta: f.destinationMeta as Labels,
		routeMeta: f.routeMeta as Labels,
		proxyDirection: 'OUTBOUND' as const,
	};
	const id = {base: 7, stream};
	return [
		{...base, http: {kind: 'requestInit', id, method: f.method, scheme: f.scheme, authority: f.authority, path: f.path, headers: f.requestHeaders}},
		{...base, http: {kind: 'responseInit', id, sinceRequestInit: {seconds: 0, nanos: 2_000_000}, httpStatus: 200, headers: f.responseHeaders}},
		{
			...base,
			http: {
				kind: 'responseEnd',
				id,
				sinceRequestInit: {seconds: 0, nanos: 3_000_000},
				sinceResponseInit: {seconds: 0, nanos: 1_000_000},
				responseBytes: 10,
				eos: {kind: 'grpc', code: 0},
				trailers: f.trailers,
			},
		},
	];
}
