import {describe, expect, it} from 'vitest';
import {endpointName, workloadOf} from '../../source/model/names.js';

describe('workloadOf', () => {
	it('prefers the highest-level owner', () => {
		expect(workloadOf({deployment: 'web', replicaset: 'web-5f7', pod: 'web-5f7-abc', namespace: 'shop'})).toEqual({
			namespace: 'shop',
			type: 'deployment',
			name: 'web',
		});
	});

	it('maps k8s_job to job and falls back to the pod', () => {
		expect(workloadOf({k8s_job: 'migrate', pod: 'migrate-x', namespace: 'ops'})).toEqual({namespace: 'ops', type: 'job', name: 'migrate'});
		expect(workloadOf({pod: 'lonely'})).toEqual({namespace: '', type: 'pod', name: 'lonely'});
	});

	it('returns null without an owner label', () => {
		expect(workloadOf(null)).toBeNull();
		expect(workloadOf({node: 'n1'})).toBeNull();
		expect(workloadOf({tls: 'true', namespace: 'x'})).toBeNull();
	});
});

describe('endpointName', () => {
	const addr = {ip: '10.1.2.3', port: 80};
	it.each([
		[{deployment: 'web', pod: 'web-1'}, 'deploy/web'],
		[{statefulset: 'db', pod: 'db-0'}, 'sts/db'],
		[{daemonset: 'agent'}, 'ds/agent'],
		[{k8s_job: 'migrate'}, 'job/migrate'],
		[{cronjob: 'nightly', k8s_job: 'nightly-123'}, 'cj/nightly'],
		[{replicaset: 'rs1'}, 'rs/rs1'],
		[{replicationcontroller: 'old'}, 'rc/old'],
		[{pod: 'bare'}, 'po/bare'],
		[{node: 'node-a'}, 'node/node-a'],
		[{tls: 'no_tls_from_remote'}, '10.1.2.3'],
	])('%j → %s', (labels, expected) => {
		expect(endpointName(labels, addr)).toBe(expected);
	});

	it('uses the ip, unbracketed for IPv6, then unknown', () => {
		expect(endpointName(null, {ip: 'fd00::1', port: 80})).toBe('fd00::1');
		expect(endpointName(null, {ip: '', port: 80})).toBe('unknown');
		expect(endpointName({}, null)).toBe('unknown');
	});
});
