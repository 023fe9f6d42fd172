// A minimal protobuf wire writer for our own messages: fixtures, the demo
// mesh's tap server and benchmarks. Nested messages are written in place and
// their length prefix is inserted when they close, so callers write fields in
// order without computing sizes first.

const TWO_32 = 4_294_967_296;
const utf8 = new TextEncoder();

export class ProtoWriter {
	private buf = new Uint8Array(256);
	private len = 0;
	private readonly starts: number[] = [];

	private ensure(extra: number): void {
		if (this.len + extra <= this.buf.length) return;
		let size = this.buf.length * 2;
		while (size < this.len + extra) size *= 2;
		const next = new Uint8Array(size);
		next.set(this.buf.subarray(0, this.len));
		this.buf = next;
	}

	/** Unsigned varint of a non-negative integer up to 2^64 (exact below 2^53). */
	varint(value: number): void {
		let lo = value % TWO_32;
		let hi = Math.floor(value / TWO_32);
		this.ensure(10);
		while (hi > 0 || lo > 0x7f) {
			this.buf[this.len++] = (lo & 0x7f) | 0x80;
			lo = ((lo >>> 7) | ((hi & 0x7f) << 25)) >>> 0;
			hi = hi >>> 7;
		}
		this.buf[this.len++] = lo;
	}

	/** int32/int64 as protobuf does: negative values become 10-byte two's complement. */
	signedVarint(value: number): void {
		if (value >= 0) {
			this.varint(value);
			return;
		}
		const mag = -value;
		let lo = (TWO_32 - (mag % TWO_32)) % TWO_32;
		let hi = TWO_32 - 1 - Math.floor(mag / TWO_32) + (lo === 0 ? 1 : 0);
		hi >>>= 0;
		this.ensure(10);
		for (let i = 0; i < 9; i++) {
			this.buf[this.len++] = (lo & 0x7f) | 0x80;
			lo = (lo >>> 7) | ((hi & 0x7f) << 25);
			hi = hi >>> 7;
		}
		this.buf[this.len++] = lo & 0x01;
	}

	tag(field: number, wireType: number): void {
		this.varint(field * 8 + wireType);
	}

	fixed32(value: number): void {
		this.ensure(4);
		const b = this.buf;
		b[this.len] = value & 0xff;
		b[this.len + 1] = (value >>> 8) & 0xff;
		b[this.len + 2] = (value >>> 16) & 0xff;
		b[this.len + 3] = (value >>> 24) & 0xff;
		this.len += 4;
	}

	float(value: number): void {
		const view = new DataView(new ArrayBuffer(4));
		view.setFloat32(0, value, true);
		this.fixed32(view.getUint32(0, true));
	}

	rawBytes(bytes: Uint8Array): void {
		this.ensure(bytes.length);
		this.buf.set(bytes, this.len);
		this.len += bytes.length;
	}

	bytes(bytes: Uint8Array): void {
		this.varint(bytes.length);
		this.rawBytes(bytes);
	}

	string(s: string): void {
		this.bytes(utf8.encode(s));
	}

	/** Opens a length-delimited sub-message for `field`; close it with end(). */
	begin(field: number): void {
		this.tag(field, 2);
		this.starts.push(this.len);
	}

	end(): void {
		const start = this.starts.pop();
		if (start === undefined) throw new Error('ProtoWriter.end() without begin()');
		const size = this.len - start;
		let prefix = 1;
		for (let v = size; v > 0x7f; v = Math.floor(v / 128)) prefix++;
		this.ensure(prefix);
		this.buf.copyWithin(start + prefix, start, this.len);
		const bodyEnd = this.len + prefix;
		this.len = start;
		this.varint(size);
		this.len = bodyEnd;
	}

	finish(): Uint8Array {
		if (this.starts.length > 0) throw new Error('ProtoWriter.finish() with an open sub-message');
		return this.buf.slice(0, this.len);
	}
}

