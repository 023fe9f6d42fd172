import {describe, expect, it} from 'vitest';
import type {MeshEdge, WorkloadStats} from '../../source/model/metrics.js';
import {formatEdgesTable, shortIdentity} from '../../source/output/edges.js';
import {formatStatTable, meshedOnly} from '../../source/output/stat.js';

function stats(name: string, partial: Partial<WorkloadStats> = {}): WorkloadStats {
	return {
		namespace: 'emojivoto',
		type: 'deployment',
		name,
		meshedPods: 1,
		runningPods: 1,
		failedPods: 0,
		hasData: true,
		successRate: 0.9333333,
		rps: 1.0166,
		p50Ms: 1,
		p95Ms: 3,
		p99Ms: 5,
		tcpConnections: 2,
		timeWindow: '1m',
		...partial,
	};
}

const noData: Partial<WorkloadStats> = {hasData: false, successRate: null, rps: null, p50Ms: null, p95Ms: null, p99Ms: null, tcpConnections: null};

describe('formatStatTable', () => {
	it('prints the linkerd viz stat columns, sorted, with - for rows without data', () => {
		const out = formatStatTable([stats('web'), stats('emoji', {successRate: 1, rps: 1.95, p99Ms: 10, tcpConnections: 3}), stats('vote-bot', {...noData, meshedPods: 0, runningPods: 1})], 'table');
		expect(out).toBe(
			[
				'NAME       MESHED   SUCCESS      RPS   LATENCY_P50   LATENCY_P95   LATENCY_P99   TCP_CONN',
				'emoji         1/1   100.00%   1.9rps           1ms           3ms          10ms          3',
				'vote-bot      0/1         -        -             -             -             -          -',
				'web           1/1    93.33%   1.0rps           1ms           3ms           5ms          2',
				'',
			].join('\n'),
		);
	});

	it('adds NAMESPACE when rows span namespaces and sanitizes names', () => {
		const out = formatStatTable([stats('web'), stats('bad\u001b[2Jname', {namespace: 'booksapp'})], 'table');
		expect(out.split('\n')[0]).toBe('NAMESPACE   NAME             MESHED   SUCCESS      RPS   LATENCY_P50   LATENCY_P95   LATENCY_P99   TCP_CONN');
		expect(out.split('\n')[1]).toBe('booksapp    bad\\x1b[2Jname      1/1    93.33%   1.0rps           1ms           3ms           5ms          2');
	});

	it('meshedOnly drops rows without a meshed pod, as linkerd does without --unmeshed', () => {
		const rows = [stats('web'), stats('legacy', {...noData, meshedPods: 0, runningPods: 2}), stats('web-svc', {type: 'service', meshedPods: 0, runningPods: 0})];
		expect(meshedOnly(rows).map((r) => r.name)).toEqual(['web', 'web-svc']);
	});

	it('prints nothing for no rows (the caller says "No traffic found.")', () => {
		expect(formatStatTable([], 'table')).toBe('');
		expect(formatStatTable([], 'json')).toBe('[]\n');
	});

	it('json: linkerd keys, success as a fraction, nulls without data', () => {
		const parsed = JSON.parse(formatStatTable([stats('web', {successRate: 0.5, rps: 2}), stats('idle', noData)], 'json'));
		expect(parsed).toEqual([
			{namespace: 'emojivoto', kind: 'deployment', name: 'idle', meshed: '1/1', success: null, rps: null, latency_ms_p50: null, latency_ms_p95: null, latency_ms_p99: null, tcp_open_connections: null},
			{namespace: 'emojivoto', kind: 'deployment', name: 'web', meshed: '1/1', success: 0.5, rps: 2, latency_ms_p50: 1, latency_ms_p95: 3, latency_ms_p99: 5, tcp_open_connections: 2},
		]);
	});
});

const WEB = 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local';
const EMOJI = 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local';

function edge(src: string, dst: string, serverId: string, noIdentityMsg: string): MeshEdge {
	return {
		srcNamespace: 'emojivoto',
		srcType: 'deployment',
		src,
		dstNamespace: 'emojivoto',
		dstType: 'deployment',
		dst,
		clientId: src === 'web' ? WEB : '',
		serverId,
		noIdentityMsg,
		secured: serverId !== '' && noIdentityMsg === '',
	};
}

describe('formatEdgesTable', () => {
	const edges = [edge('web', 'emoji', EMOJI, ''), edge('vote-bot', 'web', '', 'Not Provided By Remote'), edge('web', 'voting', '', '')];

	it('prints SRC DST SRC_NS DST_NS SECURED with the stricter rule', () => {
		expect(formatEdgesTable(edges, 'table')).toBe(
			[
				'SRC        DST      SRC_NS      DST_NS      SECURED',
				'vote-bot   web      emojivoto   emojivoto   Not Provided By Remote',
				'web        emoji    emojivoto   emojivoto   √',
				'web        voting   emojivoto   emojivoto   No Server Identity',
				'',
			].join('\n'),
		);
	});

	it('wide adds identities cut to sa.ns', () => {
		expect(formatEdgesTable(edges, 'wide').split('\n')[2]).toBe('web        emoji    emojivoto   emojivoto   web.emojivoto   emoji.emojivoto   √');
		expect(shortIdentity(WEB)).toBe('web.emojivoto');
	});

	it('json: linkerd keys plus secured', () => {
		expect(JSON.parse(formatEdgesTable([edges[1]!], 'json'))).toEqual([
			{src: 'vote-bot', src_namespace: 'emojivoto', dst: 'web', dst_namespace: 'emojivoto', client_id: '', server_id: '', no_tls_reason: 'Not Provided By Remote', secured: false},
		]);
	});
});
