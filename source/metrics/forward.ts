// A local TCP listener whose every accepted connection becomes one client-node WebSocket
// port-forward to the metrics-api pod (grpc-js keeps one HTTP/2 connection, so normally one).
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
	close(): void;
}

interface WebSocketLike {
	readyState: number;
	on(event: 'close' | 'error', listener: () => void): unknown;
	close(): void;
}

export async function startForwarder(kc: KubeConfig, initial: MetricsTarget): Promise<Forwarder> {
	const portForward = new PortForward(kc);
	const sockets = new Set<net.Socket>();
	let lastError: MetricsError | null = null;

	const forwarder = {
		port: 0,
		target: initial,
		get lastError() {
			return lastError;
		},
		clearError() {
			lastError = null;
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
			.portForward(namespace, pod, [METRICS_API_PORT], socket, errorChannel, socket)
			.then((opened) => {
				const ws = opened as unknown as WebSocketLike;
				lastError = null;
				const finish = () => {
					if (errorText.length > 0) {
						lastError = new MetricsError(
							'unavailable',
							`Port-forward to ${namespace}/${pod}:${METRICS_API_PORT} failed: ${oneLine(errorText.join(' '))}; check the metrics-api pod`,
						);
					}
					socket.destroy();
				};
				ws.on('close', finish);
				ws.on('error', finish);
				socket.on('close', () => {
					if (ws.readyState <= 1) ws.close();
				});
				if (socket.destroyed && ws.readyState <= 1) ws.close();
			})
			.catch((err: unknown) => {
				lastError = upgradeFailure(err, namespace, pod);
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
function upgradeFailure(err: unknown, namespace: string, pod: string): MetricsError {
	const message = err instanceof Error ? err.message : String((err as {message?: unknown})?.message ?? err);
	const httpStatus = Number(/Unexpected server response: (\d+)/.exec(message)?.[1] ?? 0);
	if (httpStatus === 403 || httpStatus === 401) return portForwardForbidden(namespace, pod, httpStatus);
	const reason = httpStatus === 404 ? `pod ${pod} not found (HTTP 404)` : oneLine(message);
	return new MetricsError('unavailable', `Port-forward to ${namespace}/${pod} failed: ${reason}; check the metrics-api pod`);
}
