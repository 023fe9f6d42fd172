// Decodes linkerd2.tap.TapEvent (proto/viz_tap.proto) straight into the shared
// TapEvent shape, and linkerd2.viz.ApiError into its message. Field numbers
// come from spec/linkerd-tap.md §2. A field with an unexpected wire type is
// skipped like an unknown field (protobuf-go does the same), so only bytes
// that cannot be walked at all raise DecodeError.
import type {
	Duration,
	Eos,
	Header,
	HttpEvent,
	Labels,
	ProxyDirection,
	RequestInit,
	ResponseEnd,
	ResponseInit,
	StreamId,
	TapEvent,
	TcpAddress,
} from '../model/event.js';
import {ipv4Text, ipv6Text} from '../model/format.js';
import {readHeaders, readMeta} from './decode-maps.js';
import {ProtoReader} from './proto-reader.js';

// Wire types, local so the hot switch compares against literals.
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'HEAD', 'TRACE'];
const SCHEMES = ['HTTP', 'HTTPS'];
const DIRECTIONS: ProxyDirection[] = ['UNKNOWN', 'INBOUND', 'OUTBOUND'];

export function decodeTapEvent(bytes: Uint8Array): TapEvent {
	const r = new ProtoReader(bytes);
	const end = bytes.length;
	const ev: TapEvent = {
		source: null,
		destination: null,
		sourceMeta: null,
		destinationMeta: null,
		routeMeta: null,
		proxyDirection: 'UNKNOWN',
		http: null,
	};
	while (r.pos < end) {
		const tag = r.tag();
		const wt = tag & 7;
		switch (tag >>> 3) {
			case 1:
				if (wt !== WIRE_LEN) break;
				ev.source = readTcpAddress(r, r.lengthEnd(end));
				continue;
			case 2:
				if (wt !== WIRE_LEN) break;
				ev.destination = readTcpAddress(r, r.lengthEnd(end));
				continue;
			case 3:
				if (wt !== WIRE_LEN) break;
				ev.http = readHttp(r, r.lengthEnd(end));
				continue;
			case 4:
				if (wt !== WIRE_LEN) break;
				ev.destinationMeta = readMeta(r, r.lengthEnd(end));
				continue;
			case 5:
				if (wt !== WIRE_LEN) break;
				ev.sourceMeta = readMeta(r, r.lengthEnd(end));
				continue;
			case 6:
				if (wt !== WIRE_VARINT) break;
				// Values from a newer proxy than we know read as UNKNOWN.
				ev.proxyDirection = DIRECTIONS[r.int32()] ?? 'UNKNOWN';
				continue;
			case 7:
				if (wt !== WIRE_LEN) break;
				ev.routeMeta = readMeta(r, r.lengthEnd(end));
				continue;
		}
		r.skip(wt, end);
	}
	return ev;
}

export function decodeApiError(bytes: Uint8Array): string {
	const r = new ProtoReader(bytes);
	const end = bytes.length;
	let error = '';
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_LEN)) error = r.string(end);
		else r.skip(tag & 7, end);
	}
	return error;
}

function readTcpAddress(r: ProtoReader, end: number): TcpAddress {
	let ip = '';
	let port = 0;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_LEN)) ip = readIp(r, r.lengthEnd(end));
		else if (tag === ((2 << 3) | WIRE_VARINT)) port = r.uint32();
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return {ip, port};
}

// The same few hundred pod addresses appear in event after event: their text is made
// once (a direct-mapped cache keyed by the address), and retained records share it.
const IP_SLOTS = 1024;
const ipKeys = new Float64Array(IP_SLOTS).fill(-1);
const ipTexts: string[] = new Array<string>(IP_SLOTS).fill('');

function ipv4Cached(v: number): string {
	const slot = (v ^ (v >>> 10) ^ (v >>> 20)) & (IP_SLOTS - 1);
	if (ipKeys[slot] === v) return ipTexts[slot]!;
	const text = ipv4Text(v);
	ipKeys[slot] = v;
	ipTexts[slot] = text;
	return text;
}

function readIp(r: ProtoReader, end: number): string {
	let ip = '';
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_FIXED32)) ip = ipv4Cached(r.fixed32());
		else if (tag === ((2 << 3) | WIRE_LEN)) ip = readIpv6(r, r.lengthEnd(end));
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return ip;
}

function readIpv6(r: ProtoReader, end: number): string {
	// hextets[0..3] from `first`, [4..7] from `last`; each fixed64 is little-endian on the wire.
	const h = [0, 0, 0, 0, 0, 0, 0, 0];
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_FIXED64) || tag === ((2 << 3) | WIRE_FIXED64)) {
			const at = tag >>> 3 === 1 ? 0 : 4;
			const lo = r.fixed32();
			const hi = r.fixed32();
			h[at] = hi >>> 16;
			h[at + 1] = hi & 0xffff;
			h[at + 2] = lo >>> 16;
			h[at + 3] = lo & 0xffff;
		} else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return ipv6Text(h);
}

function readHttp(r: ProtoReader, end: number): HttpEvent | null {
	let http: HttpEvent | null = null;
	while (r.pos < end) {
		const tag = r.tag();
		switch (tag) {
			case (1 << 3) | WIRE_LEN:
				http = readRequestInit(r, r.lengthEnd(end));
				break;
			case (2 << 3) | WIRE_LEN:
				http = readResponseInit(r, r.lengthEnd(end));
				break;
			case (3 << 3) | WIRE_LEN:
				http = readResponseEnd(r, r.lengthEnd(end));
				break;
			default:
				r.skip(tag & 7, end);
		}
	}
	r.checkEnd(end);
	return http;
}

