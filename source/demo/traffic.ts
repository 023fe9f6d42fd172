// The traffic model: every request the demo mesh serves in one virtual second, as a pure
// function of (topology, current pods, window index). Each window has its own PRNG stream,
// so taps that start at different times see the same requests.
import {createRng, mixSeed, type Rng} from './prng.js';
import type {PodState} from './pods.js';
import type {EdgeSpec, PeerRef, RouteSpec, Topology} from './topology.js';
import {hostileAuthority, hostilePath, requestHeaders, responseHeaders} from './headers.js';
import {deniedEdge} from './policy.js';

export interface Endpoint {
	ip: string;
	port: number;
	/** Set when the peer is a pod of the demo cluster. */
	pod?: PodState;
	/** Set for peers outside the cluster (their display name; never on the wire). */
	external?: string;
}

export interface DemoRequest {
	/** `<window>:<index>`: unique and stable for a seed. */
	key: string;
	/** Virtual milliseconds since the mesh started. */
	startMs: number;
	edge: EdgeSpec;
	route: RouteSpec;
	client: Endpoint;
	server: Endpoint;
	method: string;
	scheme: string;
	authority: string;
	path: string;
	/** Seeds the headers, which are made only when a tap asks for them (they are costly). */
	headerSeed: number;
	hostile: boolean;
	/** Time to response headers, or to the reset when there is no response. */
	latencyMs: number;
	/** Response body streaming time, after the response headers. */
	bodyMs: number;
	/** null when the stream was reset before a response. */
	status: number | null;
	grpcStatus: number | null;
	resetCode: number | null;
	responseBytes: number;
	/** The server's proxy refused it (no AuthorizationPolicy matched): 403, or gRPC PermissionDenied. */
	denied: boolean;
}

export type PodLookup = (namespace: string, workload: string) => readonly PodState[];

const grpcFailures = [2, 14, 4]; // Unknown, Unavailable, DeadlineExceeded
const httpFailures = [500, 503, 502, 504];
const resetCodes = [2, 7, 8]; // INTERNAL_ERROR, REFUSED_STREAM, CANCEL

function pickRoute(rng: Rng, routes: readonly RouteSpec[]): RouteSpec {
	const total = routes.reduce((sum, r) => sum + r.weight, 0);
	let roll = rng.next() * total;
	for (const route of routes) {
		roll -= route.weight;
		if (roll < 0) return route;
	}
	return routes[routes.length - 1]!;
}

function endpoint(rng: Rng, peer: PeerRef, pods: PodLookup, port: number): Endpoint | undefined {
	if (peer.kind === 'external') return {ip: peer.ip, port, external: peer.name};
	const running = pods(peer.namespace, peer.name).filter(p => p.phase === 'Running');
	if (running.length === 0) return undefined;
	const pod = rng.pick(running);
	return {ip: pod.ip, port, pod};
}

function latencyFor(rng: Rng, edge: EdgeSpec, route: RouteSpec): number {
	const spec = route.latency ?? edge.latency;
	let ms = rng.lognormal(spec.medianMs, spec.sigma);
	if (rng.chance(spec.tailP)) ms *= spec.tailFactor * (0.5 + rng.next());
	return Math.max(0.15, Math.round(ms * 1000) / 1000);
}

function okStatus(method: string, grpc: boolean): number {
	// gRPC answers every call with HTTP 200; the outcome is in grpc-status.
	if (grpc) return 200;
	if (method === 'POST') return 201;
	if (method === 'DELETE') return 204;
	return 200;
}

