import {afterEach, describe, expect, it} from 'vitest';
import {encodeApiError, encodeTapEvent} from '../../source/tap/encode.js';
import type {TapEvent} from '../../source/model/event.js';
import {startTapSession, type SessionTiming} from '../../source/tap/session.js';
import type {TapSpec, TapStatus} from '../../source/tap/types.js';
import {frame, type Handler, type LocalServer, startLocalServer} from './local-server.js';

const spec: TapSpec = {
	target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
	maxRps: 0,
	extractHeaders: false,
};

function event(stream: number): TapEvent {
	return {
		source: {ip: '10.0.0.1', port: 40000},
		destination: {ip: '10.0.0.2', port: 8080},
		sourceMeta: {tls: 'loopback'},
		destinationMeta: {tls: 'true'},
		routeMeta: null,
		proxyDirection: 'OUTBOUND',
		http: {
			kind: 'requestInit',
			id: {base: 1, stream},
			method: 'GET',
			scheme: 'HTTP',
			authority: 'web',
			path: '/',
			headers: null,
		},
	};
}

const streamThenEnd =
	(...streams: number[]): Handler =>
	(_req, res) => {
		res.writeHead(200, {'content-type': 'application/octet-stream'});
		for (const id of streams) res.write(frame(encodeTapEvent(event(id))));
		res.end();
	};

/** Delays resolve at once but are recorded, so backoff is asserted without waiting. */
function instantTiming(): SessionTiming & {delays: number[]} {
	const delays: number[] = [];
	return {
		delays,
		now: () => 1_000_000,
		random: () => 0,
		delay: async ms => {
			delays.push(ms);
		},
	};
}

let server: LocalServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

function collect() {
	const statuses: TapStatus[] = [];
	const streams: number[] = [];
	return {
		statuses,
		streams,
		handlers: {
			onStatus: (s: TapStatus) => statuses.push(s),
			onEvents: (events: TapEvent[]) => {
				for (const e of events) streams.push(e.http!.id.stream);
			},
		},
	};
}

