// Faults: the API server killed mid-stream and back ~5 s later (virtual time), a token that
// expires (401 → kubeconfig reloaded from disk → one retry), and a rollout that silences the
// tap (noticed through the pod watch, re-tapped), against real HTTPS servers.
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {demoCaCert} from '../../source/demo/certs/demo-tls.js';
import {type DemoMesh, startDemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {createMeshSources} from '../../source/sources/cluster.js';
import {watchTargetPods} from '../../source/kube/target-watch.js';
import {watchList} from '../../source/kube/watch-list.js';
import {CoreV1Api} from '@kubernetes/client-node';
import {MeshModel} from '../../source/model/mesh-model.js';
import {runTapHeadless} from '../../source/commands/tap.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import type {TapEvent} from '../../source/model/event.js';
import {type SessionTiming, startTapSession} from '../../source/tap/session.js';
import type {TapSpec, TapStatus} from '../../source/tap/types.js';
import {frame, type Handler, type LocalServer, startLocalServer} from '../client/local-server.js';

const web: TapSpec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: false};

async function poll(predicate: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 1500 && !predicate(); i++) await new Promise(resolve => setTimeout(resolve, 10));
	if (!predicate()) throw new Error(`never happened: ${what}`);
}

let mesh: DemoMesh | undefined;
let server: LocalServer | undefined;
afterEach(async () => {
	await mesh?.close();
	await server?.close();
	mesh = undefined;
	server = undefined;
});

describe('API server killed mid-stream', () => {
	it('reconnects with capped backoff and a countdown, and the model keeps its buffer and aggregates', async () => {
		mesh = await startDemoMesh({eventsPerSecond: 400, rolloutEveryMs: 0});
		const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
		// Virtual time: each backoff wait advances the clock at once; the server comes back
		// during the first wait that takes the clock 5 s past the kill.
		let now = 1_000_000;
		let killedAt = -1;
		const delays: number[] = [];
		const timing: SessionTiming = {
			now: () => now,
			random: () => 0,
			delay: async ms => {
				delays.push(ms);
				now += ms;
				if (killedAt >= 0 && now - killedAt >= 5000) await mesh!.resume();
			},
		};
		const model = new MeshModel({bufferSize: 10_000, ttlMs: 60_000, maxRoutes: 500, rpsWindowMs: 10_000});
		const statuses: Array<TapStatus & {at: number}> = [];
		let events = 0;
		const session = startTapSession(
			{kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			web,
			{
				onEvents: batch => {
					events += batch.length;
					model.ingest(batch, now);
				},
				onStatus: s => void statuses.push({...s, at: now}),
			},
			{timing, backoff: {initialMs: 500, maxMs: 2000, factor: 2, jitter: 0}},
		);
		await poll(() => events >= 60, 'events before the kill');
		const before = model.snapshot(now, 'count');
		killedAt = now;
		const liveBefore = statuses.length;
		await mesh.suspend();
		await poll(() => statuses.slice(liveBefore).some(s => s.state === 'live') && events > before.counts.events + 30, 'events after the restart');
		session.stop();
		expect(await session.done).toBeUndefined();

		expect(delays).toEqual([500, 500, 1000, 2000, 2000]);
		const waits = statuses.filter(s => s.state === 'reconnecting');
		// The countdown: each reconnecting status says when the next attempt is due.
		expect(waits.map(s => s.state === 'reconnecting' && s.retryAt - s.at)).toEqual(delays);
		expect(waits.map(s => s.state === 'reconnecting' && s.attempt)).toEqual([1, 2, 3, 4, 5]);
		const reasons = waits.map(s => (s.state === 'reconnecting' ? s.reason : ''));
		expect(reasons[0]).toMatch(/^(the tap stream ended|the tap stream from https:\/\/127\.0\.0\.1:\d+ broke: .+)$/);
		for (const reason of reasons.slice(1)) {
			expect(reason).toBe(`cannot reach the Kubernetes API at ${loaded.server}: connection refused; check the kubeconfig context and your network/VPN`);
		}
		expect(statuses.at(-1)).toMatchObject({state: 'stopped'});

		const after = model.snapshot(now, 'count');
		const key = (r: {seq: number; streamBase: number; streamId: number; path: string}) => `${r.seq} ${r.streamBase}:${r.streamId} ${r.path}`;
		expect(after.records.slice(0, before.records.length).map(key)).toEqual(before.records.map(key));
		expect(after.counts.requests).toBeGreaterThan(before.counts.requests);
		for (const route of before.routes) {
			const later = after.routes.find(r => r.source === route.source && r.destination === route.destination && r.path === route.path);
			expect(later?.count, `${route.source} → ${route.destination} ${route.path}`).toBeGreaterThanOrEqual(route.count);
		}
		expect(after.mtls.overall.total).toBeGreaterThan(before.mtls.overall.total);
	});
});

function event(stream: number): TapEvent {
	return {
		source: {ip: '10.0.0.1', port: 40000}, destination: {ip: '10.0.0.2', port: 8080},
		sourceMeta: null, destinationMeta: null, routeMeta: null, proxyDirection: 'OUTBOUND',
		http: {kind: 'requestInit', id: {base: 1, stream}, method: 'GET', scheme: 'HTTP', authority: 'web', path: `/${stream}`, headers: null},
	};
}

const unauthorized: Handler = (_req, res) => {
	res.writeHead(401, {'content-type': 'application/json'});
	res.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401}));
};

