// The decoded form of a linkerd2.tap.TapEvent (proto/viz_tap.proto) that every
// part of meshtop shares. The decoder builds it straight from wire bytes; the
// output formatters, the model and the demo's encoder all read or write it.

export type ProxyDirection = 'UNKNOWN' | 'INBOUND' | 'OUTBOUND';

/** Labels map; null when the proxy sent none (Go renders that as JSON null). */
export type Labels = Record<string, string> | null;

export interface TcpAddress {
	/** Dotted IPv4, or IPv6 without brackets; '' when the address had no ip. */
	ip: string;
	port: number;
}

export interface StreamId {
	base: number;
	/** uint64 on the wire; ids are 0..limit-1 per Observe call so a number is exact. */
	stream: number;
}

/** google.protobuf.Duration. */
export interface Duration {
	seconds: number;
	nanos: number;
}

export interface Header {
	name: string;
	/** Exactly one of valueStr / valueBin is set, as in linkerd2.viz.Headers.Header. */
	valueStr?: string;
	valueBin?: Uint8Array;
}

export type Eos =
	| {kind: 'grpc'; code: number}
	| {kind: 'reset'; code: number};

export interface RequestInit {
	kind: 'requestInit';
	id: StreamId;
	/** Registered enum name (GET, POST, ...) or the unregistered string; '' if absent. */
	method: string;
	/** HTTP / HTTPS or the unregistered string; '' if absent. */
	scheme: string;
	authority: string;
	path: string;
	/** null when no headers were sent (not requested, or empty). */
	headers: Header[] | null;
}

export interface ResponseInit {
	kind: 'responseInit';
	id: StreamId;
	sinceRequestInit: Duration | null;
	httpStatus: number;
	headers: Header[] | null;
}

export interface ResponseEnd {
	kind: 'responseEnd';
	id: StreamId;
	sinceRequestInit: Duration | null;
	sinceResponseInit: Duration | null;
	responseBytes: number;
	eos: Eos | null;
	trailers: Header[] | null;
}

export type HttpEvent = RequestInit | ResponseInit | ResponseEnd;

export interface TapEvent {
	source: TcpAddress | null;
	destination: TcpAddress | null;
	sourceMeta: Labels;
	destinationMeta: Labels;
	routeMeta: Labels;
	proxyDirection: ProxyDirection;
	/** null when the event carried no http oneof ("unknown" in linkerd's text output). */
	http: HttpEvent | null;
}