function readStreamId(r: ProtoReader, end: number): StreamId {
	let base = 0;
	let stream = 0;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_VARINT)) base = r.uint32();
		else if (tag === ((2 << 3) | WIRE_VARINT)) stream = r.uint64();
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return {base, stream};
}

/** HttpMethod and Scheme share a shape: registered enum = 1, unregistered string = 2. */
function readEnumOrString(r: ProtoReader, end: number, names: string[]): string {
	let registered = 0;
	let unregistered: string | null = null;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_VARINT)) {
			registered = r.int32();
			unregistered = null;
		} else if (tag === ((2 << 3) | WIRE_LEN)) unregistered = r.string(end);
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	if (unregistered !== null) return unregistered;
	// An unknown enum number prints as the number, as Go's String() does.
	return names[registered] ?? String(registered);
}

function readRequestInit(r: ProtoReader, end: number): RequestInit {
	const ev: RequestInit = {
		kind: 'requestInit',
		id: {base: 0, stream: 0},
		method: '',
		scheme: '',
		authority: '',
		path: '',
		headers: null,
	};
	while (r.pos < end) {
		const tag = r.tag();
		switch (tag) {
			case (1 << 3) | WIRE_LEN:
				ev.id = readStreamId(r, r.lengthEnd(end));
				break;
			case (2 << 3) | WIRE_LEN:
				ev.method = readEnumOrString(r, r.lengthEnd(end), METHODS);
				break;
			case (3 << 3) | WIRE_LEN:
				ev.scheme = readEnumOrString(r, r.lengthEnd(end), SCHEMES);
				break;
			case (4 << 3) | WIRE_LEN:
				ev.authority = r.string(end);
				break;
			case (5 << 3) | WIRE_LEN:
				ev.path = r.string(end);
				break;
			case (6 << 3) | WIRE_LEN:
				ev.headers = readHeaders(r, r.lengthEnd(end), ev.headers);
				break;
			default:
				r.skip(tag & 7, end);
		}
	}
	r.checkEnd(end);
	return ev;
}

function readResponseInit(r: ProtoReader, end: number): ResponseInit {
	const ev: ResponseInit = {
		kind: 'responseInit',
		id: {base: 0, stream: 0},
		sinceRequestInit: null,
		httpStatus: 0,
		headers: null,
	};
	while (r.pos < end) {
		const tag = r.tag();
		switch (tag) {
			case (1 << 3) | WIRE_LEN:
				ev.id = readStreamId(r, r.lengthEnd(end));
				break;
			case (2 << 3) | WIRE_LEN:
				ev.sinceRequestInit = readDuration(r, r.lengthEnd(end));
				break;
			case (3 << 3) | WIRE_VARINT:
				ev.httpStatus = r.uint32();
				break;
			case (4 << 3) | WIRE_LEN:
				ev.headers = readHeaders(r, r.lengthEnd(end), ev.headers);
				break;
			default:
				r.skip(tag & 7, end);
		}
	}
	r.checkEnd(end);
	return ev;
}

function readResponseEnd(r: ProtoReader, end: number): ResponseEnd {
	const ev: ResponseEnd = {
		kind: 'responseEnd',
		id: {base: 0, stream: 0},
		sinceRequestInit: null,
		sinceResponseInit: null,
		responseBytes: 0,
		eos: null,
		trailers: null,
	};
	while (r.pos < end) {
		const tag = r.tag();
		switch (tag) {
			case (1 << 3) | WIRE_LEN:
				ev.id = readStreamId(r, r.lengthEnd(end));
				break;
			case (2 << 3) | WIRE_LEN:
				ev.sinceRequestInit = readDuration(r, r.lengthEnd(end));
				break;
			case (3 << 3) | WIRE_LEN:
				ev.sinceResponseInit = readDuration(r, r.lengthEnd(end));
				break;
			case (4 << 3) | WIRE_VARINT:
				ev.responseBytes = r.uint64();
				break;
			case (5 << 3) | WIRE_LEN:
				ev.eos = readEos(r, r.lengthEnd(end));
				break;
			case (6 << 3) | WIRE_LEN:
				ev.trailers = readHeaders(r, r.lengthEnd(end), ev.trailers);
				break;
			default:
				r.skip(tag & 7, end);
		}
	}
	r.checkEnd(end);
	return ev;
}

function readDuration(r: ProtoReader, end: number): Duration {
	let seconds = 0;
	let nanos = 0;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_VARINT)) seconds = r.int64();
		else if (tag === ((2 << 3) | WIRE_VARINT)) nanos = r.int32();
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return {seconds, nanos};
}

// gRPC status codes are 0..16: one shared, frozen Eos each rather than one per response.
const GRPC_EOS: Eos[] = Array.from({length: 17}, (_, code) => Object.freeze({kind: 'grpc', code}));

function grpcEos(code: number): Eos {
	return GRPC_EOS[code] ?? {kind: 'grpc', code};
}

function readEos(r: ProtoReader, end: number): Eos | null {
	let eos: Eos | null = null;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag === ((1 << 3) | WIRE_VARINT)) eos = grpcEos(r.uint32());
		else if (tag === ((2 << 3) | WIRE_VARINT)) eos = {kind: 'reset', code: r.uint32()};
		else r.skip(tag & 7, end);
	}
	r.checkEnd(end);
	return eos;
}
