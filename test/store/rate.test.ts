import {describe, expect, it} from 'vitest';
import {RateWindow} from '../../source/store/rate.js';

describe('RateWindow (header events/s)', () => {
	it('reads the true rate when ticks do not divide the window evenly', () => {
		// 20,000 events/s delivered in ticks every 105 ms: each bucket holds 2,100 events.
		const rate = new RateWindow(1000, 0);
		let reading = 0;
		for (let now = 105; now <= 10_500; now += 105) {
			rate.add(now, 2100);
			reading = rate.perSecond(now);
		}
		expect(reading).toBe(20_000);
	});

	it('uses the time since start before the window has filled', () => {
		const rate = new RateWindow(1000, 0);
		rate.add(100, 50);
		rate.add(200, 50);
		expect(rate.perSecond(200)).toBe(500);
	});

	it('drops to zero once the traffic stops', () => {
		const rate = new RateWindow(1000, 0);
		rate.add(100, 500);
		expect(rate.perSecond(5000)).toBe(0);
	});
});
