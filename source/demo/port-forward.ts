// The stand-in API server's pod port-forward, speaking what client-node's PortForward speaks:
// a WebSocket upgrade with subprotocol v4.channel.k8s.io, binary messages prefixed by a channel
// byte (0 data, 1 error), and the port as 2 little-endian bytes as the first message on each
// channel. Only metrics-api's 8085 leads anywhere (the demo's grpc-js server); any other port
// gets the kubelet's error-channel text, as a real pod with nothing listening would.
import type {IncomingMessage} from 'node:http';
import net from 'node:net';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type RawData, type WebSocket} from 'ws';

export const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';
const DATA_CHANNEL = 0;
const ERROR_CHANNEL = 1;
// Stop reading from the gRPC side while this much is still queued towards the client.
const HIGH_WATER = 1 << 20;

/** What the API server decided about one port-forward request. */
export type ForwardDecision =
	| {kind: 'refuse'; status: number; reason: string; message: string}
	| {kind: 'forward'; pod: string; uid: string; port: number; target: {host: string; port: number} | null};

const wss = new WebSocketServer({
	noServer: true,
	perMessageDeflate: false,
	handleProtocols: (offered) => (offered.has(PORT_FORWARD_PROTOCOL) ? PORT_FORWARD_PROTOCOL : false),
});

/** The `ports` query parameter: exactly one port in 1..65535 (client-node never sends more). */
export function parsePorts(url: string | undefined): number | string {
	const ports = new URL(url ?? '/', 'http://x').searchParams.getAll('ports');
	if (ports.length !== 1) return 'exactly one "ports" query parameter is required';
	const port = Number(ports[0]);
	if (!/^\d+$/.test(ports[0]!) || port < 1 || port > 65535) return `invalid port "${ports[0]}"`;
	return port;
}

/** A Kubernetes Status object as a raw HTTP response on a socket that has not been upgraded. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
	const body = JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code: status});
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
	);
}

export function acceptPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, decision: ForwardDecision): void {
	if (decision.kind === 'refuse') {
		refuseUpgrade(socket, decision.status, decision.reason, decision.message);
		return;
	}
	const offered = String(req.headers['sec-websocket-protocol'] ?? '')
		.split(',')
		.map((p) => p.trim());
	if (!offered.includes(PORT_FORWARD_PROTOCOL)) {
		refuseUpgrade(socket, 400, 'BadRequest', `unsupported subprotocol; this server speaks ${PORT_FORWARD_PROTOCOL}`);
		return;
	}
	wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, decision));
}

function frame(channel: number, payload: Buffer): Buffer {
	return Buffer.concat([Buffer.of(channel), payload]);
}

function portPrefix(channel: number, port: number): Buffer {
	const buf = Buffer.alloc(3);
	buf[0] = channel;
	buf.writeUInt16LE(port, 1);
	return buf;
}

function bridge(ws: WebSocket, decision: Extract<ForwardDecision, {kind: 'forward'}>): void {
	ws.send(portPrefix(DATA_CHANNEL, decision.port));
	ws.send(portPrefix(ERROR_CHANNEL, decision.port));
	const fail = (why: string) => {
		const text = `error forwarding port ${decision.port} to pod ${decision.pod}, uid ${decision.uid}: ${why}`;
		ws.send(frame(ERROR_CHANNEL, Buffer.from(text, 'utf8')), () => ws.close(1000));
	};
	if (!decision.target) {
		fail(`failed to connect to localhost:${decision.port} inside the pod network namespace: dial tcp4 127.0.0.1:${decision.port}: connect: connection refused`);
		ws.on('message', () => {});
		return;
	}
	const upstream = net.connect(decision.target.port, decision.target.host);
	upstream.setNoDelay(true);
	let connected = false;
	const pending: Buffer[] = [];

	ws.on('message', (data: RawData, isBinary: boolean) => {
		if (!isBinary) return;
		const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
		// Only the data channel carries bytes towards the pod; the client never writes on 1.
		if (buf.length < 2 || buf[0] !== DATA_CHANNEL) return;
		const payload = buf.subarray(1);
		if (!connected) {
			pending.push(payload);
			return;
		}
		if (!upstream.write(payload)) {
			ws.pause();
			upstream.once('drain', () => ws.resume());
		}
	});
	upstream.on('connect', () => {
		connected = true;
		for (const chunk of pending.splice(0)) upstream.write(chunk);
	});
	let paused = false;
	upstream.on('data', (chunk: Buffer) => {
		// The callback of the newest frame fires once it is flushed: resume there.
		ws.send(frame(DATA_CHANNEL, chunk), () => {
			if (paused) {
				paused = false;
				upstream.resume();
			}
		});
		if (!paused && ws.bufferedAmount > HIGH_WATER) {
			paused = true;
			upstream.pause();
		}
	});
	upstream.on('error', (err) => {
		if (!connected) fail(err.message);
		else ws.terminate();
	});
	upstream.on('close', () => {
		if (connected && ws.readyState === ws.OPEN) ws.close(1000);
	});
	ws.on('close', () => upstream.destroy());
	ws.on('error', () => upstream.destroy());
}
