// Splits the tap HTTP body into frames: a 4-byte little-endian unsigned length,
// then that many payload bytes (spec §3.3). Push network chunks in, get whole
// payloads out. A frame that sits inside one chunk is returned as a view of
// that chunk (no copy); only frames that straddle chunks are assembled.
import {FrameTooLargeError} from './errors.js';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameDecoder {
	private readonly maxFrameBytes: number;
	private readonly header = new Uint8Array(4);
	private headerFill = 0;
	/** The frame being assembled across chunks, once its header is known. */
	private partial: Uint8Array | null = null;
	private partialFill = 0;
	private failure: FrameTooLargeError | null = null;

	constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
		this.maxFrameBytes = maxFrameBytes;
	}

	/** Bytes held back waiting for the rest of a frame. */
	get bufferedBytes(): number {
		return this.headerFill + this.partialFill;
	}

	/**
	 * The frames completed by this chunk, in order. Throws FrameTooLargeError as
	 * soon as a header declares more than the limit, before allocating for it;
	 * the decoder then stays failed, since the stream cannot be resynchronised.
	 */
	push(chunk: Uint8Array): Uint8Array[] {
		if (this.failure) throw this.failure;
		const frames: Uint8Array[] = [];
		let pos = 0;
		const n = chunk.length;
		while (pos < n) {
			if (this.partial) {
				const want = this.partial.length - this.partialFill;
				const take = Math.min(want, n - pos);
				this.partial.set(chunk.subarray(pos, pos + take), this.partialFill);
				this.partialFill += take;
				pos += take;
				if (this.partialFill === this.partial.length) {
					frames.push(this.partial);
					this.partial = null;
					this.partialFill = 0;
				}
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
				throw this.failure;
			}
			if (n - pos >= length) {
				frames.push(chunk.subarray(pos, pos + length));
				pos += length;
			} else {
				this.partial = new Uint8Array(length);
				this.partialFill = 0;
			}
		}
		return frames;
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
