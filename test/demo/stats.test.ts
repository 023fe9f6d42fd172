// What the metrics stand-in reads: pure, deterministic stats consistent with the traffic model.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {meshEdges, routeStats, workloadStats} from '../../source/demo/stats.js';
import {startDemoAndTell} from '../../source/commands/demo.js';
import {buildTopology} from '../../source/demo/topology.js';

const topology = buildTopology({seed: 1, eventsPerSecond: 142});

describe('demo stats', () => {
	it('reports inbound golden metrics per workload, deterministically', () => {
		const rows = workloadStats(topology, 'booksapp', 60);
		expect(rows.map(r => r.name)).toEqual(['webapp', 'authors', 'books', 'traffic', 'books-v2']);
		const authors = rows.find(r => r.name === 'authors')!;
		// 10 rps from webapp + 6 rps HEAD from books (half of which fail), at 142/142 scale.
		expect(authors.successCount + authors.failureCount).toBe(960);
		expect(authors.failureCount).toBeGreaterThan(180);
		expect(authors.rps).toBe(16);
		expect(authors.latencyMsP50).toBeLessThanOrEqual(authors.latencyMsP95);
		expect(authors.latencyMsP95).toBeLessThanOrEqual(authors.latencyMsP99);
		expect(rows.find(r => r.name === 'traffic')).toMatchObject({successCount: 0, failureCount: 0, rps: 0, meshedPodCount: 1, runningPodCount: 1});
		expect(workloadStats(topology, 'booksapp', 60)).toEqual(rows);
		expect(workloadStats(topology, 'legacy', 60).map(r => r.meshedPodCount)).toEqual([0, 0]);
	});

	it('lists mTLS edges with identities and the unsecured ones with their reason', () => {
		const edges = meshEdges(topology, 'payments');
		const find = (src: string, dst: string) => edges.find(e => e.src.name === src && e.dst.name === dst);
		expect(find('payments-api', 'ledger')).toEqual({
			src: {namespace: 'payments', type: 'deployment', name: 'payments-api'},
			dst: {namespace: 'payments', type: 'statefulset', name: 'ledger'},
			clientId: 'payments-api.payments.serviceaccount.identity.linkerd.cluster.local',
			serverId: 'ledger.payments.serviceaccount.identity.linkerd.cluster.local',
			noTlsReason: '',
		});
		expect(find('gateway', 'payments-api')?.noTlsReason).toBe('ingress_without_override');
		expect(find('payments-api', 'billing')?.noTlsReason).toBe('not_provided_by_service_discovery');
		// The unmeshed legacy client has no proxy to report its connections.
		expect(find('billing', 'payments-api')).toBeUndefined();
	});

	it('reports ServiceProfile routes plus [DEFAULT]', () => {
		// voting-svc is the one Service still on a ServiceProfile (policy-catalog.ts).
		const routes = routeStats(topology, 'emojivoto', 'voting', 60);
		expect(routes.map(r => r.route)).toEqual(['Results', 'VoteDoughnut', 'VoteJoy', 'VotePoop', '[DEFAULT]']);
		expect(routes.at(-1)).toMatchObject({successCount: 0, failureCount: 0});
		expect(routeStats(topology, 'booksapp', 'authors', 60).map(r => r.route)).toEqual(['[DEFAULT]']);
	});
});

describe('meshtop demo (startDemoAndTell)', () => {
	it('prints the kubeconfig path and example commands', async () => {
		const out = new PassThrough();
		let text = '';
		out.on('data', chunk => (text += String(chunk)));
		const mesh = await startDemoAndTell({stdout: out, rolloutEveryMs: 0});
		try {
			expect(text).toContain(`kubeconfig: ${mesh.kubeconfigPath}`);
			expect(text).toContain(`meshtop tap deploy/web -n emojivoto --kubeconfig ${mesh.kubeconfigPath} -o json`);
			expect(text).toContain(`kubectl --kubeconfig ${mesh.kubeconfigPath} get pods -A`);
		} finally {
			await mesh.close();
		}
	});
});
