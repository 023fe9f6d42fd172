import {describe, expect, it} from 'vitest';
import {FrameTooLargeError} from '../../source/tap/errors.js';
import {FrameDecoder, frame} from '../../source/tap/frame-decoder.js';
import {hex, toHex} from './hex.js';

function payload(length: number, seed: number): Uint8Array {
	return Uint8Array.from({length}, (_, i) => (i * 31 + seed) & 0xff);
}

// Lengths cover empty frames, tiny ones, and lengths whose LE prefix uses 2 and 3 bytes.
const PAYLOADS = [payload(0, 1), payload(1, 2), payload(5, 3), payload(300, 4), payload(0, 5), payload(70_000, 6)];
const STREAM = Buffer.concat(PAYLOADS.map(frame));

function feed(chunks: Uint8Array[], decoder = new FrameDecoder()): string[] {
	const out: string[] = [];
	for (const c of chunks) for (const f of decoder.push(c)) out.push(toHex(f));
	expect(decoder.bufferedBytes).toBe(0);
	return out;
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
	return chunks;
}

const EXPECTED = PAYLOADS.map(toHex);

describe('FrameDecoder', () => {
	it('prefixes frames with a 4-byte little-endian length', () => {
		expect(toHex(frame(hex('aa bb')))).toBe('02000000aabb');
		expect(toHex(frame(new Uint8Array(0x010203)).subarray(0, 4))).toBe('03020100');
	});

	it('splits a stream pushed whole', () => {
		expect(feed([STREAM])).toEqual(EXPECTED);
	});

	it('splits a stream pushed in 1-byte chunks', () => {
		expect(feed(split(STREAM, 1))).toEqual(EXPECTED);
	});

	it('splits a stream pushed in 2-byte chunks', () => {
		expect(feed(split(STREAM, 2))).toEqual(EXPECTED);
	});

	it('splits correctly at every single split point', () => {
		// The small frames only, so every one of the split points is tried quickly.
		const small = Buffer.concat(PAYLOADS.slice(0, 5).map(frame));
		const want = PAYLOADS.slice(0, 5).map(toHex);
		for (let at = 0; at <= small.length; at++) {
			expect(feed([small.subarray(0, at), small.subarray(at)]), `split at ${at}`).toEqual(want);
		}
	});

	it('keeps partial state and reports buffered bytes between pushes', () => {
		const d = new FrameDecoder();
		const bytes = frame(hex('01 02 03'));
		expect(d.push(bytes.subarray(0, 2))).toEqual([]);
		expect(d.bufferedBytes).toBe(2);
		expect(d.push(bytes.subarray(2, 5))).toEqual([]);
		expect(d.bufferedBytes).toBe(1);
		expect(d.push(bytes.subarray(5)).map(toHex)).toEqual(['010203']);
		expect(d.bufferedBytes).toBe(0);
	});

	it('returns views of the chunk, not copies, for frames inside one chunk', () => {
		const chunk = Buffer.concat([frame(hex('aa')), frame(hex('bb cc'))]);
		const frames = new FrameDecoder().push(chunk);
		expect(frames.map((f) => f.buffer === chunk.buffer)).toEqual([true, true]);
		expect(frames.map((f) => f.byteOffset - chunk.byteOffset)).toEqual([4, 9]);
	});

	it('throws FrameTooLargeError for a declared length over the limit, without allocating', () => {
		const d = new FrameDecoder(100);
		expect(d.push(hex('64 00 00 00'))).toEqual([]); // exactly 100 is allowed
		const e = new FrameDecoder(100);
		expect(() => e.push(hex('65 00'))).not.toThrow(); // header still incomplete
		let caught: unknown;
		try {
			e.push(hex('00 00'));
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(FrameTooLargeError);
		expect((caught as FrameTooLargeError).declaredBytes).toBe(101);
		expect((caught as Error).message).toBe('tap frame of 101 bytes exceeds the limit of 100 bytes');
		// The stream cannot be resynchronised: the decoder stays failed.
		expect(() => e.push(hex('00'))).toThrow(FrameTooLargeError);
	});

	it('rejects a 4 GiB declaration with the default limit before any allocation', () => {
		const before = process.memoryUsage().arrayBuffers;
		let caught: unknown;
		try {
			new FrameDecoder().push(hex('ff ff ff ff 00'));
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(FrameTooLargeError);
		expect((caught as FrameTooLargeError).declaredBytes).toBe(4_294_967_295);
		expect((caught as FrameTooLargeError).maxBytes).toBe(16 * 1024 * 1024);
		// A just-over-the-limit declaration (16 MiB + 1) must not allocate 16 MiB either.
		expect(() => new FrameDecoder().push(hex('01 00 00 01'))).toThrow(FrameTooLargeError);
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
	});
});
