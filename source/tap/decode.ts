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
import {BytesCache} from './bytes-cache.js';
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

// Every event from a pod carries byte-identical label maps for it (spec §4: the same
// hydrated pod labels, the same TLS labels), so whole maps are cached by their bytes:
// a hit costs a sampled hash and a native compare instead of parsing eight to twelve
// entries and building an object, and retained records share one frozen map per pod.
const metaCache = new BytesCache<Labels>();

function readMeta(r: ProtoReader, end: number): Labels {
	const start = r.pos;
	if (start === end) return null;
	const cached = metaCache.get(r.text, start, end);
	if (cached !== undefined) {
		r.pos = end;
		return cached;
	}
	const labels = parseMeta(r, end);
	if (labels !== null) Object.freeze(labels);
	metaCache.set(r.text, start, end, labels);
	return labels;
}

function parseMeta(r: ProtoReader, end: number): Labels {
	let labels: Record<string, string> | null = null;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag !== ((1 << 3) | WIRE_LEN)) {
			r.skip(tag & 7, end);
			continue;
		}
		const entryEnd = r.lengthEnd(end);
		let key = '';
		let value = '';
		while (r.pos < entryEnd) {
			const t = r.tag();
			if (t === ((1 << 3) | WIRE_LEN)) key = r.label(entryEnd);
			else if (t === ((2 << 3) | WIRE_LEN)) value = r.label(entryEnd);
			else r.skip(t & 7, entryEnd);
		}
		r.checkEnd(entryEnd);
		labels ??= {};
		// A label named __proto__ must stay data, not replace the prototype.
		if (key === '__proto__') {
			Object.defineProperty(labels, key, {value, enumerable: true, writable: true, configurable: true});
		} else labels[key] = value;
	}
	r.checkEnd(end);
	return labels;
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

// Short header lists (a content type, a grpc-status trailer) repeat byte for byte in
// most responses: like label maps they are cached by their bytes and shared frozen,
// which saves parsing them and, more, keeps retained records from holding a copy each.
// Longer lists carry per-request values (trace ids) and would only miss.
const SHARED_HEADERS_MAX = 64;
const headerListCache = new BytesCache<Header[] | null>(SHARED_HEADERS_MAX);

/** Appends to `into`: a repeated field may arrive split across several Headers messages. */
function readHeaders(r: ProtoReader, end: number, into: Header[] | null): Header[] | null {
	const start = r.pos;
	if (into === null && end - start <= SHARED_HEADERS_MAX) {
		const cached = headerListCache.get(r.text, start, end);
		if (cached !== undefined) {
			r.pos = end;
			return cached;
		}
		const list = parseHeaders(r, end, null);
		if (list !== null) {
			for (const h of list) Object.freeze(h);
			Object.freeze(list);
		}
		headerListCache.set(r.text, start, end, list);
		return list;
	}
	// A shared list is frozen: a second Headers message for the same field extends a copy.
	return parseHeaders(r, end, into !== null && Object.isFrozen(into) ? into.slice() : into);
}

function parseHeaders(r: ProtoReader, end: number, into: Header[] | null): Header[] | null {
	let list = into;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag !== ((1 << 3) | WIRE_LEN)) {
			r.skip(tag & 7, end);
			continue;
		}
		const hEnd = r.lengthEnd(end);
		let name = '';
		let str: string | undefined;
		let bin: Uint8Array | undefined;
		while (r.pos < hEnd) {
			const t = r.tag();
			// Names and short values (content types, user agents, status codes) repeat
			// in every event, so they share the label intern table; long values rarely repeat.
			if (t === ((1 << 3) | WIRE_LEN)) name = r.label(hEnd);
			else if (t === ((2 << 3) | WIRE_LEN)) {
				str = r.shortLabel(hEnd, 24);
				bin = undefined;
			} else if (t === ((3 << 3) | WIRE_LEN)) {
				bin = r.bytes(hEnd);
				str = undefined;
			} else r.skip(t & 7, hEnd);
		}
		r.checkEnd(hEnd);
		// Only the oneof member that arrived is set; a header with neither keeps just its name.
		const h: Header = bin !== undefined ? {name, valueBin: bin} : str !== undefined ? {name, valueStr: str} : {name};
		(list ??= []).push(h);
	}
	r.checkEnd(end);
	return list;
}
