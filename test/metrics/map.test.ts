import {describe, expect, it} from 'vitest';
import {golden, isSecured, toMeshEdge, toRouteStats, toWorkloadStats, windowSeconds} from '../../source/metrics/map.js';
import type {BasicStatsMsg, StatRowMsg} from '../../source/metrics/proto.js';

function stats(success: number, failure: number, p50 = 0, p95 = 0, p99 = 0): BasicStatsMsg {
	return {
		success_count: String(success),
		failure_count: String(failure),
		latency_ms_p50: String(p50),
		latency_ms_p95: String(p95),
		latency_ms_p99: String(p99),
		actual_success_count: '0',
		actual_failure_count: '0',
	};
}

function row(partial: Partial<StatRowMsg>): StatRowMsg {
	return {
		resource: {namespace: 'books', type: 'deployment', name: 'authors'},
		time_window: '1m',
		meshed_pod_count: '1',
		running_pod_count: '1',
		failed_pod_count: '0',
		stats: null,
		tcp_stats: null,
		status: '',
		...partial,
	};
}

describe('windowSeconds', () => {
	it('parses Go durations', () => {
		expect(windowSeconds('1m')).toBe(60);
		expect(windowSeconds('15s')).toBe(15);
		expect(windowSeconds('1h')).toBe(3600);
		expect(windowSeconds('1m30s')).toBe(90);
		expect(windowSeconds('500ms')).toBe(0.5);
	});
	it('rejects what Go would not parse, and zero', () => {
		expect(windowSeconds('')).toBeNull();
		expect(windowSeconds('1')).toBeNull();
		expect(windowSeconds('1d')).toBeNull();
		expect(windowSeconds('0s')).toBeNull();
	});
});

describe('golden (spec §5)', () => {
	it('computes success, rps over the window and passes latencies through', () => {
		expect(golden(stats(90, 10, 5, 20, 40), '10s')).toEqual({
			hasData: true,
			successRate: 0.9,
			rps: 10,
			p50Ms: 5,
			p95Ms: 20,
			p99Ms: 40,
		});
	});
	it('has no data when every count is zero, even with latencies', () => {
		expect(golden(stats(0, 0, 7, 7, 7), '1m')).toEqual({
			hasData: false,
			successRate: null,
			rps: null,
			p50Ms: null,
			p95Ms: null,
			p99Ms: null,
		});
		expect(golden(null, '1m').hasData).toBe(false);
	});
	it('counts actual_* as data and reports 0% like the CLI', () => {
		const g = golden({...stats(0, 0), actual_success_count: '4'}, '1m');
		expect(g.hasData).toBe(true);
		expect(g.successRate).toBe(0);
		expect(g.rps).toBe(0);
	});
});

describe('toWorkloadStats', () => {
	it('maps counts and tcp connections', () => {
		const r = toWorkloadStats(
			row({
				stats: stats(59, 1, 3, 9, 12),
				tcp_stats: {open_connections: '4', read_bytes_total: '0', write_bytes_total: '0'},
				running_pod_count: '2',
				failed_pod_count: '1',
			}),
			'1m',
		);
		expect(r).toEqual({
			namespace: 'books',
			type: 'deployment',
			name: 'authors',
			meshedPods: 1,
			runningPods: 2,
			failedPods: 1,
			hasData: true,
			successRate: 59 / 60,
			rps: 1,
			p50Ms: 3,
			p95Ms: 9,
			p99Ms: 12,
			tcpConnections: 4,
			timeWindow: '1m',
		});
	});
	it('falls back to the requested window and hides tcp without data', () => {
		const r = toWorkloadStats(
			row({time_window: '', tcp_stats: {open_connections: '2', read_bytes_total: '0', write_bytes_total: '0'}}),
			'30s',
		);
		expect(r.timeWindow).toBe('30s');
		expect(r.hasData).toBe(false);
		expect(r.tcpConnections).toBeNull();
	});
});

describe('secured-edge rule (spec §4 caveat)', () => {
	const edge = (server_id: string, no_identity_msg: string) =>
		toMeshEdge({
			src: {namespace: 'a', type: 'deployment', name: 'x'},
			dst: {namespace: 'b', type: 'deployment', name: 'y'},
			client_id: 'x.a.serviceaccount.identity.linkerd.cluster.local',
			server_id,
			no_identity_msg,
		});
	it('is secured only with a server identity and no reason', () => {
		expect(edge('y.b.serviceaccount.identity.linkerd.cluster.local', '').secured).toBe(true);
		expect(edge('', '').secured).toBe(false);
		expect(edge('', 'Not Provided By Remote').secured).toBe(false);
		expect(edge('y.b.serviceaccount.identity.linkerd.cluster.local', 'Loopback').secured).toBe(false);
		expect(isSecured('id', '')).toBe(true);
	});
});

describe('toRouteStats', () => {
	it('treats a row without samples as no data', () => {
		expect(toRouteStats('deployment/web', {route: '[DEFAULT]', time_window: '', stats: stats(0, 0), authority: 'web'}, '1m')).toEqual({
			resource: 'deployment/web',
			route: '[DEFAULT]',
			authority: 'web',
			successRate: null,
			rps: null,
			p50Ms: null,
			p95Ms: null,
			p99Ms: null,
		});
	});
	it('uses the row window', () => {
		const r = toRouteStats('deployment/web', {route: 'GET /api/list', time_window: '20s', stats: stats(38, 2, 1, 2, 3), authority: 'web'}, '1m');
		expect(r.rps).toBe(2);
		expect(r.successRate).toBe(0.95);
	});
});
