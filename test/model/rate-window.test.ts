import {describe, expect, it} from 'vitest';
import {RateWindow} from '../../source/model/rate-window.js';

describe('RateWindow', () => {
	it('is zero when empty', () => {
		expect(new RateWindow().rate(123_456)).toBe(0);
	});

	it('divides by the time since the first event, at least one second', () => {
		const w = new RateWindow(10_000);
		w.add(100_000, 5);
		expect(w.rate(100_000)).toBe(5);
		expect(w.rate(100_500)).toBe(5);
		w.add(102_000, 5);
		expect(w.rate(104_000)).toBe(10 / 4);
	});

	it('covers whole past seconds plus the current part at steady state', () => {
		const w = new RateWindow(10_000);
		// 20 events/s for 30 s.
		for (let t = 0; t < 30_000; t += 50) w.add(t);
		// At 30.0 s the window is seconds 21..29 (9 s) plus 0 ms of second 30.
		expect(w.rate(30_000)).toBe(20);
		w.add(30_000);
		w.add(30_250);
		// Seconds 21..29 (180) + 2 in 500 ms of second 30, over 9.5 s.
		expect(w.rate(30_500)).toBe(182 / 9.5);
	});

	it('forgets seconds that slid out of the window', () => {
		const w = new RateWindow(10_000);
		w.add(0, 100);
		w.add(5000, 10);
		// Seconds 1..10: the 100 at second 0 are out; 9.999 s covered.
		expect(w.rate(10_999)).toBe(10 / 9.999);
		expect(w.rate(15_999)).toBe(0);
	});

	it('ignores events older than the window without clobbering newer ones', () => {
		const w = new RateWindow(2000);
		w.add(10_000, 4);
		w.add(8_000, 100); // the slot of second 10, and older
		expect(w.rate(10_000)).toBe(4);
		w.add(9_500, 2); // inside the window
		// (4 + 2) over the 1 s since the first event kept.
		expect(w.rate(10_500)).toBe(6);
		expect(w.rate(11_000)).toBe(4);
	});

	it('clears', () => {
		const w = new RateWindow();
		w.add(1000, 3);
		w.clear();
		expect(w.rate(1000)).toBe(0);
	});
});
