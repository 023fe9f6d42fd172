// Encodes the shared TapEvent back to linkerd2.tap.TapEvent bytes: the exact
// inverse of decode.ts for fixtures, the demo mesh and benchmarks. Fields are
// written in ascending number order and proto3 zero scalars are left out, as
// protobuf-go marshals; oneof members are always written, even when zero.
import type {Duration, Header, HttpEvent, Labels, StreamId, TapEvent, TcpAddress} from '../model/event.js';
import {ProtoWriter} from './proto-writer.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'HEAD', 'TRACE'];
const SCHEMES = ['HTTP', 'HTTPS'];
const DIRECTIONS = {UNKNOWN: 0, INBOUND: 1, OUTBOUND: 2} as const;

export function encodeTapEvent(ev: TapEvent): Uint8Array {
	const w = new ProtoWriter();
	if (ev.source) writeTcpAddress(w, 1, ev.source);
	if (ev.destination) writeTcpAddress(w, 2, ev.destination);
	if (ev.http) writeHttp(w, ev.http);
	writeMeta(w, 4, ev.destinationMeta);
	writeMeta(w, 5, ev.sourceMeta);
	const dir = DIRECTIONS[ev.proxyDirection];
	if (dir !== 0) {
		w.tag(6, 0);
		w.varint(dir);
	}
	writeMeta(w, 7, ev.routeMeta);
	return w.finish();
}

export function encodeApiError(message: string): Uint8Array {
	const w = new ProtoWriter();
	if (message !== '') {
		w.tag(1, 2);
		w.string(message);
	}
	return w.finish();
}

function writeTcpAddress(w: ProtoWriter, field: number, a: TcpAddress): void {
	w.begin(field);
	if (a.ip !== '') {
		w.begin(1);
		if (a.ip.includes(':')) {
			const h = parseIpv6(a.ip);
			w.begin(2);
			writeFixed64(w, 1, h, 0);
			writeFixed64(w, 2, h, 4);
			w.end();
		} else {
			w.tag(1, 5);
			w.fixed32(parseIpv4(a.ip));
		}
		w.end();
	}
	if (a.port !== 0) {
		w.tag(2, 0);
		w.varint(a.port);
	}
	w.end();
}

function writeFixed64(w: ProtoWriter, field: number, h: number[], at: number): void {
	const hi = h[at]! * 0x10000 + h[at + 1]!;
	const lo = h[at + 2]! * 0x10000 + h[at + 3]!;
	if (hi === 0 && lo === 0) return;
	w.tag(field, 1);
	w.fixed32(lo);
	w.fixed32(hi);
}

export function parseIpv4(ip: string): number {
	const parts = ip.split('.');
	if (parts.length !== 4) throw new Error(`not an IPv4 address: ${ip}`);
	let v = 0;
	for (const p of parts) {
		const n = Number(p);
		if (!/^\d{1,3}$/.test(p) || n > 255) throw new Error(`not an IPv4 address: ${ip}`);
		v = v * 256 + n;
	}
	return v;
}

/** Eight 16-bit groups from IPv6 text (with `::` and an optional dotted IPv4 tail). */
export function parseIpv6(ip: string): number[] {
	let text = ip;
	const lastColon = text.lastIndexOf(':');
	if (text.slice(lastColon + 1).includes('.')) {
		// A dotted IPv4 tail is two more groups.
		const v4 = parseIpv4(text.slice(lastColon + 1));
		text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
	}
	const bad = () => new Error(`not an IPv6 address: ${ip}`);
	const groups = (s: string) =>
		s === ''
			? []
			: s.split(':').map((g) => {
					if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad();
					return parseInt(g, 16);
				});
	const gap = text.indexOf('::');
	if (gap < 0) {
		const all = groups(text);
		if (all.length !== 8) throw bad();
		return all;
	}
	const left = groups(text.slice(0, gap));
	const right = groups(text.slice(gap + 2));
	const zeros = 8 - left.length - right.length;
	if (zeros < 1) throw bad();
	return [...left, ...new Array<number>(zeros).fill(0), ...right];
}

