import {describe, expect, it} from 'vitest';
import {ProtoReader} from '../../source/tap/proto-reader.js';

/** Protobuf varint bytes of a non-negative BigInt (two's complement 64-bit for negatives). */
function varint(v: bigint): number[] {
	let x = v < 0n ? v + (1n << 64n) : v;
	const out: number[] = [];
	do {
		let b = Number(x & 0x7fn);
		x >>= 7n;
		if (x > 0n) b |= 0x80;
		out.push(b);
	} while (x > 0n);
	return out;
}

const reader = (bytes: number[]) => new ProtoReader(Uint8Array.from(bytes));

describe('ProtoReader varints', () => {
	// One value per byte length, and the edges where the fast paths hand over.
	const values = [0n, 1n, 127n, 128n, 300n, 16_383n, 16_384n, 2_097_151n, 2_097_152n, 268_435_455n, 268_435_456n, 2_147_483_647n, 4_294_967_295n];

	it('reads uint32 of every length exactly and leaves pos after the varint', () => {
		for (const v of values) {
			const bytes = varint(v);
			const r = reader([...bytes, 0x2a]);
			expect(r.uint32()).toBe(Number(v));
			expect(r.pos).toBe(bytes.length);
		}
	});

	it('drops bits past 32 for uint32 and int32, as Go does for 32-bit fields', () => {
		expect(reader(varint((1n << 35n) + 5n)).uint32()).toBe(5);
		expect(reader(varint(0xff_ffff_ffffn)).uint32()).toBe(4_294_967_295);
		expect(reader(varint(-1n)).int32()).toBe(-1);
		expect(reader(varint(-2_147_483_648n)).int32()).toBe(-2_147_483_648);
		const r = reader(varint(-1n));
		r.uint32();
		expect(r.pos).toBe(10);
	});

	it('reads uint64 and int64 exactly below 2^53', () => {
		const big = [...values, 4_294_967_296n, 34_359_738_368n, (1n << 53n) - 1n];
		for (const v of big) {
			expect(reader(varint(v)).uint64()).toBe(Number(v));
			expect(reader(varint(v)).int64()).toBe(Number(v));
			if (v > 0n) expect(reader(varint(-v)).int64()).toBe(-Number(v));
		}
		expect(reader(varint(-1n)).uint64()).toBe(2 ** 64);
	});

	it('rejects varints cut short at any byte, and ones longer than 10 bytes', () => {
		for (const v of [128n, 300_000n, 4_294_967_295n, -1n]) {
			const bytes = varint(v);
			for (let cut = 0; cut < bytes.length; cut++) {
				expect(() => reader(bytes.slice(0, cut)).uint32()).toThrow(/truncated varint/);
				expect(() => reader(bytes.slice(0, cut)).uint64()).toThrow(/truncated varint/);
			}
		}
		const eleven = [...Array(10).fill(0xff), 0x01];
		expect(() => reader(eleven).uint32()).toThrow(/longer than 10 bytes/);
		expect(() => reader(eleven).uint64()).toThrow(/longer than 10 bytes/);
	});

	it('reads one-byte tags on the fast path and rejects field 0 and end-group', () => {
		const r = reader([0x0a, 0x80, 0x01]);
		expect(r.tag()).toBe(0x0a);
		expect(r.tag()).toBe(128);
		expect(() => reader([0x02]).tag()).toThrow(/field number 0/);
		expect(() => reader([0x0c]).tag()).toThrow(/unexpected end group/);
	});

	it('reads length prefixes of one and two bytes and checks them against the end', () => {
		const r = reader([0x03, 1, 2, 3]);
		expect(r.lengthEnd(4)).toBe(4);
		expect(r.pos).toBe(1);
		const two = reader([0x80, 0x01]);
		expect(two.lengthEnd(200)).toBe(130);
		expect(() => reader([0x05, 1]).lengthEnd(2)).toThrow(/runs past the end/);
	});
});