/** Accepts only `Bearer <token()>`; then streams one event, runs `then`, and ends. */
const streamIf = (token: () => string, stream: number, then = () => {}): Handler => (req, res) => {
	if (req.headers.authorization !== `Bearer ${token()}`) return unauthorized(req, res, Buffer.alloc(0));
	res.writeHead(200);
	res.write(frame(encodeTapEvent(event(stream))));
	then();
	res.end();
};

function kubeconfigFile(dir: string, url: string, user: string): string {
	const file = path.join(dir, 'kubeconfig.yaml');
	const ca = Buffer.from(demoCaCert).toString('base64');
	writeFileSync(file, [
		'apiVersion: v1', 'kind: Config',
		'clusters:', '- name: c', '  cluster:', `    server: ${url}`, `    certificate-authority-data: ${ca}`,
		'users:', '- name: u', '  user:', ...user.split('\n').map(line => `    ${line}`),
		'contexts:', '- name: ctx', '  context:', '    cluster: c', '    user: u',
		'current-context: ctx', '',
	].join('\n'));
	return file;
}

const instant: SessionTiming = {now: () => 0, random: () => 0, delay: async () => undefined};

describe('a token that expires', () => {
	it('headless tap with an exec plugin: 401 → plugin run again → one retry with the new token; a second 401 is fatal', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-reload-'));
		const tokenFile = path.join(dir, 'token');
		writeFileSync(tokenFile, 'tok-1');
		const plugin = path.join(dir, 'plugin.cjs');
		writeFileSync(plugin, `const t = require('fs').readFileSync(${JSON.stringify(tokenFile)}, 'utf8').trim();
process.stdout.write(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: {token: t, expirationTimestamp: new Date(Date.now() + 3600e3).toISOString()}}));\n`);
		let current = 'tok-1';
		const rotate = () => {
			current = 'tok-2';
			writeFileSync(tokenFile, 'tok-2');
		};
		server = await startLocalServer([
			streamIf(() => current, 1, rotate),
			// client-node caches the plugin's credential until its expirationTimestamp (an hour
			// away), so this is tok-1 again: 401, reload, plugin runs, tok-2.
			streamIf(() => current, 2),
			streamIf(() => current, 3),
			(req, res) => {
				current = 'tok-3'; // expires again, but the file says tok-2: reload cannot help
				unauthorized(req, res, Buffer.alloc(0));
			},
			streamIf(() => current, 4),
		]);
		const file = kubeconfigFile(dir, server.url, [
			'exec:', '  apiVersion: client.authentication.k8s.io/v1beta1', `  command: ${JSON.stringify(process.execPath)}`,
			`  args: [${JSON.stringify(plugin)}]`, '  interactiveMode: Never',
		].join('\n'));
		const loaded = loadKubeConfig({kubeconfig: file});
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let out = '';
		let err = '';
		stdout.on('data', c => (out += c));
		stderr.on('data', c => (err += c));
		const code = await runTapHeadless({
			context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			spec: web, clientFilter: {}, format: 'text', showSecrets: false, stdout, stderr,
			signal: new AbortController().signal, session: {timing: instant},
		});
		expect(server.requests.map(r => r.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2', 'Bearer tok-2', 'Bearer tok-2']);
		expect(out.trimEnd().split('\n').map(line => line.split(' :path=')[1])).toEqual(['/1', '/3']);
		expect(code).toBe(1);
		expect(err.trimEnd().split('\n').at(-1)).toBe(
			`meshtop: the API server at ${server.url} rejected the credentials of context "ctx" (401 Unauthorized); log in again or refresh the token`,
		);
	});

	it('TUI sources with a token file: the 401 reloads the kubeconfig, later taps use the new token', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-reload-'));
		const tokenFile = path.join(dir, 'token');
		writeFileSync(tokenFile, 'tok-a');
		let current = 'tok-a';
		const taps: Handler[] = [
			streamIf(() => current, 1, () => {
				current = 'tok-b';
				writeFileSync(tokenFile, 'tok-b');
			}),
			streamIf(() => current, 2), // 401: the token file was read at load time
			streamIf(() => current, 3),
		];
		// The pod watch shares the server: route by path, tap requests take the next script step.
		const router: Handler = (req, res, body) => {
			if (!req.url!.endsWith('/tap')) {
				res.writeHead(404, {'content-type': 'application/json'});
				res.end('{"kind":"Status","code":404}');
				return;
			}
			const next = taps.shift();
			if (next) next(req, res, body);
			else res.destroy();
		};
		server = await startLocalServer(Array(200).fill(router));
		const file = kubeconfigFile(dir, server.url, `token-file: ${tokenFile}`);
		const loaded = loadKubeConfig({kubeconfig: file});
		const sources = createMeshSources(loaded, {kubeconfig: file});
		const paths: string[] = [];
		const statuses: string[] = [];
		const stop = sources.tap(web, {
			onEvents: events => void paths.push(...events.map(e => (e.http?.kind === 'requestInit' ? e.http.path : ''))),
			onStatus: s => void statuses.push(s.state),
		});
		try {
			await poll(() => paths.length >= 2, 'two streams');
		} finally {
			stop();
			sources.close();
		}
		expect(paths.slice(0, 2)).toEqual(['/1', '/3']);
		const tapAuth = server.requests.filter(r => r.path.endsWith('/tap')).map(r => r.authorization);
		expect(tapAuth.slice(0, 3)).toEqual(['Bearer tok-a', 'Bearer tok-a', 'Bearer tok-b']);
		expect(statuses.slice(0, 7)).toEqual(['connecting', 'waiting', 'live', 'reconnecting', 'connecting', 'waiting', 'connecting']);
	});
});

