// Synthetic tap traffic for the bench: a deterministic pool of requests shaped like
// what Linkerd proxies report (hydrated labels on both ends, policy labels inbound,
// a few headers, gRPC trailers), spread over `routes` distinct routes, encoded once
// into the tap wire format so every figure replays the same bytes.
import {encodeTapEvent} from '../../dist/tap/encode.js';

const namespace = 'emojivoto';
const workloads = ['web', 'emoji', 'voting', 'vote-bot', 'books', 'authors', 'webapp', 'traffic', 'gateway', 'ledger'];
const podsPer = 3;
const methods = ['GET', 'POST', 'GET', 'GET', 'PUT', 'DELETE'];

function lcg(seed) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 4294967296;
	};
}

const hex = (rand, n) => {
	let out = '';
	for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(rand() * 16)];
	return out;
};

function pod(w, p) {
	const name = workloads[w];
	return {
		workload: name,
		name: `${name}-5f86686c4d-${String.fromCharCode(97 + p)}${w}x7k`,
		ip: `10.42.${w}.${10 + p}`,
	};
}

function podLabels(p) {
	return {
		control_plane_ns: 'linkerd',
		deployment: p.workload,
		namespace,
		pod: p.name,
		pod_template_hash: '5f86686c4d',
		serviceaccount: p.workload,
	};
}

const identity = p => `${p.workload}.${namespace}.serviceaccount.identity.linkerd.cluster.local`;

/** One route: who calls whom with which method and path. */
function route(r) {
	const src = r % workloads.length;
	let dst = (r * 7 + 3) % workloads.length;
	if (dst === src) dst = (dst + 1) % workloads.length;
	const grpc = r % 3 === 0;
	return {
		src,
		dst,
		grpc,
		method: grpc ? 'POST' : methods[r % methods.length],
		path: grpc ? `/emojivoto.v1.Service${dst}/Call${r}` : `/api/v1/items/${r}`,
	};
}

const duration = us => ({seconds: Math.floor(us / 1e6), nanos: (us % 1e6) * 1000});

/**
 * TapEvents for `requests` requests, three each (req, rsp, end), interleaved the way a
 * busy proxy reports them. Ids are unique per reporting pod within the pool.
 */
export function buildEvents(requests, {routes = 500, headers = true, seed = 7} = {}) {
	const rand = lcg(seed);
	const nextStream = new Map();
	const pending = [];
	const out = [];
	for (let i = 0; i < requests; i++) {
		const rt = route(i % routes);
		const client = pod(rt.src, Math.floor(rand() * podsPer));
		const server = pod(rt.dst, Math.floor(rand() * podsPer));
		const inbound = i % 2 === 1;
		const reporter = inbound ? server.ip : client.ip;
		const key = (inbound ? 'in:' : 'out:') + reporter;
		const stream = nextStream.get(key) ?? 0;
		nextStream.set(key, stream + 1);
		const tls = i % 23 === 0 ? 'no_tls_from_remote' : 'true';
		const ends = {
			source: {ip: client.ip, port: 40000 + (i % 20000)},
			destination: {ip: server.ip, port: rt.grpc ? 8080 : 80},
			sourceMeta: inbound ? {...podLabels(client), tls, ...(tls === 'true' ? {client_id: identity(client)} : {})} : {...podLabels(client), tls: 'loopback'},
			destinationMeta: inbound
				? {...podLabels(server), srv_kind: 'server', srv_name: `${server.workload}-http`, route_kind: 'default', route_name: 'default', tls: 'loopback'}
				: {...podLabels(server), service: `${server.workload}-svc`, tls, ...(tls === 'true' ? {server_id: identity(server)} : {})},
			routeMeta: null,
			proxyDirection: inbound ? 'INBOUND' : 'OUTBOUND',
		};
		const id = {base: 1, stream};
		const latencyUs = 300 + Math.floor(rand() * 40_000);
		const bodyUs = 50 + Math.floor(rand() * 2000);
		const failed = rand() < 0.04;
		const reqHeaders = headers
			? [
					{name: 'user-agent', valueStr: rt.grpc ? 'grpc-go/1.62.1' : 'Go-http-client/1.1'},
					{name: 'traceparent', valueStr: `00-${hex(rand, 32)}-${hex(rand, 16)}-01`},
					{name: 'x-request-id', valueStr: `${hex(rand, 8)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 12)}`},
				]
			: null;
		const rspHeaders = headers ? [{name: 'content-type', valueStr: rt.grpc ? 'application/grpc' : 'application/json'}] : null;
		const trailers = headers && rt.grpc ? [{name: 'grpc-status', valueStr: failed ? '14' : '0'}] : null;
		const req = {...ends, http: {kind: 'requestInit', id, method: rt.method, scheme: 'HTTP', authority: `${server.workload}-svc.${namespace}:${ends.destination.port}`, path: rt.path, headers: reqHeaders}};
		const rsp = {...ends, http: {kind: 'responseInit', id, sinceRequestInit: duration(latencyUs), httpStatus: !rt.grpc && failed ? 503 : 200, headers: rspHeaders}};
		const end = {
			...ends,
			http: {
				kind: 'responseEnd',
				id,
				sinceRequestInit: duration(latencyUs + bodyUs),
				sinceResponseInit: duration(bodyUs),
				responseBytes: 100 + Math.floor(rand() * 4000),
				eos: rt.grpc ? {kind: 'grpc', code: failed ? 14 : 0} : null,
				trailers,
			},
		};
		// A few requests in flight at once: req of this one, rsp and end of earlier ones.
		out.push(req);
		pending.push(rsp, end);
		if (pending.length >= 6) out.push(pending.shift(), pending.shift());
	}
	out.push(...pending);
	return out;
}

/** The events as one tap HTTP body: 4-byte little-endian length, then the message. */
export function encodeStream(events) {
	const payloads = events.map(encodeTapEvent);
	let total = 0;
	for (const p of payloads) total += 4 + p.length;
	const out = Buffer.allocUnsafe(total);
	let at = 0;
	for (const p of payloads) {
		out.writeUInt32LE(p.length, at);
		out.set(p, at + 4);
		at += 4 + p.length;
	}
	return out;
}
