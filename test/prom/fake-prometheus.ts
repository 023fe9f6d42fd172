// A small node:http stand-in for the Prometheus HTTP API that serves hand-made bytes, for the
// client and command tests. It records every request (method, path, query, body).
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	/** The form value `query`, from the body (POST) or the URL (GET). */
	query: string;
	rawBody: string;
	contentType: string | undefined;
	search: string;
}

export interface Answer {
	status: number;
	body: string;
	/** Never answer (a hung server). */
	hang?: boolean;
}

export interface FakePrometheus {
	url: string;
	seen: SeenRequest[];
	close(): Promise<void>;
}

export async function startFakePrometheus(answer: (request: SeenRequest) => Answer): Promise<FakePrometheus> {
	const seen: SeenRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', chunk => chunks.push(chunk as Buffer));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url ?? '/', 'http://x');
			const form = req.method === 'POST' ? new URLSearchParams(rawBody) : url.searchParams;
			const request: SeenRequest = {method: req.method ?? '', path: url.pathname, query: form.get('query') ?? '', rawBody, contentType: req.headers['content-type'], search: url.search};
			seen.push(request);
			const reply = answer(request);
			if (reply.hang) return;
			res.writeHead(reply.status, {'content-type': 'application/json'});
			res.end(reply.body);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function vectorBody(result: Array<{metric: Record<string, string>; value: string}>, warnings?: string[]): string {
	return JSON.stringify({
		status: 'success',
		data: {resultType: 'vector', result: result.map(r => ({metric: r.metric, value: [1767225600.123, r.value]}))},
		...(warnings ? {warnings} : {}),
	});
}
