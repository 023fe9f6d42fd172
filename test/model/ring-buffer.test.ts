import {describe, expect, it} from 'vitest';
import {RingBuffer} from '../../source/model/ring-buffer.js';

describe('RingBuffer', () => {
	it('keeps items oldest first until full', () => {
		const rb = new RingBuffer<number>(3);
		expect(rb.push(1)).toBeUndefined();
		expect(rb.push(2)).toBeUndefined();
		expect(rb.size).toBe(2);
		expect(rb.capacity).toBe(3);
		expect(rb.toArray()).toEqual([1, 2]);
		expect(rb.at(0)).toBe(1);
		expect(rb.at(1)).toBe(2);
		expect(rb.at(2)).toBeUndefined();
		expect(rb.at(-1)).toBeUndefined();
	});

	it('evicts the oldest on wraparound, many times over', () => {
		const rb = new RingBuffer<number>(3);
		const evicted: Array<number | undefined> = [];
		for (let i = 1; i <= 10; i++) evicted.push(rb.push(i));
		expect(evicted).toEqual([undefined, undefined, undefined, 1, 2, 3, 4, 5, 6, 7]);
		expect(rb.size).toBe(3);
		expect(rb.toArray()).toEqual([8, 9, 10]);
		expect([...rb]).toEqual([8, 9, 10]);
		expect([rb.at(0), rb.at(1), rb.at(2), rb.at(3)]).toEqual([8, 9, 10, undefined]);
	});

	it('clears and refills from the start', () => {
		const rb = new RingBuffer<string>(2);
		rb.push('a');
		rb.push('b');
		rb.push('c');
		rb.clear();
		expect(rb.size).toBe(0);
		expect(rb.toArray()).toEqual([]);
		expect(rb.push('d')).toBeUndefined();
		expect(rb.toArray()).toEqual(['d']);
	});

	it('works with capacity 1', () => {
		const rb = new RingBuffer<number>(1);
		expect(rb.push(1)).toBeUndefined();
		expect(rb.push(2)).toBe(1);
		expect(rb.toArray()).toEqual([2]);
	});

	it('rejects a non-positive capacity', () => {
		expect(() => new RingBuffer(0)).toThrow(RangeError);
		expect(() => new RingBuffer(1.5)).toThrow(RangeError);
	});
});