function makeRequest(rng: Rng, topology: Topology, edge: EdgeSpec, pods: PodLookup, key: string, startMs: number): DemoRequest | undefined {
	const route = pickRoute(rng, edge.routes);
	const server = endpoint(rng, edge.server, pods, edge.port);
	const clientPort = 32768 + rng.int(28000);
	const client = endpoint(rng, edge.client, pods, clientPort);
	if (!server || !client) return undefined;
	const hostile = edge.hostile === true && rng.chance(0.08);
	let path = route.path.replace('{id}', String(1 + rng.int(999)));
	if (hostile) path = hostilePath(rng, path);
	const authority = hostile && rng.chance(0.5) ? hostileAuthority(rng, edge.authority) : edge.authority;
	let latencyMs = latencyFor(rng, edge, route);
	let status: number | null = okStatus(route.method, edge.protocol === 'grpc');
	let grpcStatus: number | null = edge.protocol === 'grpc' ? 0 : null;
	let resetCode: number | null = null;
	if (rng.chance(edge.resetRate)) {
		status = null;
		grpcStatus = null;
		resetCode = rng.pick(resetCodes);
	} else if (!rng.chance(route.successRate)) {
		if (edge.protocol === 'grpc') {
			status = 200;
			// A route that always fails fails the same way (the doughnut is always Unknown).
			grpcStatus = route.successRate === 0 ? 2 : rng.pick(grpcFailures);
			if (grpcStatus === 4) latencyMs = 1000 + rng.next() * 5;
		} else {
			status = rng.pick(httpFailures);
		}
	}
	const failed = status === null || status >= 500 || (grpcStatus !== null && grpcStatus !== 0);
	const responseBytes = status === null ? 0 : failed ? 20 + rng.int(120) : Math.round(route.responseBytes * (0.6 + rng.next() * 0.8));
	const bodyMs = status === null ? 0 : Math.round((0.05 + responseBytes / 200000 + rng.next() * 0.3) * 1000) / 1000;
	const method = route.method;
	const headerSeed = rng.int(0x7fffffff);
	const request: DemoRequest = {
		key, startMs, edge, route, client, server, method, scheme: edge.scheme, authority, path, headerSeed, hostile,
		latencyMs, bodyMs, status, grpcStatus, resetCode, responseBytes, denied: false,
	};
	// Drawn like any other request (so the random stream is the same), then refused by policy.
	return deniedEdge(topology, edge) ? denial(request) : request;
}

/** The synthetic response the server's proxy sends for a denied request (spec §8.3). */
function denial(request: DemoRequest): DemoRequest {
	const grpc = request.edge.protocol === 'grpc';
	const latencyMs = Math.round((0.3 + (request.latencyMs % 1) * 0.8) * 1000) / 1000;
	return {...request, denied: true, latencyMs, bodyMs: 0.01, status: grpc ? 200 : 403, grpcStatus: grpc ? 7 : null, resetCode: null, responseBytes: 0};
}

export interface RequestHeaders {
	request: Array<[string, string]>;
	response: Array<[string, string]>;
	trailers: Array<[string, string]>;
}

/** The request's headers, response headers and trailers; the same every time for a request. */
export function headersOf(request: DemoRequest): RequestHeaders {
	const rng = createRng(request.headerSeed);
	const {edge, method, path, authority, scheme, hostile, status, grpcStatus, responseBytes} = request;
	const requestPart = requestHeaders(rng, {edge, method, path, authority, scheme, hostile});
	const responsePart = responseHeaders(rng, {edge, status, grpcStatus, responseBytes, denial: denialMessage(request)});
	return {request: requestPart, response: responsePart.headers, trailers: responsePart.trailers};
}

/**
 * A denial's informational message, only when the client presented a mesh identity (spec §8.3):
 * the gRPC response carries it as grpc-message; l5d-proxy-error is stripped by the client's proxy.
 */
function denialMessage(request: DemoRequest): {message?: string} | undefined {
	if (!request.denied) return undefined;
	const workload = request.client.pod?.workload;
	const identified = workload !== undefined && workload.meshed && !workload.identityDisabled && request.edge.inboundSourceTls === undefined;
	const at = (e: Endpoint): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);
	return identified ? {message: `client ${at(request.client)}: server: ${at(request.server)}: unauthorized request on route`} : {};
}

/** All requests that start in virtual second `window`, ordered by start time. */
export function generateWindow(topology: Topology, pods: PodLookup, window: number): DemoRequest[] {
	const requests: DemoRequest[] = [];
	for (const edge of topology.edges) {
		const rng = createRng(mixSeed(topology.seed, window, edge.id));
		const whole = Math.floor(edge.rps);
		const count = whole + (rng.chance(edge.rps - whole) ? 1 : 0);
		for (let i = 0; i < count; i++) {
			const startMs = window * 1000 + Math.floor(rng.next() * 1_000_000) / 1000;
			const request = makeRequest(rng, topology, edge, pods, `${window}:${edge.id}:${i}`, startMs);
			if (request) requests.push(request);
		}
	}
	requests.sort((a, b) => a.startMs - b.startMs || (a.key < b.key ? -1 : 1));
	return requests;
}
