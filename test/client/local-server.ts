// A tiny HTTPS server (the demo's loopback CA) for client tests: each incoming request is handed to the next scripted
// handler, so a test can play a sequence of tap server behaviours.
import type {IncomingMessage, ServerResponse} from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {demoCaCert, demoServerCert, demoServerKey} from '../../source/demo/certs/demo-tls.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface LocalServer {
	url: string;
	requests: Array<{method: string; path: string; body: Buffer; authorization?: string}>;
	kubeConfig: KubeConfig;
	close(): Promise<void>;
}

export async function startLocalServer(handlers: Handler[]): Promise<LocalServer> {
	const requests: LocalServer['requests'] = [];
	const sockets = new Set<import('node:net').Socket>();
	const server = https.createServer({cert: demoServerCert, key: demoServerKey}, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', chunk => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			requests.push({method: req.method!, path: req.url!, body, authorization: req.headers.authorization});
			const handler = handlers.shift();
			if (handler) handler(req, res, body);
			else res.destroy();
		});
	});
	server.on('secureConnection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: [{name: 'local', server: url, caData: Buffer.from(demoCaCert).toString('base64')}],
		users: [{name: 'me', token: 'secret-token'}],
		contexts: [{name: 'local', cluster: 'local', user: 'me'}],
		currentContext: 'local',
	});
	return {
		url,
		requests,
		kubeConfig,
		close: () =>
			new Promise(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

export function frame(payload: Uint8Array): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt32LE(payload.byteLength, 0);
	return Buffer.concat([header, payload]);
}