function writeMeta(w: ProtoWriter, field: number, labels: Labels): void {
	if (labels === null) return;
	w.begin(field);
	for (const [key, value] of Object.entries(labels)) {
		// Map entries carry key and value even when empty, as protobuf-go writes them.
		w.begin(1);
		w.tag(1, 2);
		w.string(key);
		w.tag(2, 2);
		w.string(value);
		w.end();
	}
	w.end();
}

function writeHttp(w: ProtoWriter, http: HttpEvent): void {
	w.begin(3);
	switch (http.kind) {
		case 'requestInit':
			w.begin(1);
			writeStreamId(w, http.id);
			writeEnumOrString(w, 2, http.method, METHODS);
			writeEnumOrString(w, 3, http.scheme, SCHEMES);
			writeString(w, 4, http.authority);
			writeString(w, 5, http.path);
			writeHeaders(w, 6, http.headers);
			w.end();
			break;
		case 'responseInit':
			w.begin(2);
			writeStreamId(w, http.id);
			writeDuration(w, 2, http.sinceRequestInit);
			if (http.httpStatus !== 0) {
				w.tag(3, 0);
				w.varint(http.httpStatus);
			}
			writeHeaders(w, 4, http.headers);
			w.end();
			break;
		case 'responseEnd':
			w.begin(3);
			writeStreamId(w, http.id);
			writeDuration(w, 2, http.sinceRequestInit);
			writeDuration(w, 3, http.sinceResponseInit);
			if (http.responseBytes !== 0) {
				w.tag(4, 0);
				w.varint(http.responseBytes);
			}
			if (http.eos) {
				w.begin(5);
				w.tag(http.eos.kind === 'grpc' ? 1 : 2, 0);
				w.varint(http.eos.code);
				w.end();
			}
			writeHeaders(w, 6, http.trailers);
			w.end();
			break;
	}
	w.end();
}

function writeString(w: ProtoWriter, field: number, s: string): void {
	if (s === '') return;
	w.tag(field, 2);
	w.string(s);
}

function writeStreamId(w: ProtoWriter, id: StreamId): void {
	w.begin(1);
	if (id.base !== 0) {
		w.tag(1, 0);
		w.varint(id.base);
	}
	if (id.stream !== 0) {
		w.tag(2, 0);
		w.varint(id.stream);
	}
	w.end();
}

/** '' means the field was absent; a known name is the registered enum, anything else unregistered. */
function writeEnumOrString(w: ProtoWriter, field: number, value: string, names: string[]): void {
	if (value === '') return;
	w.begin(field);
	const registered = names.indexOf(value);
	if (registered >= 0) {
		w.tag(1, 0);
		w.varint(registered);
	} else {
		// Digits (how the decoder spells an enum number it does not know) are
		// written as the string too: decode(encode(ev)) still equals ev, which a
		// numeric guess would break for an unregistered "0".
		w.tag(2, 2);
		w.string(value);
	}
	w.end();
}

function writeDuration(w: ProtoWriter, field: number, d: Duration | null): void {
	if (d === null) return;
	w.begin(field);
	if (d.seconds !== 0) {
		w.tag(1, 0);
		w.signedVarint(d.seconds);
	}
	if (d.nanos !== 0) {
		w.tag(2, 0);
		w.signedVarint(d.nanos);
	}
	w.end();
}

function writeHeaders(w: ProtoWriter, field: number, headers: Header[] | null): void {
	if (headers === null) return;
	w.begin(field);
	for (const h of headers) {
		w.begin(1);
		writeString(w, 1, h.name);
		if (h.valueBin !== undefined) {
			w.tag(3, 2);
			w.bytes(h.valueBin);
		} else if (h.valueStr !== undefined) {
			w.tag(2, 2);
			w.string(h.valueStr);
		}
		w.end();
	}
	w.end();
}
