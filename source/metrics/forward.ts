// A local TCP listener whose every accepted connection becomes one client-node WebSocket
// port-forward to a pod's port: metrics-api:8085 by default (grpc-js keeps one HTTP/2
// connection, so normally one), or another viz pod's (prometheus:9090 for prom/).
// client-node leaves the local socket open when the WebSocket ends; we close it ourselves so
// grpc-js sees the failure at once instead of waiting for a keepalive.
import net from 'node:net';
import {Writable} from 'node:stream';
import {PortForward, type KubeConfig} from '@kubernetes/client-node';
import {MetricsError, oneLine, portForwardForbidden} from './errors.js';
import type {MetricsTarget} from './discovery.js';
import {METRICS_API_PORT} from '../model/metrics.js';

export interface Forwarder {
	/** Local port to dial (127.0.0.1). */
	readonly port: number;
	/** Where new connections go; swapped after a rediscovery, existing ones are left alone. */
	target: MetricsTarget;
	/** What the last port-forward attempt reported, or null once one opened cleanly. */
	readonly lastError: MetricsError | null;
	/** Forget lastError before a fresh attempt, so an old failure is not blamed for a new one. */
	clearError(): void;
	/**
	 * Why the forward of one connection failed, by the client's local port: with several
	 * connections at once, lastError may already be cleared by another one that opened.
	 */
	failureOf(clientPort: number | undefined): MetricsError | undefined;
	close(): void;
}

interface WebSocketLike {
	readyState: number;
	on(event: 'close' | 'error', listener: () => void): unknown;
	close(): void;
}

/** Which port of the target pod, and how messages name the pod and the flag that avoids the forward. */
export interface ForwardPort {
	port: number;
	/** e.g. "metrics-api", "prometheus": "check the <what> pod". */
	what: string;
	/** e.g. "--metrics-addr". */
	bypassFlag: string;
}

const metricsApiPort: ForwardPort = {port: METRICS_API_PORT, what: 'metrics-api', bypassFlag: '--metrics-addr'};

export async function startForwarder(kc: KubeConfig, initial: MetricsTarget, remote: ForwardPort = metricsApiPort): Promise<Forwarder> {
	const portForward = new PortForward(kc);
	const sockets = new Set<net.Socket>();
	let lastError: MetricsError | null = null;
	const failures = new Map<number, MetricsError>();
	const fail = (socket: net.Socket, error: MetricsError) => {
		lastError = error;
		if (socket.remotePort === undefined) return;
		failures.delete(socket.remotePort);
		failures.set(socket.remotePort, error);
		// A few dozen recent failures are plenty to explain the connections that just broke.
		if (failures.size > 64) failures.delete(failures.keys().next().value!);
	};

	const forwarder = {
		port: 0,
		target: initial,
		get lastError() {
			return lastError;
		},
		clearError() {
			lastError = null;
		},
		failureOf(clientPort: number | undefined) {
			return clientPort === undefined ? undefined : failures.get(clientPort);
		},
		close() {
			server.close();
			for (const socket of sockets) socket.destroy();
		},
	};

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.setNoDelay(true);
		// A peer reset must not become an uncaught 'error'.
		socket.on('error', () => socket.destroy());
		const {namespace, pod} = forwarder.target;
		const errorText: string[] = [];
		const errorChannel = new Writable({
			write(chunk: Buffer, _encoding, done) {
				if (chunk.length > 0) errorText.push(chunk.toString('utf8'));
				done();
			},
		});
		portForward
			.portForward(namespace, pod, [remote.port], socket, errorChannel, socket)
			.then((opened) => {
				const ws = opened as unknown as WebSocketLike;
				lastError = null;
				const finish = () => {
					if (errorText.length > 0) {
						fail(socket, new MetricsError(
							'unavailable',
							`Port-forward to ${namespace}/${pod}:${remote.port} failed: ${oneLine(errorText.join(' '))}; check the ${remote.what} pod`,
						));
					}
					socket.destroy();
				};
				ws.on('close', finish);
				ws.on('error', finish);
				socket.on('close', () => {
					if (ws.readyState <= 1) ws.close();
				});
				if (socket.destroyed && ws.readyState <= 1) ws.close();
				// A pod that refuses the port answers on the error channel and closes at once,
				// possibly before this callback ran: report it rather than a bare hang-up.
				if (ws.readyState === 3) finish();
			})
			.catch((err: unknown) => {
				fail(socket, upgradeFailure(err, namespace, pod, remote));
				socket.destroy();
			});
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	forwarder.port = (server.address() as net.AddressInfo).port;
	return forwarder;
}

/** ws reports a refused upgrade as "Unexpected server response: 403". */
function upgradeFailure(err: unknown, namespace: string, pod: string, remote: ForwardPort): MetricsError {
	const message = err instanceof Error ? err.message : String((err as {message?: unknown})?.message ?? err);
	const httpStatus = Number(/Unexpected server response: (\d+)/.exec(message)?.[1] ?? 0);
	if (httpStatus === 403 || httpStatus === 401) return portForwardForbidden(namespace, pod, httpStatus, remote.bypassFlag);
	const reason = httpStatus === 404 ? `pod ${pod} not found (HTTP 404)` : oneLine(message);
	return new MetricsError('unavailable', `Port-forward to ${namespace}/${pod} failed: ${reason}; check the ${remote.what} pod`);
}
