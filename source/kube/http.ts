// Raw requests to the API server with the kubeconfig's TLS and credentials. client-node's
// generated API cannot POST a protobuf body and stream a framed response, so tap uses this.
import http, {type IncomingMessage} from 'node:http';
import https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import {connectionError, KubeError, noAnswerError} from './errors.js';
import {timeoutsFor} from './timeouts.js';

export interface Cluster {
	kubeConfig: KubeConfig;
	/** API server URL without a trailing slash; its path, if any, prefixes every request. */
	server: string;
}

export interface RawRequest {
	method: 'GET' | 'POST';
	path: string;
	body?: Uint8Array;
	headers?: Record<string, string>;
	signal?: AbortSignal;
	/** Called once the request is fully written: the server may stay silent after that. */
	onSent?: () => void;
}

/**
 * Resolves with the response as soon as its headers arrive. No response timeout (tap is
 * silent until traffic), but connecting and the TLS handshake get timeoutsFor().handshakeMs:
 * a server that accepts and never answers fails with "no answer from … (TLS handshake)".
 */
export async function kubeRequest(cluster: Cluster, request: RawRequest): Promise<IncomingMessage> {
	const url = new URL(cluster.server + request.path);
	const options: https.RequestOptions = {
		method: request.method,
		protocol: url.protocol,
		hostname: url.hostname.replace(/^\[|\]$/g, ''),
		port: url.port || undefined,
		path: url.pathname + url.search,
		headers: {...request.headers},
	};
	try {
		await cluster.kubeConfig.applyToHTTPSOptions(options);
	} catch (error) {
		// Exec plugins, unreadable cert files, http:// without insecure-skip-tls-verify.
		const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
		throw new KubeError(`cannot use the kubeconfig credentials for ${cluster.server}: ${reason}`, 0, false);
	}
	if (request.body) {
		(options.headers as Record<string, string | number>)['Content-Length'] = request.body.byteLength;
	}
	const transport = url.protocol === 'http:' ? http : https;
	return new Promise<IncomingMessage>((resolve, reject) => {
		if (request.signal?.aborted) {
			reject(request.signal.reason ?? new Error('aborted'));
			return;
		}
		const req = transport.request(options, resolve);
		const onAbort = () => req.destroy(request.signal?.reason ?? new Error('aborted'));
		request.signal?.addEventListener('abort', onAbort, {once: true});
		req.once('close', () => request.signal?.removeEventListener('abort', onAbort));
		req.on('error', error => {
			if (request.signal?.aborted) reject(request.signal.reason ?? error);
			else reject(connectionError(cluster.server, error));
		});
		const {handshakeMs, fromFlag} = timeoutsFor(cluster.kubeConfig);
		req.on('socket', socket => {
			// Tap streams are small frames that must not wait for Nagle.
			socket.setNoDelay?.(true);
			// A kept-alive socket has done its handshake; an aborted request has no deadline to keep.
			if (req.reusedSocket || handshakeMs <= 0) return;
			let stage = socket.connecting ? 'connecting' : 'TLS handshake';
			const timer = setTimeout(() => req.destroy(noAnswerError(cluster.server, handshakeMs, stage, fromFlag)), handshakeMs);
			const done = () => clearTimeout(timer);
			socket.once('connect', () => {
				stage = 'TLS handshake';
				if (url.protocol === 'http:') done();
			});
			socket.once('secureConnect', done);
			socket.once('close', done);
			req.once('close', done);
		});
		req.end(request.body ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : undefined, () =>
			request.onSent?.(),
		);
	});
}

/** Reads a whole (small) body, capped so a hostile server cannot make us buffer without bound. */
export async function readBody(response: IncomingMessage, limit = 64 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of response as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) {
			chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
			response.destroy();
			break;
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}
