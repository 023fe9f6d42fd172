// -A and -n a,b,c end to end: the built CLI against the demo mesh, one namespace forbidden by
// RBAC (the apiserver's 403 Status), others without tappable pods (linkerd, legacy).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type DemoMesh, startDemoMesh} from '../../source/demo/server.js';
import {runCli} from '../reliability/cli.js';

interface JsonEvent {
	proxyDirection: string;
	source: {metadata: Record<string, string> | null};
	destination: {metadata: Record<string, string> | null};
}

/** The namespace of the pod whose proxy reported the event (OUTBOUND: the source; INBOUND: the destination). */
function reporterNamespace(event: JsonEvent): string | undefined {
	const labels = event.proxyDirection === 'INBOUND' ? event.destination.metadata : event.source.metadata;
	return labels?.['namespace'];
}

/** linkerd's -o json: pretty objects, one per event, back to back. */
function parseObjects(text: string): JsonEvent[] {
	return text
		.split(/\n(?=\{)/)
		.filter(chunk => chunk.trim() !== '')
		.map(chunk => JSON.parse(chunk) as JsonEvent);
}

describe('meshtop tap over many namespaces (demo)', () => {
	let mesh: DemoMesh;
	beforeAll(async () => {
		mesh = await startDemoMesh({forbidTapIn: ['payments'], rolloutEveryMs: 0});
	});
	afterAll(async () => {
		await mesh?.close();
	});

	it('-A: events merged from several namespaces, one line per failed namespace, the split said, exit 0', async () => {
		// Enough requests to outlast the 1 s the failures take to settle (max-rps bounds the pace).
		const run = runCli(['tap', '-A', '--kubeconfig', mesh.kubeconfigPath, '-o', 'json', '--max-requests', '150']);
		expect(await run.exit, run.stderr()).toBe(0);
		const events = parseObjects(run.stdout());
		const namespaces = new Set(events.map(reporterNamespace));
		expect([...namespaces].filter(Boolean).length, [...namespaces].join(',')).toBeGreaterThanOrEqual(2);
		expect(namespaces.has('payments')).toBe(false);
		const lines = run.stderr().trim().split('\n');
		expect(lines).toContainEqual(expect.stringMatching(/^meshtop: tapping all namespaces \(6\), 16\.66 rps each \(max-rps 100 split\)$/));
		expect(lines.filter(line => line.startsWith('meshtop: namespace payments:'))).toEqual([
			expect.stringContaining('is forbidden: User "meshtop-demo-user" cannot watch resource "namespaces/tap"'),
		]);
		// No meshed pods (legacy) or none tap-enabled (linkerd's): nothing to tap, one line, not a failure each.
		expect(lines.filter(line => /^meshtop: namespace (legacy|linkerd):/.test(line))).toEqual([]);
		expect(lines.filter(line => line.includes('no pods to tap'))).toEqual([
			'meshtop: 2 namespaces have no pods to tap (not meshed, or tap not enabled): legacy, linkerd (3 pods not tap-enabled)',
		]);
		// Their shares and payments' go to the three tapped: one restart once the failures settled.
		expect(lines).toContain('meshtop: tapping all namespaces (6), 33.33 rps each (max-rps 100 split across 3)');
		const tapPaths = mesh.requestLog.map(entry => entry.path).filter(path => path.endsWith('/namespaces/emojivoto/tap'));
		expect(tapPaths).toHaveLength(2);
		// Each event stays a linkerd object: no namespace field or pairing added to the wire format.
		const linkerdKeys = ['source', 'destination', 'routeMeta', 'proxyDirection', 'requestInitEvent', 'responseInitEvent', 'responseEndEvent'];
		for (const event of events) for (const key of Object.keys(event)) expect(linkerdKeys).toContain(key);
	}, 60_000);

	it('-n a,b: both namespaces merged into one stream', async () => {
		const run = runCli(['tap', '-n', 'emojivoto,booksapp', '--kubeconfig', mesh.kubeconfigPath, '-o', 'json', '--max-requests', '80']);
		expect(await run.exit, run.stderr()).toBe(0);
		const namespaces = new Set(parseObjects(run.stdout()).map(reporterNamespace));
		expect([...namespaces].sort()).toEqual(['booksapp', 'emojivoto']);
		expect(run.stderr()).toContain('meshtop: tapping 2 namespaces, 50 rps each (max-rps 100 split)');
	}, 60_000);

	it('exits 1 when every namespace fails, after one line for each', async () => {
		const run = runCli(['tap', '-n', 'payments,legacy', '--kubeconfig', mesh.kubeconfigPath]);
		expect(await run.exit).toBe(1);
		const lines = run.stderr().trim().split('\n');
		expect(lines.filter(line => /^meshtop: namespace payments:/.test(line))).toHaveLength(1);
		expect(lines).toContain('meshtop: 1 namespace has no pods to tap (not meshed, or tap not enabled): legacy');
		expect(lines.at(-1)).toBe('meshtop: every namespace failed (2)');
	}, 60_000);

	it('exits 1 when no namespace has pods to tap, and says so', async () => {
		const run = runCli(['tap', '-n', 'legacy,linkerd', '--kubeconfig', mesh.kubeconfigPath]);
		expect(await run.exit).toBe(1);
		const lines = run.stderr().trim().split('\n');
		expect(lines).toContain('meshtop: 2 namespaces have no pods to tap (not meshed, or tap not enabled): legacy, linkerd (3 pods not tap-enabled)');
		expect(lines.at(-1)).toBe('meshtop: none of the 2 namespaces has pods to tap (meshed and tap-enabled)');
	}, 60_000);

	it('deploy/web -n a,b taps that workload in each namespace', async () => {
		const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto,booksapp', '--kubeconfig', mesh.kubeconfigPath, '--max-requests', '5']);
		expect(await run.exit, run.stderr()).toBe(0);
		expect(run.stderr()).toContain('meshtop: namespace booksapp: deployment "web" not found in namespace "booksapp"');
		expect(mesh.requestLog.map(entry => entry.path)).toEqual(
			expect.arrayContaining(['/apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/web/tap', '/apis/tap.linkerd.io/v1alpha1/watch/namespaces/booksapp/deployments/web/tap']),
		);
	}, 60_000);
});
