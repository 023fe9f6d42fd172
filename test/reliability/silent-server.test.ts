// A server that accepts connections and never answers (a dead VPN, a load balancer without
// backends): headless tap, stat and edges give up after --request-timeout with one line that
// names the timeout, and the TUI's tap says how long it has been trying and then retries.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoCaCert} from '../../source/demo/certs/demo-tls.js';
import {demoKubeconfig} from '../../source/demo/kubeconfig.js';
import {connectionError} from '../../source/kube/errors.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {startTapSession} from '../../source/tap/session.js';
import type {TapStatus} from '../../source/model/tap-spec.js';
import {statusText} from '../../source/ui/panes/header-text.js';
import {runCli} from './cli.js';

let silent: net.Server;
const sockets = new Set<net.Socket>();
let url: string;
let dir: string;
let kubeconfig: string;

/** Loopback only: accept, read nothing back, never close. */
beforeAll(async () => {
	silent = net.createServer(socket => {
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	url = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
	dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-silent-'));
	kubeconfig = path.join(dir, 'kubeconfig.yaml');
	writeFileSync(kubeconfig, demoKubeconfig({server: url, caPem: demoCaCert, token: 'never-used', namespace: 'emojivoto'}));
});

afterAll(async () => {
	for (const socket of sockets) socket.destroy();
	await new Promise<void>(resolve => silent.close(() => resolve()));
	rmSync(dir, {recursive: true, force: true});
});

describe('headless commands against a server that never answers', () => {
	const advice = 'check the VPN/API server address, or raise --request-timeout';
	const cases: Array<[string[], string]> = [
		[['tap', 'deploy/web'], 'TLS handshake'],
		[['stat'], 'listing namespaces'],
		[['edges'], 'listing namespaces'],
		[['stat', '--viz-namespace', 'linkerd-viz'], 'listing pods in linkerd-viz'],
	];
	for (const [args, stage] of cases) {
		// The message proves which limit fired; the generous test timeout only absorbs a loaded machine's start-up.
		it(`meshtop ${args.join(' ')} exits 1 after --request-timeout with one line`, {timeout: 60_000}, async () => {
			const cli = runCli([...args, '--kubeconfig', kubeconfig, '--request-timeout', '1s']);
			const code = await cli.exit;
			expect(cli.stderr()).toBe(`meshtop: no answer from ${url} within 1s (${stage}); ${advice}\n`);
			expect(code).toBe(1);
			expect(cli.stdout()).toBe('');
		});
	}

	it('says so when fetch (client-node) gives up connecting, without blaming --request-timeout', () => {
		const failed = new TypeError('fetch failed', {cause: Object.assign(new Error('Connect Timeout Error'), {code: 'UND_ERR_CONNECT_TIMEOUT'})});
		expect(connectionError(url, failed).message).toBe(`no answer from ${url} within 10s (TLS handshake); check the VPN/API server address`);
	});
});

describe('the TUI tap against a server that never answers', () => {
	it('shows how long it has been connecting, then retries with the reason', async () => {
		const loaded = loadKubeConfig({kubeconfig, requestTimeoutMs: 300});
		const statuses: TapStatus[] = [];
		const session = startTapSession(
			{kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			{target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: false},
			{onEvents: () => undefined, onStatus: s => void statuses.push(s)},
			{retryBeforeFirstStream: true},
		);
		await expect.poll(() => statuses.some(s => s.state === 'reconnecting'), {timeout: 5000}).toBe(true);
		session.stop();
		await session.done;
		const connecting = statuses[0]!;
		expect(connecting).toMatchObject({state: 'connecting', attempt: 1});
		const since = connecting.state === 'connecting' ? connecting.since! : 0;
		expect(statusText(connecting, since + 500).text).toBe('connecting…');
		expect(statusText(connecting, since + 12_400).text).toBe('connecting… 12s');
		const retry = statuses.find(s => s.state === 'reconnecting')!;
		expect(retry).toMatchObject({attempt: 2, reason: `no answer from ${url} within 0.3s (TLS handshake); check the VPN/API server address, or raise --request-timeout`});
		expect(statusText(retry, retry.state === 'reconnecting' ? retry.retryAt - 900 : 0).text).toMatch(/^reconnecting in 1s \(attempt 2\): no answer from /);
	});
});
