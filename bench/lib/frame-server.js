// A loopback HTTPS server that answers any tap POST with a pre-encoded frame stream,
// replayed until the client hangs up, as fast as the socket drains. Other paths get a
// Kubernetes 404 Status (the headless tap's pod watch tolerates that). Uses the demo's
// public loopback certificates, so the real CLI connects over real TLS.
import {mkdtemp, writeFile} from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {demoCaCert, demoServerCert, demoServerKey} from '../../dist/demo/certs/demo-tls.js';
import {demoKubeconfig} from '../../dist/demo/kubeconfig.js';

const token = 'bench-token';

/**
 * stream: the tap HTTP body to replay (whole frames). onTap({openedAt, closedAt, bytes})
 * is called when each tap response ends, with hrtime milliseconds.
 */
export async function startFrameServer(stream, onTap) {
	const piece = 1 << 20;
	const server = https.createServer({cert: demoServerCert, key: demoServerKey}, (req, res) => {
		if (req.headers.authorization !== `Bearer ${token}`) {
			res.writeHead(401).end();
			return;
		}
		if (req.method !== 'POST' || !req.url.endsWith('/tap')) {
			const body = JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404});
			res.writeHead(404, {'Content-Type': 'application/json'}).end(body);
			return;
		}
		req.resume();
		const openedAt = performance.now();
		let bytes = 0;
		let at = 0;
		let closed = false;
		res.writeHead(200, {'Content-Type': 'application/octet-stream'});
		const pump = () => {
			while (!closed) {
				const end = Math.min(stream.length, at + piece);
				const chunk = stream.subarray(at, end);
				at = end === stream.length ? 0 : end;
				bytes += chunk.length;
				if (!res.write(chunk)) {
					res.once('drain', pump);
					return;
				}
			}
		};
		res.on('close', () => {
			closed = true;
			onTap?.({openedAt, closedAt: performance.now(), bytes});
		});
		pump();
	});
	await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
	const url = `https://127.0.0.1:${server.address().port}`;
	const dir = await mkdtemp(path.join(os.tmpdir(), 'meshtop-bench-'));
	const kubeconfigPath = path.join(dir, 'kubeconfig.yaml');
	await writeFile(kubeconfigPath, demoKubeconfig({server: url, caPem: demoCaCert, token, namespace: 'emojivoto'}), {mode: 0o600});
	return {
		url,
		token,
		caPem: demoCaCert,
		kubeconfigPath,
		close: () =>
			new Promise(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