describe('tap session', () => {
	it('POSTs the request body with the kubeconfig token and reconnects after the stream ends', async () => {
		const timing = instantTiming();
		const forbidden: Handler = (_req, res) => {
			res.writeHead(403, {'content-type': 'application/json'});
			res.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'nope', reason: 'Forbidden', code: 403}));
		};
		server = await startLocalServer([streamThenEnd(0, 1), (_req, res) => res.destroy(), streamThenEnd(2), forbidden]);
		const c = collect();
		const session = startTapSession({kubeConfig: server.kubeConfig, server: server.url, context: 'local'}, spec, c.handlers, {
			timing,
		});
		const failure = await session.done;
		expect(c.streams).toEqual([0, 1, 2]);
		expect(server.requests.map(r => r.path)).toEqual(
			Array(4).fill('/apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/web/tap'),
		);
		expect(server.requests[0]!.authorization).toBe('Bearer secret-token');
		// After a live stream the backoff starts over; a failed attempt doubles it.
		expect(timing.delays).toEqual([500, 500, 500]);
		expect(failure).toMatch(/^not allowed to tap: nope; you need "watch" on deployments\.tap\.linkerd\.io/);
		expect(failure).toContain('kubectl auth can-i watch deployments.tap.linkerd.io -n emojivoto');
		expect(c.statuses.map(s => s.state)).toEqual([
			'connecting', 'waiting', 'live', 'reconnecting',
			'connecting', 'waiting', 'reconnecting',
			'connecting', 'waiting', 'live', 'reconnecting',
			'connecting', 'waiting', 'failed',
		]);
	});

	it('backs off exponentially up to the cap while the server keeps failing', async () => {
		const timing = instantTiming();
		const broken: Handler = (_req, res) => res.destroy();
		server = await startLocalServer([streamThenEnd(0), ...Array(8).fill(broken), streamThenEnd(1), (_r, res) => res.writeHead(200)]);
		const c = collect();
		const session = startTapSession({kubeConfig: server.kubeConfig, server: server.url, context: 'local'}, spec, c.handlers, {
			timing,
			backoff: {initialMs: 500, maxMs: 8000, factor: 2, jitter: 0},
		});
		await expect.poll(() => c.streams.length).toBe(2);
		session.stop();
		expect(await session.done).toBeUndefined();
		expect(timing.delays.slice(0, 10)).toEqual([500, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 500]);
		expect(c.statuses.at(-1)).toEqual({state: 'stopped'});
	});

	it('shows a linkerd-error ApiError verbatim and stops', async () => {
		const message = 'no pods to tap for type="deployment" name="web"';
		server = await startLocalServer([
			(_req, res) => {
				res.writeHead(200, {'linkerd-error': 'Not Found', 'content-type': 'application/octet-stream'});
				res.end(frame(encodeApiError(message)));
			},
		]);
		const c = collect();
		const session = startTapSession({kubeConfig: server.kubeConfig, server: server.url, context: 'local'}, spec, c.handlers, {
			timing: instantTiming(),
			retryBeforeFirstStream: true,
		});
		expect(await session.done).toBe(message);
		expect(c.statuses.at(-1)).toEqual({state: 'failed', message});
	});

	it('fails fast headless when the API server cannot be reached', async () => {
		server = await startLocalServer([]);
		const url = server.url;
		const kubeConfig = server.kubeConfig;
		await server.close();
		server = undefined;
		const c = collect();
		const session = startTapSession({kubeConfig, server: url, context: 'local'}, spec, c.handlers, {timing: instantTiming()});
		expect(await session.done).toBe(
			`cannot reach the Kubernetes API at ${url}: connection refused; check the kubeconfig context and your network/VPN`,
		);
	});

	it('says the tap API is not installed on 404', async () => {
		server = await startLocalServer([
			(_req, res) => {
				res.writeHead(404, {'content-type': 'application/json'});
				res.end('{"kind":"Status","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}');
			},
		]);
		const session = startTapSession({kubeConfig: server.kubeConfig, server: server.url, context: 'local'}, spec, collect().handlers, {
			timing: instantTiming(),
		});
		expect(await session.done).toMatch(/^the Linkerd viz tap API is not installed on https:\/\/127\.0\.0\.1:\d+ .*linkerd viz install/);
	});

	it('re-taps at once when asked, without backoff', async () => {
		const timing = instantTiming();
		server = await startLocalServer([
			(_req, res) => {

				res.writeHead(200);
				res.write(frame(encodeTapEvent(event(7))));
			},
			streamThenEnd(8),
			(_req, res) => res.writeHead(200),
		]);
		const c = collect();
		const session = startTapSession({kubeConfig: server.kubeConfig, server: server.url, context: 'local'}, spec, c.handlers, {
			timing,
		});
		await expect.poll(() => c.streams).toEqual([7]);
		session.retap('the pods of the target changed');
		await expect.poll(() => c.streams).toEqual([7, 8]);
		await expect.poll(() => server!.requests.length).toBe(3);
		session.stop();
		await session.done;
		// Only the stream that ended by itself waited; the re-tap went at once.
		expect(timing.delays).toEqual([500]);
	});

	it('skips frames that are not TapEvents and ends on an ApiError appended mid-stream', async () => {
		server = await startLocalServer([
			(_req, res) => {
				res.writeHead(200);
				res.write(frame(encodeTapEvent(event(1))));
				res.write(frame(Uint8Array.from([0xff, 0xff, 0xff])));
				res.write(frame(encodeApiError('pod tap failed: connection reset')));
			},
		]);
		const c = collect();
		const bad: string[] = [];
		const session = startTapSession(
			{kubeConfig: server.kubeConfig, server: server.url, context: 'local'},
			spec,
			{...c.handlers, onBadFrame: reason => bad.push(reason)},
			{timing: instantTiming()},
		);
		await expect.poll(() => c.statuses.some(s => s.state === 'reconnecting')).toBe(true);
		session.stop();
		await session.done;
		expect(c.streams).toEqual([1]);
		expect(bad).toHaveLength(1);
		const reconnect = c.statuses.find(s => s.state === 'reconnecting');
		expect(reconnect).toMatchObject({reason: 'tap server: pod tap failed: connection reset'});
	});
});
