import {describe, expect, it} from 'vitest';
import {
	durationToMicros,
	formatAddress,
	formatGoDuration,
	formatLatency,
	formatPercent,
	formatRate,
	grpcStatusName,
} from '../../source/model/format.js';

describe('formatGoDuration (linkerd top rounding)', () => {
	it('rounds like Go Duration.Round per range and prints Go duration strings', () => {
		const cases: Array<[number, string]> = [
			[0, '0s'],
			[1, '1µs'],
			[512, '512µs'],
			[999, '999µs'],
			[1000, '1ms'],
			[12_345, '12ms'],
			[12_500, '13ms'], // halfway rounds away from zero
			[999_499, '999ms'],
			[999_500, '1s'],
			[1_499_999, '1s'],
			[2_500_000, '3s'],
			[59_600_000, '1m0s'],
			[90_000_000, '1m30s'],
			[3_600_000_000, '1h0m0s'],
			[3_723_000_000, '1h2m3s'],
			[-512, '-512µs'],
		];
		for (const [us, want] of cases) expect(formatGoDuration(us), String(us)).toBe(want);
	});
});

describe('formatLatency (compact)', () => {
	it('picks a unit and precision that fit a narrow column', () => {
		const cases: Array<[number, string]> = [
			[0, '0µs'],
			[850, '850µs'],
			[999.4, '999µs'],
			[999.6, '1.0ms'],
			[4_200, '4.2ms'],
			[9_960, '10ms'],
			[12_000, '12ms'],
			[999_600, '1.0s'],
			[1_200_000, '1.2s'],
			[42_000_000, '42s'],
			[125_000_000, '2m05s'],
			[4_020_000_000, '1h07m'],
		];
		for (const [us, want] of cases) expect(formatLatency(us), String(us)).toBe(want);
		expect(formatLatency(Number.NaN)).toBe('-');
	});
});

describe('durationToMicros', () => {
	it('truncates toward zero like Go Microseconds()', () => {
		expect(durationToMicros(null)).toBe(0);
		expect(durationToMicros({seconds: 9, nanos: 999_000})).toBe(9_000_999);
		expect(durationToMicros({seconds: 100, nanos: 0})).toBe(100_000_000);
		expect(durationToMicros({seconds: 0, nanos: 1_999})).toBe(1);
		expect(durationToMicros({seconds: 1, nanos: -1})).toBe(999_999);
		expect(durationToMicros({seconds: -1, nanos: -1_500})).toBe(-1_000_001);
	});
});

describe('formatAddress, grpcStatusName, formatRate, formatPercent', () => {
	it('joins host and port like net.JoinHostPort', () => {
		expect(formatAddress({ip: '10.0.0.1', port: 8080})).toBe('10.0.0.1:8080');
		expect(formatAddress({ip: 'ff01::1', port: 0})).toBe('[ff01::1]:0');
		expect(formatAddress({ip: '', port: 0})).toBe(':0');
		expect(formatAddress(null)).toBe(':0');
	});

	it('names gRPC codes as Go does', () => {
		expect(grpcStatusName(0)).toBe('OK');
		expect(grpcStatusName(4)).toBe('DeadlineExceeded');
		expect(grpcStatusName(16)).toBe('Unauthenticated');
		expect(grpcStatusName(17)).toBe('Code(17)');
		expect(grpcStatusName(666)).toBe('Code(666)');
	});

	it('formats rates and percentages', () => {
		expect(formatRate(0)).toBe('0.0rps');
		expect(formatRate(12.34)).toBe('12.3rps');
		expect(formatRate(999.96)).toBe('1.0krps');
		expect(formatRate(2500)).toBe('2.5krps');
		expect(formatRate(Number.NaN)).toBe('-');
		expect(formatPercent(1)).toBe('100.00%');
		expect(formatPercent(0.995)).toBe('99.50%');
		expect(formatPercent(Number.NaN)).toBe('-');
	});
});
