// The demo apiserver through @kubernetes/client-node and the generated kubeconfig, over real TLS.
import {readFile} from 'node:fs/promises';
import * as k8s from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {readAll, request, waitFor} from './helpers.js';

let mesh: DemoMesh;
let kc: k8s.KubeConfig;

beforeAll(async () => {
	mesh = await startDemoMesh({seed: 3, rolloutEveryMs: 0, token: 'test-token'});
	kc = new k8s.KubeConfig();
	kc.loadFromFile(mesh.kubeconfigPath);
});
afterAll(async () => mesh.close());

describe('kubeconfig', () => {
	it('names the cluster, a token user and a context in emojivoto over https', async () => {
		expect(kc.getCurrentContext()).toBe('meshtop-demo');
		expect(kc.getContextObject('meshtop-demo')?.namespace).toBe('emojivoto');
		expect(kc.getCurrentCluster()?.server).toBe(`https://127.0.0.1:${mesh.port}`);
		expect(kc.getCurrentUser()?.token).toBe('test-token');
		const text = await readFile(mesh.kubeconfigPath, 'utf8');
		expect(text).toContain('certificate-authority-data: ');
		expect(text).not.toContain('insecure-skip-tls-verify');
	});
});

describe('lists', () => {
	it('lists namespaces with the viz label and inject annotations', async () => {
		const core = kc.makeApiClient(k8s.CoreV1Api);
		const list = await core.listNamespace();
		expect(list.items.map(n => n.metadata?.name)).toEqual(['booksapp', 'emojivoto', 'legacy', 'linkerd', 'linkerd-viz', 'payments']);
		const viz = await core.listNamespace({labelSelector: 'linkerd.io/extension=viz'});
		expect(viz.items.map(n => n.metadata?.name)).toEqual(['linkerd-viz']);
		const emojivoto = list.items.find(n => n.metadata?.name === 'emojivoto');
		expect(emojivoto?.metadata?.annotations?.['linkerd.io/inject']).toBe('enabled');
		expect(list.items.find(n => n.metadata?.name === 'legacy')?.metadata?.annotations).toBeUndefined();
		expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(1000);
	});

	it('lists pods with an equality selector, with owner, phase, IP and tap annotations', async () => {
		const core = kc.makeApiClient(k8s.CoreV1Api);
		const pods = await core.listNamespacedPod({namespace: 'emojivoto', labelSelector: 'app=web'});
		expect(pods.items).toHaveLength(2);
		for (const pod of pods.items) {
			expect(pod.metadata?.name).toMatch(/^web-[a-z0-9]{9,10}-[a-z0-9]{5}$/);
			expect(pod.metadata?.labels?.['linkerd.io/control-plane-ns']).toBe('linkerd');
			expect(pod.metadata?.labels?.['pod-template-hash']).toBe(pod.metadata?.ownerReferences?.[0]?.name.split('-')[1]);
			expect(pod.metadata?.annotations?.['viz.linkerd.io/tap-enabled']).toBe('true');
			expect(pod.metadata?.ownerReferences?.[0]?.kind).toBe('ReplicaSet');
			expect(pod.status?.phase).toBe('Running');
			expect(pod.status?.podIP).toMatch(/^10\.42\.\d+\.\d+$/);
			expect(pod.status?.conditions?.find(c => c.type === 'Ready')?.status).toBe('True');
			expect(pod.spec?.serviceAccountName).toBe('web');
		}
		const notBot = await core.listNamespacedPod({namespace: 'emojivoto', labelSelector: 'app!=web,app!=emoji'});
		expect(notBot.items.map(p => p.metadata?.labels?.['app']).sort()).toEqual(['vote-bot', 'voting', 'voting']);
	});

	it('marks the special pods: one disable-tap, one not tap-enabled, unmeshed legacy, IPv6 ledger', async () => {
		const core = kc.makeApiClient(k8s.CoreV1Api);
		const all = await core.listPodForAllNamespaces();
		const pods = all.items;
		expect(pods.filter(p => p.metadata?.annotations?.['viz.linkerd.io/disable-tap'] === 'true').map(p => p.metadata?.labels?.['app'])).toEqual(['prometheus']);
		const books = pods.filter(p => p.metadata?.labels?.['app'] === 'books');
		expect(books.map(p => p.metadata?.annotations?.['viz.linkerd.io/tap-enabled'] ?? 'missing').sort()).toEqual(['missing', 'true']);
		expect(pods.filter(p => p.metadata?.namespace === 'legacy').every(p => p.metadata?.labels?.['linkerd.io/control-plane-ns'] === undefined)).toBe(true);
		expect(pods.filter(p => p.metadata?.labels?.['app'] === 'ledger').map(p => p.metadata?.name)).toEqual(['ledger-0', 'ledger-1', 'ledger-2']);
		expect(pods.find(p => p.metadata?.name === 'ledger-0')?.status?.podIP).toContain(':');
		expect(pods.find(p => p.metadata?.labels?.['job-name'] === 'db-migrate')?.status?.phase).toBe('Succeeded');
	});

	it('lists every workload kind', async () => {
		const apps = kc.makeApiClient(k8s.AppsV1Api);
		const batch = kc.makeApiClient(k8s.BatchV1Api);
		const deployments = await apps.listNamespacedDeployment({namespace: 'booksapp'});
		expect(deployments.items.map(d => [d.metadata?.name, d.spec?.replicas, d.status?.readyReplicas, d.spec?.selector?.matchLabels?.['app']])).toEqual([
			['authors', 1, 1, 'authors'], ['books', 2, 2, 'books'], ['books-v2', 1, 1, 'books-v2'], ['traffic', 1, 1, 'traffic'], ['webapp', 3, 3, 'webapp'],
		]);
		expect((await apps.listNamespacedStatefulSet({namespace: 'payments'})).items.map(s => [s.metadata?.name, s.status?.readyReplicas])).toEqual([['ledger', 3]]);
		expect((await apps.listNamespacedDaemonSet({namespace: 'payments'})).items.map(s => [s.metadata?.name, s.status?.numberReady])).toEqual([['node-agent', 3]]);
		expect((await batch.listNamespacedCronJob({namespace: 'payments'})).items.map(c => [c.metadata?.name, c.status?.active?.[0]?.name])).toEqual([['settlement', 'settlement-29412000']]);
		expect((await batch.listNamespacedJob({namespace: 'payments'})).items.map(j => [j.metadata?.name, j.status?.succeeded ?? 0])).toEqual([['db-migrate', 1], ['settlement-29412000', 0]]);
		const replicaSets = await apps.listNamespacedReplicaSet({namespace: 'emojivoto', labelSelector: 'app=web'});
		expect(replicaSets.items[0]?.metadata?.ownerReferences?.[0]).toMatchObject({kind: 'Deployment', name: 'web'});
		expect((await apps.listDeploymentForAllNamespaces()).items.length).toBe(21);
	});

	it('answers 401 Status without the token, and logs every request', async () => {
		const raw = await request(mesh, 'GET', '/api/v1/namespaces?limit=5', undefined, null);
		expect(raw.res.statusCode).toBe(401);
		expect(JSON.parse((await readAll(raw.res)).toString())).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
		expect(mesh.requestLog.at(-1)).toEqual({method: 'GET', path: '/api/v1/namespaces', query: 'limit=5'});
	});

	it('answers 404 Status for a missing object', async () => {
		const raw = await request(mesh, 'GET', '/apis/apps/v1/namespaces/emojivoto/deployments/nope');
		expect(raw.res.statusCode).toBe(404);
		expect(JSON.parse((await readAll(raw.res)).toString())).toMatchObject({kind: 'Status', reason: 'NotFound', message: 'deployments.apps "nope" not found', code: 404});
	});
});

