// Splits the tap HTTP body into frames: a 4-byte little-endian unsigned length,
// then that many payload bytes (spec §3.3). Push network chunks in, get whole
// payloads out. A frame that sits inside one chunk is returned as a view of
// that chunk (no copy); only frames that straddle chunks are assembled, and
// only from bytes that arrived: a length prefix alone never allocates, so a
// hostile header declaring 16 MiB costs nothing until 16 MiB actually come.
import {FrameTooLargeError} from './errors.js';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameDecoder {
	private readonly maxFrameBytes: number;
	private readonly header = new Uint8Array(4);
	private headerFill = 0;
	/** Declared length of the frame being assembled across chunks; -1 when none. */
	private partialLength = -1;
	/** That frame's bytes so far; grows by doubling up to the declared length. */
	private partial = new Uint8Array(0);
	private partialFill = 0;
	private failure: FrameTooLargeError | null = null;

	constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
		this.maxFrameBytes = maxFrameBytes;
	}

	/** Bytes held back waiting for the rest of a frame. */
	get bufferedBytes(): number {
		return this.headerFill + this.partialFill;
	}

	/** Set once a header declared more than the limit; framing is lost for good. */
	get failed(): FrameTooLargeError | null {
		return this.failure;
	}

	/**
	 * The frames completed by this chunk, in order. Throws FrameTooLargeError as
	 * soon as a header declares more than the limit, before allocating for it
	 * (after returning the frames that came before it in the same chunk); the
	 * decoder then stays failed, since the stream cannot be resynchronised.
	 */
	push(chunk: Uint8Array): Uint8Array[] {
		if (this.failure) throw this.failure;
		const frames: Uint8Array[] = [];
		let pos = 0;
		const n = chunk.length;
		while (pos < n) {
			if (this.partialLength >= 0) {
				const take = Math.min(this.partialLength - this.partialFill, n - pos);
				this.reserve(this.partialFill + take);
				this.partial.set(chunk.subarray(pos, pos + take), this.partialFill);
				this.partialFill += take;
				pos += take;
				if (this.partialFill === this.partialLength) frames.push(this.assemble());
				continue;
			}
			let length: number;
			if (this.headerFill === 0 && n - pos >= 4) {
				length = readLength(chunk, pos);
				pos += 4;
			} else {
				while (this.headerFill < 4 && pos < n) this.header[this.headerFill++] = chunk[pos++]!;
				if (this.headerFill < 4) break;
				this.headerFill = 0;
				length = readLength(this.header, 0);
			}
			if (length > this.maxFrameBytes) {
				this.failure = new FrameTooLargeError(length, this.maxFrameBytes);
				// Frames completed before the bad header are still good: hand them over first,
				// and the failure comes with the next push (or from `failure` at end of stream).
				if (frames.length > 0) return frames;
				throw this.failure;
			}
			if (n - pos >= length) {
				frames.push(chunk.subarray(pos, pos + length));
				pos += length;
			} else {
				this.partialLength = length;
				this.partialFill = 0;
			}
		}
		return frames;
	}

	/** At most twice the bytes received (and at least 4 KiB), never more than declared. */
	private reserve(needed: number): void {
		if (this.partial.length >= needed) return;
		const size = Math.min(this.partialLength, Math.max(needed, 2 * this.partial.length, 4096));
		// From Node's buffer pool when small: a fresh ArrayBuffer per straddling frame
		// (one in every ~25 at 16 KB reads) cost more than decoding the frame.
		const next = Buffer.allocUnsafe(size);
		next.set(this.partial.subarray(0, this.partialFill));
		this.partial = next;
	}

	private assemble(): Uint8Array {
		const out = this.partial.length === this.partialLength ? this.partial : this.partial.slice(0, this.partialLength);
		this.partial = new Uint8Array(0);
		this.partialLength = -1;
		this.partialFill = 0;
		return out;
	}
}
function readLength(b: Uint8Array, at: number): number {
	return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
}

/** Prefixes `payload` with its 4-byte little-endian length. */
export function frame(payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(4 + payload.length);
	const n = payload.length;
	out[0] = n & 0xff;
	out[1] = (n >>> 8) & 0xff;
	out[2] = (n >>> 16) & 0xff;
	out[3] = (n >>> 24) & 0xff;
	out.set(payload, 4);
	return out;
}
