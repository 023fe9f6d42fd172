// Instant queries against the Prometheus HTTP API as client_golang sends them
// (linkerd-route-metrics.md §2.1): POST `query=<PromQL>` form-encoded to <base>/api/v1/query,
// the same as GET when the POST answers 403, 405 or 501, no `time` (Prometheus's "now"), no
// credentials. Unlike the CLI, every query has a timeout.
import http from 'node:http';
import https from 'node:https';
import {parsePromResponse, PromQueryError, type PromVector} from '../model/route-metrics/prom-response.js';
import {formatMs, oneLine, PromError} from './errors.js';

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
/** A vector of a few thousand series is a few MB; anything near this is not an answer to us. */
const MAX_BODY_BYTES = 64 << 20;
const FALLBACK_STATUSES = new Set([403, 405, 501]);

export interface PromHttpOptions {
	/** e.g. http://127.0.0.1:9090 or https://prom.example/prometheus (its path is kept). */
	baseUrl: string;
	/** Per query; 0 = none. */
	timeoutMs?: number;
	/** "port-forward linkerd-viz/prometheus-…" or the URL: named in messages. */
	via?: string;
	/** What a failed connection really was (a port-forward's error channel), by its local port. */
	connectionProblem?: (localPort: number | undefined) => Error | undefined;
	/** Sockets to open at most at once (each is one port-forward when forwarded). */
	maxSockets?: number;
}

export interface PromHttp {
	query(promql: string, signal?: AbortSignal): Promise<PromVector>;
	close(): void;
}

/** Go's url.QueryEscape: unreserved bytes kept, space as +, the rest %XX of the UTF-8 bytes. */
export function formEncode(value: string): string {
	let out = '';
	for (const byte of new TextEncoder().encode(value)) {
		const ch = String.fromCharCode(byte);
		if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
		else if (ch === ' ') out += '+';
		else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** <base path>/api/v1/query, joined like Go's path.Join (no doubled or trailing slashes). */
export function queryUrl(baseUrl: string): URL {
	const url = new URL(baseUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/query`.replace(/\/{2,}/g, '/');
	url.search = '';
	url.hash = '';
	return url;
}

interface RawAnswer {
	status: number;
	body: string;
}

export function createPromHttp(options: PromHttpOptions): PromHttp {
	const url = queryUrl(options.baseUrl);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new PromError('usage', `the Prometheus URL must start with http:// or https://, got "${oneLine(options.baseUrl)}"`);
	}
	const secure = url.protocol === 'https:';
	const agentOptions = {keepAlive: true, maxSockets: options.maxSockets ?? 6};
	const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
	const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
	const via = options.via ?? url.origin;

	/** Send one request; a failure carries the local port of its socket, to ask connectionProblem about. */
	function send(method: 'POST' | 'GET', promql: string, signal: AbortSignal): Promise<RawAnswer> {
		const form = `query=${formEncode(promql)}`;
		const target = new URL(url);
		if (method === 'GET') target.search = form;
		const body = method === 'POST' ? Buffer.from(form) : undefined;
		const headers: Record<string, string> = {accept: 'application/json'};
		if (body) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			headers['content-length'] = String(body.length);
		}
		return new Promise((resolve, reject) => {
			const request = (secure ? https : http).request(target, {method, headers, agent, signal}, response => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > MAX_BODY_BYTES) {
						request.destroy(new PromError('query', `failed to query Prometheus: the answer is larger than ${MAX_BODY_BYTES >> 20} MiB (via ${via})`));
						return;
					}
					chunks.push(chunk);
				});
				response.on('end', () => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}));
				response.on('error', reject);
				response.on('aborted', () => reject(new Error('the response was cut off')));
			});
			let localPort: number | undefined;
			request.on('socket', socket => {
				localPort = socket.localPort;
				socket.once('connect', () => (localPort = socket.localPort));
			});
			request.on('error', error => reject(Object.assign(error, {localPort})));
			request.end(body);
		});
	}

	function connectionFailure(error: unknown): Error {
		if (error instanceof PromError) return error;
		const problem = options.connectionProblem?.((error as {localPort?: number}).localPort);
		if (problem) return problem;
		const code = (error as {code?: unknown}).code;
		const reason = typeof code === 'string' && code !== 'ECONNRESET' ? code : oneLine(error instanceof Error ? error.message : String(error));
		return new PromError('unreachable', `cannot reach Prometheus at ${via}: ${reason}; check that it runs and the URL`);
	}

	return {
		async query(promql, outer) {
			const controller = new AbortController();
			const timedOut = new PromError('timeout', `Prometheus did not answer within ${formatMs(timeoutMs)} (via ${via}); check Prometheus or raise --request-timeout`);
			const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(timedOut), timeoutMs) : undefined;
			const onOuter = () => controller.abort(outer?.reason);
			outer?.addEventListener('abort', onOuter, {once: true});
			try {
				let answer = await send('POST', promql, controller.signal);
				if (FALLBACK_STATUSES.has(answer.status)) answer = await send('GET', promql, controller.signal);
				try {
					return parsePromResponse(answer.status, answer.body);
				} catch (error) {
					if (error instanceof PromQueryError) throw new PromError('query', `failed to query Prometheus: ${oneLine(error.message)} (via ${via})`);
					throw error;
				}
			} catch (error) {
				if (controller.signal.aborted) throw controller.signal.reason instanceof Error ? controller.signal.reason : timedOut;
				throw connectionFailure(error);
			} finally {
				if (timer) clearTimeout(timer);
				outer?.removeEventListener('abort', onOuter);
			}
		},
		close() {
			agent.destroy();
		},
	};
}
