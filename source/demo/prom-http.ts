// The demo's Prometheus stand-in over HTTP, as the viz `prometheus` pod serves it on :9090:
// `/api/v1/query` (POST form or GET; `query`, optional `time`) answered with Prometheus' JSON
// envelope and error statuses, `/metrics` the SeriesSource's series in text format 0.0.4 (what
// a scrape of the mesh's proxies would read), `/-/healthy` and `/-/ready`. Plain HTTP on
// 127.0.0.1, as Prometheus is plain HTTP inside the cluster.
import http, {type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {exposition004ContentType, renderExposition} from './prom-exposition.js';
import {encodeQueryResult, goJsonString} from './prom-json.js';
import type {PromEvaluator, PromQueryResult, SeriesSource} from './prom-types.js';
import {createPromEvaluator} from './promql-eval.js';

export interface PromStandInOptions {
	source: SeriesSource;
	/** Virtual milliseconds since the mesh started (the demo's clock). */
	now(): number;
	/** Unix milliseconds of virtual time 0: answers carry unix timestamps, as Prometheus' do. */
	epochMs: number;
	/** Default: createPromEvaluator(source). */
	evaluator?: PromEvaluator;
}

export interface PromStandIn {
	port: number;
	/** `http://127.0.0.1:PORT`, usable as `--prometheus-url`. */
	url: string;
	close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers});
	res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: string): void {
	res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
	res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				resolve(undefined);
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Form values as Go's Request.FormValue sees them: the body's (form POST) before the URL's. */
async function formParams(req: IncomingMessage, url: URL): Promise<URLSearchParams | undefined> {
	const params = new URLSearchParams();
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	if (req.method === 'POST' && type === 'application/x-www-form-urlencoded') {
		const body = await readBody(req);
		if (body === undefined) return undefined;
		for (const [name, value] of new URLSearchParams(body)) params.append(name, value);
	} else if (req.method === 'POST') req.resume();
	for (const [name, value] of url.searchParams) params.append(name, value);
	return params;
}

/** A `time` parameter (unix seconds or RFC 3339) in unix ms, or undefined when invalid. */
export function parseTimeParam(text: string): number | undefined {
	if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const ms = /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

function queryError(res: ServerResponse, error: string): void {
	sendJson(res, 400, `{"status":"error","errorType":"bad_data","error":${goJsonString(error)}}`);
}

async function handleQuery(options: PromStandInOptions, evaluator: PromEvaluator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const params = await formParams(req, url);
	if (!params) return sendText(res, 413, 'http: request body too large\n');
	let unixMs = options.epochMs + Math.floor(options.now());
	const time = params.get('time');
	if (time !== null && time !== '') {
		const parsed = parseTimeParam(time);
		if (parsed === undefined) return queryError(res, `invalid parameter "time": cannot parse "${time}" to a valid timestamp`);
		unixMs = parsed;
	}
	let result: PromQueryResult;
	try {
		result = evaluator.query(params.get('query') ?? '', unixMs - options.epochMs);
	} catch (error) {
		result = {status: 'error', errorType: 'internal', error: error instanceof Error ? error.message : String(error)};
	}
	if (result.status === 'error' && result.errorType === 'bad_data') result = {...result, error: `invalid parameter "query": ${result.error}`};
	const {status, body} = encodeQueryResult(result, unixMs);
	sendJson(res, status, body);
}

/** Answers one request; exported so a test or another server can mount the stand-in. */
export function handlePromRequest(options: PromStandInOptions, evaluator: PromEvaluator, req: IncomingMessage, res: ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const methods = url.pathname === '/api/v1/query' ? ['GET', 'POST'] : ['GET'];
	const known = ['/api/v1/query', '/metrics', '/-/healthy', '/-/ready'].includes(url.pathname);
	if (!known) return sendText(res, 404, '404 page not found\n');
	if (req.method === 'OPTIONS') {
		res.writeHead(204, {Allow: [...methods, 'OPTIONS'].join(', ')});
		res.end();
		return;
	}
	if (!methods.includes(req.method ?? '') && !(req.method === 'HEAD' && url.pathname !== '/api/v1/query')) {
		return sendText(res, 405, 'Method Not Allowed\n', {Allow: [...methods, 'OPTIONS'].join(', ')});
	}
	if (url.pathname === '/-/healthy') return sendText(res, 200, 'Prometheus Server is Healthy.\n');
	if (url.pathname === '/-/ready') return sendText(res, 200, 'Prometheus Server is Ready.\n');
	if (url.pathname === '/metrics') {
		const text = renderExposition(options.source.samplesAt(options.now()));
		res.writeHead(200, {'Content-Type': exposition004ContentType, 'Content-Length': Buffer.byteLength(text)});
		res.end(req.method === 'HEAD' ? undefined : text);
		return;
	}
	handleQuery(options, evaluator, req, res, url).catch(() => res.destroy());
}

export async function startPromStandIn(options: PromStandInOptions, port = 0): Promise<PromStandIn> {
	const evaluator = options.evaluator ?? createPromEvaluator(options.source);
	const server = http.createServer((req, res) => {
		try {
			handlePromRequest(options, evaluator, req, res);
		} catch (error) {
			if (res.headersSent) res.destroy();
			else sendText(res, 500, `${error instanceof Error ? error.message : String(error)}\n`);
		}
	});
	const sockets = new Set<Socket>();
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const bound = (server.address() as AddressInfo).port;
	return {
		port: bound,
		url: `http://127.0.0.1:${bound}`,
		close: async () => {
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			await closed;
		},
	};
}