describe('a rollout silences the tap', () => {
	it('headless tap deploy/web: the pod watch notices, a second tap POST goes out, and events resume from the new pods', async () => {
		mesh = await startDemoMesh({eventsPerSecond: 400, rolloutEveryMs: 0});
		const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let out = '';
		stdout.on('data', c => (out += c));
		stderr.resume();
		const stop = new AbortController();
		const webPods = (text: string) => new Set([...text.matchAll(/ (?:src|dst)_pod=(web-\S+)/g)].map(m => m[1]!));
		const taps = () => mesh!.requestLog.filter(r => r.method === 'POST' && r.path.endsWith('/deployments/web/tap')).length;
		const done = runTapHeadless({
			context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			spec: web, clientFilter: {}, format: 'wide', showSecrets: false, stdout, stderr, signal: stop.signal,
			// As cli.tsx wires it, with a short settle so the test does not wait 2 s.
			watchPods: onChange => watchTargetPods(loaded.kubeConfig, web.target, onChange, () => undefined, 50),
		});
		await poll(() => webPods(out).size > 0 && mesh!.requestLog.some(r => r.query.includes('watch=true') && r.path.endsWith('/pods')), 'events and the pod watch');
		const oldPods = webPods(out);
		expect(taps()).toBe(1);
		mesh.rollout('emojivoto', 'web');
		await poll(() => taps() === 2, 'a second tap POST');
		const mark = out.length;
		await poll(() => webPods(out.slice(mark)).size > 0, 'events after the re-tap');
		stop.abort();
		expect(await done).toBe(0);
		const newPods = webPods(out.slice(mark));
		for (const pod of newPods) expect(oldPods.has(pod), pod).toBe(false);
		expect(taps()).toBe(2);
	});
});

describe('the pod watch at start', () => {
	it('reports the whole list first, never an empty or half-listed one (which read as a rollout and re-tapped)', async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0});
		const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
		const pods = mesh.context.pods('emojivoto').length;
		const sizes: number[] = [];
		const core = loaded.kubeConfig.makeApiClient(CoreV1Api);
		const watched = watchList(loaded.kubeConfig, '/api/v1/namespaces/emojivoto/pods', () => core.listNamespacedPod({namespace: 'emojivoto'}),
			'pods', items => void sizes.push(items.length), () => undefined);
		try {
			await poll(() => sizes.length > 0 && mesh!.requestLog.some(r => r.query.includes('watch=true')), 'the first report and the watch');
		} finally {
			watched.stop();
		}
		expect(pods).toBeGreaterThan(1);
		expect(sizes[0]).toBe(pods);
		expect(sizes.every(n => n === pods)).toBe(true);
	});
});
