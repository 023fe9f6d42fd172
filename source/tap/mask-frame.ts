// Masks secret header values inside raw TapEvent bytes, for recordings made without
// --show-secrets. Only the Header messages whose name is a secret one (model/secrets.ts)
// change: their value_str/value_bin become value_str "[masked]", as the formatters show
// it, and the lengths of the messages around them are rewritten. Every other byte stays
// as the tap API sent it; a frame with nothing to mask is returned as the same array.
// Field numbers: spec/linkerd-tap.md §2 (TapEvent.http = 3; RequestInit.headers = 6,
// ResponseInit.headers = 4, ResponseEnd.trailers = 6; Headers.headers = 1; Header name = 1,
// value_str = 2, value_bin = 3).
import {isSecretHeader, MASK} from '../model/secrets.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

interface Field {
	number: number;
	wire: number;
	/** Offsets of the whole field (tag included) and, for LEN fields, of its payload. */
	start: number;
	end: number;
	payloadStart: number;
}

class Malformed extends Error {}

function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
	let value = 0;
	let scale = 1;
	for (let i = at; i < bytes.length && i < at + 10; i++) {
		const b = bytes[i]!;
		value += (b & 0x7f) * scale;
		scale *= 128;
		if (b < 0x80) return [value, i + 1];
	}
	throw new Malformed('bad varint');
}

function fields(bytes: Uint8Array): Field[] {
	const out: Field[] = [];
	let pos = 0;
	while (pos < bytes.length) {
		const start = pos;
		const [tag, afterTag] = varint(bytes, pos);
		const wire = tag % 8;
		let payloadStart = afterTag;
		if (wire === WIRE_VARINT) pos = varint(bytes, afterTag)[1];
		else if (wire === WIRE_FIXED64) pos = afterTag + 8;
		else if (wire === WIRE_FIXED32) pos = afterTag + 4;
		else if (wire === WIRE_LEN) {
			const [length, next] = varint(bytes, afterTag);
			payloadStart = next;
			pos = next + length;
		} else throw new Malformed('unsupported wire type');
		if (pos > bytes.length) throw new Malformed('field runs past the end');
		out.push({number: Math.floor(tag / 8), wire, start, end: pos, payloadStart});
	}
	return out;
}

function varintBytes(n: number): number[] {
	const out: number[] = [];
	while (n >= 0x80) {
		out.push((n % 128) | 0x80);
		n = Math.floor(n / 128);
	}
	out.push(n);
	return out;
}

function lenField(number: number, payload: Uint8Array): Uint8Array {
	const head = [...varintBytes(number * 8 + WIRE_LEN), ...varintBytes(payload.length)];
	const out = new Uint8Array(head.length + payload.length);
	out.set(head, 0);
	out.set(payload, head.length);
	return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** Rewrites the LEN fields `pick` chooses with `change`; the same array when none changed. */
function rewrite(bytes: Uint8Array, pick: (field: Field) => ((payload: Uint8Array) => Uint8Array) | undefined): Uint8Array {
	const parts: Uint8Array[] = [];
	let changed = false;
	for (const field of fields(bytes)) {
		const whole = bytes.subarray(field.start, field.end);
		const change = field.wire === WIRE_LEN ? pick(field) : undefined;
		if (!change) {
			parts.push(whole);
			continue;
		}
		const payload = bytes.subarray(field.payloadStart, field.end);
		const next = change(payload);
		if (next === payload) parts.push(whole);
		else {
			changed = true;
			parts.push(lenField(field.number, next));
		}
	}
	return changed ? concat(parts) : bytes;
}

const maskedValue = lenField(2, new TextEncoder().encode(MASK));

function maskHeader(header: Uint8Array): Uint8Array {
	const list = fields(header);
	const name = list.filter(f => f.number === 1 && f.wire === WIRE_LEN).at(-1);
	if (!name) return header;
	const text = new TextDecoder().decode(header.subarray(name.payloadStart, name.end));
	if (!isSecretHeader(text)) return header;
	// Keep the name (and anything unknown), drop every value, add the mask as value_str.
	const kept = list.filter(f => f.number !== 2 && f.number !== 3).map(f => header.subarray(f.start, f.end));
	return concat([...kept, maskedValue]);
}

const maskHeaders = (headers: Uint8Array) => rewrite(headers, f => (f.number === 1 ? maskHeader : undefined));

// RequestInit and ResponseEnd carry their headers/trailers in field 6, ResponseInit in field 4.
const headerField: Record<number, number> = {1: 6, 2: 4, 3: 6};

function maskHttp(http: Uint8Array): Uint8Array {
	return rewrite(http, f => {
		const inner = headerField[f.number];
		return inner === undefined ? undefined : part => rewrite(part, g => (g.number === inner ? maskHeaders : undefined));
	});
}

/**
 * The TapEvent frame with secret header values masked; the same array when there were none.
 * undefined when the bytes cannot be walked: the caller drops the frame rather than risk
 * writing a secret it could not find (the live decoder skips such a frame too).
 */
export function maskFrame(frame: Uint8Array): Uint8Array | undefined {
	try {
		return rewrite(frame, f => (f.number === 3 ? maskHttp : undefined));
	} catch (error) {
		if (error instanceof Malformed) return undefined;
		throw error;
	}
}
