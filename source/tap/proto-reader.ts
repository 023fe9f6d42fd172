// A minimal protobuf wire reader. The decoders in decode.ts drive it field by
// field and build our own shapes directly, so there is no reflection and no
// intermediate message objects. Every read checks bounds: a frame off the
// network may be truncated or hostile.
import {DecodeError} from './errors.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;

const TWO_32 = 4_294_967_296;

// Node's Buffer decodes UTF-8 several times faster per short string than
// TextDecoder (measured in bench/codec-probe.ts), and tap events are mostly
// short strings: label keys and values, header names, paths. invalid UTF-8
// becomes U+FFFD either way.
type Utf8Source = Uint8Array & {utf8Slice?: (start: number, end: number) => string};

// A direct-mapped cache of recent label strings, shared by all readers.
const INTERN_SLOTS = 1024;
const INTERN_MAX = 64;
const internBytes: Array<Uint8Array | undefined> = new Array(INTERN_SLOTS);
const internStrings: Array<string | undefined> = new Array(INTERN_SLOTS);

export class ProtoReader {
	readonly buf: Uint8Array;
	pos = 0;
	/** High 32 bits of the last 64-bit varint read by varint64Low. */
	private hi = 0;
	/** The same bytes as a Buffer, for native string decoding and compares. */
	readonly text: Buffer;

	constructor(buf: Uint8Array) {
		this.buf = buf;
		this.text = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	}

	fail(message: string): never {
		throw new DecodeError(message, this.pos);
	}

	/** Reads a varint and returns its low 32 bits, unsigned. */
	uint32(): number {
		const buf = this.buf;
		const n = buf.length;
		let pos = this.pos;
		// Bitwise up to 28 bits; ports, statuses and stream ids end well before that.
		let value = 0;
		for (let shift = 0; shift < 28; shift += 7) {
			if (pos >= n) this.truncated(pos);
			const b = buf[pos++]!;
			value |= (b & 0x7f) << shift;
			if (b < 0x80) {
				this.pos = pos;
				return value;
			}
		}
		// Fifth byte: its low four bits are bits 28..31; bits past 32 are dropped, as a
		// 32-bit field read does in Go, but the varint must still end within 10 bytes.
		if (pos >= n) this.truncated(pos);
		let b = buf[pos++]!;
		value = (value | ((b & 0x0f) << 28)) >>> 0;
		for (let i = 5; b >= 0x80; i++) {
			if (i === 10) {
				this.pos = pos;
				this.fail('varint longer than 10 bytes');
			}
			if (pos >= n) this.truncated(pos);
			b = buf[pos++]!;
		}
		this.pos = pos;
		return value;
	}

	private truncated(pos: number): never {
		this.pos = pos;
		this.fail('truncated varint');
	}

	/** Reads a varint as uint64 rounded to the nearest double (exact below 2^53). */
	uint64(): number {
		const lo = this.varint64Low();
		return this.hi * TWO_32 + lo;
	}

	/** Reads a varint as a two's complement int64. */
	int64(): number {
		const lo = this.varint64Low();
		const hi = this.hi;
		if (hi < 0x80000000) return hi * TWO_32 + lo;
		// Negative: -(~value + 1) computed on the two halves.
		const nlo = (TWO_32 - lo) % TWO_32;
		const nhi = TWO_32 - 1 - hi + (lo === 0 ? 1 : 0);
		return -(nhi * TWO_32 + nlo);
	}

	/** Reads a varint as int32 (negative values arrive sign-extended to 10 bytes). */
	int32(): number {
		return this.uint32() | 0;
	}

	private varint64Low(): number {
		const buf = this.buf;
		let pos = this.pos;
		// Byte counts, stream ids and seconds mostly end within 28 bits: bitwise, no floats.
		const n = Math.min(buf.length, pos + 4);
		let small = 0;
		for (let shift = 0; pos < n; shift += 7) {
			const b = buf[pos++]!;
			small |= (b & 0x7f) << shift;
			if (b < 0x80) {
				this.pos = pos;
				this.hi = 0;
				return small;
			}
		}
		pos = this.pos;
		let lo = 0;
		let hi = 0;
		for (let i = 0; i < 10; i++) {
			if (pos >= buf.length) {
				this.pos = pos;
				this.fail('truncated varint');
			}
			const b = buf[pos++]!;
			const bits = b & 0x7f;
			if (i < 4) lo += bits * 2 ** (7 * i);
			else if (i === 4) {
				// Bits 28..34 straddle the two halves.
				lo += (bits & 0x0f) * 2 ** 28;
				hi += bits >>> 4;
			} else hi += bits * 2 ** (7 * i - 32);
			if (b < 0x80) {
				this.pos = pos;
				this.hi = hi % TWO_32;
				return lo;
			}
		}
		this.pos = pos;
		this.fail('varint longer than 10 bytes');
	}