describe('watch', () => {
	it('streams a rollout: new ReplicaSet and pods ADDED, old pods DELETED', async () => {
		const core = kc.makeApiClient(k8s.CoreV1Api);
		const before = await core.listNamespacedPod({namespace: 'emojivoto', labelSelector: 'app=voting'});
		const oldNames = before.items.map(p => p.metadata!.name!).sort();
		const podEvents: Array<[string, string]> = [];
		const rsEvents: Array<[string, string, number]> = [];
		const watch = new k8s.Watch(kc);
		let ended: unknown = 'open';
		const pods = await watch.watch('/api/v1/namespaces/emojivoto/pods', {resourceVersion: before.metadata?.resourceVersion, labelSelector: 'app=voting'},
			(type, object: k8s.V1Pod) => podEvents.push([type, object.metadata!.name!]), error => (ended = error));
		const sets = await watch.watch('/apis/apps/v1/namespaces/emojivoto/replicasets', {resourceVersion: before.metadata?.resourceVersion},
			(type, object: k8s.V1ReplicaSet) => rsEvents.push([type, object.metadata!.name!, object.spec!.replicas!]), () => {});
		mesh.rollout('emojivoto', 'voting');
		await waitFor(() => podEvents.length >= 4 && rsEvents.length >= 2, 'rollout events');
		const after = await core.listNamespacedPod({namespace: 'emojivoto', labelSelector: 'app=voting'});
		const newNames = after.items.map(p => p.metadata!.name!).sort();
		expect(newNames.some(n => oldNames.includes(n))).toBe(false);
		expect(podEvents.filter(([t]) => t === 'ADDED').map(([, n]) => n).sort()).toEqual(newNames);
		expect(podEvents.filter(([t]) => t === 'DELETED').map(([, n]) => n).sort()).toEqual(oldNames);
		expect(rsEvents.map(([t, , r]) => [t, r])).toEqual([['ADDED', 2], ['MODIFIED', 0]]);
		expect(ended).toBe('open');
		pods.abort();
		sets.abort();
	});

	it('replays from an old resourceVersion and sends 410 Expired when it is too old', async () => {
		const lines: string[] = [];
		const raw = await request(mesh, 'GET', '/api/v1/namespaces?watch=true&resourceVersion=5');
		expect(raw.res.statusCode).toBe(200);
		lines.push(...(await readAll(raw.res)).toString().trim().split('\n'));
		expect(lines).toHaveLength(1);
		const event = JSON.parse(lines[0]!);
		expect(event.type).toBe('ERROR');
		expect(event.object).toMatchObject({kind: 'Status', code: 410, reason: 'Expired'});
	});

	it('ends the watch after timeoutSeconds', async () => {
		const raw = await request(mesh, 'GET', '/api/v1/namespaces/emojivoto/pods?watch=1&timeoutSeconds=1&labelSelector=app%3Dweb');
		const body = (await readAll(raw.res)).toString().trim().split('\n').map(l => JSON.parse(l));
		// No resourceVersion: the current pods first, as ADDED.
		expect(body.map(e => e.type)).toEqual(['ADDED', 'ADDED']);
		expect(body.every(e => e.object.kind === 'Pod')).toBe(true);
	});
});
