// meshtop is read-only: over a session against the demo API server (a headless tap with its
// pod watch, stat and edges through the metrics-api port-forward, and the TUI sources'
// inventory watches and tap), every request it makes is a GET (discovery, list, watch), the
// tap POST, or the port-forward upgrade (a GET with Upgrade).
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {type DemoMesh, startDemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {createMeshSources} from '../../source/sources/cluster.js';
import {watchTargetPods} from '../../source/kube/target-watch.js';
import {connectMetrics} from '../../source/metrics/client.js';
import {runTapHeadless} from '../../source/commands/tap.js';
import type {TapSpec} from '../../source/tap/types.js';

let mesh: DemoMesh | undefined;
afterEach(async () => {
	await mesh?.close();
	mesh = undefined;
});

async function poll(predicate: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 1500 && !predicate(); i++) await new Promise(resolve => setTimeout(resolve, 10));
	if (!predicate()) throw new Error(`never happened: ${what}`);
}

type Entry = DemoMesh['requestLog'][number];

function kind(r: Entry): string {
	if (r.method === 'POST' && /^\/apis\/tap\.linkerd\.io\/v1alpha1\/watch\/namespaces\/[^/]+(\/[^/]+\/[^/]+)?\/tap$/.test(r.path)) return 'tap';
	if (r.method !== 'GET') return `WRITE ${r.method} ${r.path}`;
	if (r.upgrade !== undefined) return /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/portforward$/.test(r.path) ? 'port-forward' : `UPGRADE ${r.path}`;
	if (/(^|&)watch=(true|1)(&|$)/.test(r.query)) return 'watch';
	return 'get';
}

const web: TapSpec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: true};

describe('read-only', () => {
	it('a session makes only GET (discovery, list, watch), the tap POST and the port-forward upgrade', async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0});
		const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath});

		// meshtop tap deploy/web -o json --max-requests 10, with its pod watch.
		const stdout = new PassThrough();
		stdout.resume();
		const stderr = new PassThrough();
		stderr.resume();
		const code = await runTapHeadless({
			context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			spec: web, clientFilter: {}, format: 'json', showSecrets: false, maxRequests: 10, stdout, stderr,
			signal: new AbortController().signal,
			watchPods: onChange => watchTargetPods(loaded.kubeConfig, web.target, onChange, () => undefined),
		});
		expect(code).toBe(0);

		// meshtop stat / edges: discovery of the metrics-api pod and a port-forward to it.
		const metrics = await connectMetrics({kubeConfig: loaded.kubeConfig});
		try {
			expect((await metrics.statSummary({namespace: 'emojivoto', type: 'deployment', timeWindow: '1m'})).length).toBeGreaterThan(0);
			await metrics.edges({namespace: 'emojivoto', type: 'deployment'});
		} finally {
			metrics.close();
		}

		// The TUI's sources: namespace and workload watches, and a tap.
		const sources = createMeshSources(loaded, {kubeconfig: mesh.kubeconfigPath});
		let namespaces = 0;
		let workloads = 0;
		let events = 0;
		sources.watchNamespaces(list => (namespaces = list.length), () => undefined);
		sources.watchWorkloads('emojivoto', list => (workloads = list.length), () => undefined);
		sources.tap(web, {onEvents: e => void (events += e.length), onStatus: () => undefined});
		try {
			await poll(() => namespaces > 0 && workloads > 0 && events > 0, 'inventory lists and tap events');
		} finally {
			sources.close();
		}

		const kinds = mesh.requestLog.map(kind);
		const unexpected = mesh.requestLog.filter((_, i) => !['get', 'watch', 'tap', 'port-forward'].includes(kinds[i]!));
		expect(unexpected).toEqual([]);
		// And the session did exercise each allowed kind.
		expect(new Set(kinds)).toEqual(new Set(['get', 'watch', 'tap', 'port-forward']));
		expect(kinds.filter(k => k === 'tap').length).toBe(2);
	});
});