	/** Little-endian fixed32, unsigned. */
	fixed32(): number {
		const buf = this.buf;
		const pos = this.pos;
		if (pos + 4 > buf.length) this.fail('truncated fixed32');
		this.pos = pos + 4;
		return (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16)) + buf[pos + 3]! * 0x1000000;
	}

	/** Float32, little-endian. */
	float(): number {
		const bits = this.fixed32();
		const view = new DataView(new ArrayBuffer(4));
		view.setUint32(0, bits, true);
		return view.getFloat32(0, true);
	}

	/** Reads a length prefix and returns where that sub-message ends; pos moves to its start. */
	lengthEnd(end: number): number {
		// Most lengths fit one byte: read it here rather than through uint32().
		const pos = this.pos;
		const first = pos < this.buf.length ? this.buf[pos]! : 0x80;
		let len: number;
		if (first < 0x80) {
			len = first;
			this.pos = pos + 1;
		} else len = this.uint32();
		const stop = this.pos + len;
		if (stop > end) this.fail(`length ${len} runs past the end of the message`);
		return stop;
	}

	string(end: number): string {
		const stop = this.lengthEnd(end);
		return this.decodeAt(this.pos, stop);
	}

	/**
	 * Like string(), for label keys and values: the same few hundred strings
	 * (label names, namespaces, pod names) arrive in every event, so a hit
	 * returns the string already made (and already internalised as a property
	 * key) instead of decoding and hashing it again, and retained events share it.
	 */
	label(end: number): string {
		const stop = this.lengthEnd(end);
		const start = this.pos;
		const len = stop - start;
		if (len === 0 || len > INTERN_MAX) return this.decodeAt(start, stop);
		const buf = this.buf;
		let h = len;
		for (let i = start; i < stop; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
		const slot = (h >>> 0) & (INTERN_SLOTS - 1);
		const cached = internBytes[slot];
		if (cached !== undefined && cached.length === len) {
			let same = true;
			for (let i = 0; i < len; i++) {
				if (cached[i] !== buf[start + i]) {
					same = false;
					break;
				}
			}
			if (same) {
				this.pos = stop;
				return internStrings[slot]!;
			}
		}
		const text = this.decodeAt(start, stop);
		// A copy: a view would pin the whole network chunk in memory.
		internBytes[slot] = new Uint8Array(buf.subarray(start, stop));
		internStrings[slot] = text;
		return text;
	}

	/** label() for lengths up to `max`; longer values are decoded without touching the intern table. */
	shortLabel(end: number, max: number): string {
		const pos = this.pos;
		const len = pos < this.buf.length ? this.buf[pos]! : 0x80;
		if (len <= max) return this.label(end);
		return this.string(end);
	}

	private decodeAt(start: number, stop: number): string {
		this.pos = stop;
		if (start === stop) return '';
		const text = this.text as Utf8Source;
		return text.utf8Slice ? text.utf8Slice(start, stop) : this.text.toString('utf8', start, stop);
	}

	/** A copy, so a kept value does not pin the whole network chunk in memory. */
	bytes(end: number): Uint8Array {
		const stop = this.lengthEnd(end);
		// Not buf.slice(): on a Node Buffer that is a view, not a copy.
		const out = new Uint8Array(this.buf.subarray(this.pos, stop));
		this.pos = stop;
		return out;
	}

	/** Skips one field's value of the given wire type (unknown fields must be ignored). */
	skip(wireType: number, end: number): void {
		switch (wireType) {
			case WIRE_VARINT:
				this.varint64Low();
				return;
			case WIRE_FIXED64:
				if (this.pos + 8 > end) this.fail('truncated fixed64');
				this.pos += 8;
				return;
			case WIRE_LEN:
				this.pos = this.lengthEnd(end);
				return;
			case WIRE_START_GROUP:
				this.skipGroup(end);
				return;
			case WIRE_FIXED32:
				if (this.pos + 4 > end) this.fail('truncated fixed32');
				this.pos += 4;
				return;
			default:
				this.fail(`invalid wire type ${wireType}`);
		}
	}

	private skipGroup(end: number): void {
		for (;;) {
			if (this.pos >= end) this.fail('unterminated group');
			const tag = this.uint32();
			const wireType = tag & 7;
			if (wireType === WIRE_END_GROUP) return;
			this.skip(wireType, end);
		}
	}

	/** A scalar may not straddle the end of its enclosing sub-message. */
	checkEnd(end: number): void {
		if (this.pos !== end) this.fail('field runs past the end of its sub-message');
	}

	/** Reads a tag, rejecting field number 0 and the stray end-group marker. */
	tag(): number {
		// Every field number meshtop reads fits a one-byte tag.
		const pos = this.pos;
		if (pos < this.buf.length) {
			const b = this.buf[pos]!;
			if (b < 0x80 && b >= 8 && (b & 7) !== WIRE_END_GROUP) {
				this.pos = pos + 1;
				return b;
			}
		}
		const tag = this.uint32();
		if (tag >>> 3 === 0) this.fail('field number 0');
		if ((tag & 7) === WIRE_END_GROUP) this.fail('unexpected end group');
		return tag;
	}
}
