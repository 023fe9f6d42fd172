// One request as the proxies report it: OUTBOUND events at the client's proxy and INBOUND
// events at the server's proxy, each a req / rsp / end triple (req / end for resets), as plain
// objects in protobufjs's shape for linkerd2.tap.TapEvent. Labels follow spec §4.1 and §4.2.
import {hydrate, inboundPolicyLabels, inboundSourceTls, outboundDestinationLabels, routeLabels, type LabelMap} from './labels.js';
import type {PodState} from './pods.js';
import type {Topology} from './topology.js';
import {headersOf, type DemoRequest} from './traffic.js';

export type PbObject = Record<string, unknown>;

export interface TimedEvent {
	/** Virtual milliseconds at which the proxy would emit it. */
	atMs: number;
	event: PbObject;
}

export interface EventContext {
	topology: Topology;
	/** Pods the tap server knows now, for hydration by IP. */
	pods: readonly PodState[];
	extractHeaders: boolean;
}

export interface StreamIdValue {
	base: number;
	stream: number;
}

const registeredMethods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'HEAD', 'TRACE'];

function ipv6Words(ip: string): number[] {
	const [head = '', tail] = ip.split('::');
	const left = head ? head.split(':') : [];
	const right = tail === undefined ? [] : tail ? tail.split(':') : [];
	const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
	return [...left, ...fill, ...right].map(h => parseInt(h, 16) & 0xffff);
}

/** linkerd2.common.net.IPAddress; fixed64 halves are passed as {low, high} to keep all 64 bits. */
export function ipAddress(ip: string): PbObject {
	if (ip.includes(':')) {
		const h = ipv6Words(ip);
		const half = (a: number, b: number, c: number, d: number) => ({low: ((c << 16) | d) >>> 0, high: ((a << 16) | b) >>> 0, unsigned: true});
		return {ipv6: {first: half(h[0]!, h[1]!, h[2]!, h[3]!), last: half(h[4]!, h[5]!, h[6]!, h[7]!)}};
	}
	const octets = ip.split('.').map(Number);
	return {ipv4: (((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0)};
}

function duration(ms: number): PbObject {
	const nanosTotal = Math.round(ms * 1_000_000);
	return {seconds: Math.floor(nanosTotal / 1e9), nanos: nanosTotal % 1e9};
}

function headers(pairs: Array<[string, string]>): PbObject {
	return {headers: pairs.map(([name, value]) => ({name, valueStr: value}))};
}

function method(name: string): PbObject {
	const index = registeredMethods.indexOf(name);
	return index >= 0 ? {registered: index} : {unregistered: name};
}

function scheme(name: string): PbObject {
	const lower = name.toLowerCase();
	return lower === 'http' ? {registered: 0} : lower === 'https' ? {registered: 1} : {unregistered: name.toUpperCase()};
}

interface Frame {
	direction: 1 | 2;
	sourceMeta: LabelMap;
	destinationMeta: LabelMap;
	/** Offsets of this proxy's view relative to the request start. */
	startOffsetMs: number;
	latencyMs: number;
}

function buildEvents(ctx: EventContext, request: DemoRequest, id: StreamIdValue, frame: Frame): TimedEvent[] {
	const base = {
		source: {ip: ipAddress(request.client.ip), port: request.client.port},
		sourceMeta: {labels: frame.sourceMeta},
		destination: {ip: ipAddress(request.server.ip), port: request.server.port},
		destinationMeta: {labels: frame.destinationMeta},
		routeMeta: {labels: routeLabels(request)},
		proxyDirection: frame.direction,
	};
	const start = request.startMs + frame.startOffsetMs;
	const withHeaders = ctx.extractHeaders;
	const all = withHeaders ? headersOf(request) : {request: [], response: [], trailers: []};
	const out: TimedEvent[] = [{
		atMs: start,
		event: {...base, http: {requestInit: {
			id, method: method(request.method), scheme: scheme(request.scheme),
			authority: request.authority, path: request.path,
			...(withHeaders ? {headers: headers(all.request)} : {}),
		}}},
	}];
	if (request.status === null) {
		out.push({atMs: start + frame.latencyMs, event: {...base, http: {responseEnd: {
			id, sinceRequestInit: duration(frame.latencyMs), responseBytes: 0, eos: {resetErrorCode: request.resetCode ?? 2},
		}}}});
		return out;
	}
	out.push({atMs: start + frame.latencyMs, event: {...base, http: {responseInit: {
		id, sinceRequestInit: duration(frame.latencyMs), httpStatus: request.status,
		...(withHeaders ? {headers: headers(all.response)} : {}),
	}}}});
	out.push({atMs: start + frame.latencyMs + request.bodyMs, event: {...base, http: {responseEnd: {
		id,
		sinceRequestInit: duration(frame.latencyMs + request.bodyMs),
		sinceResponseInit: duration(request.bodyMs),
		responseBytes: request.responseBytes,
		...(request.grpcStatus === null ? {} : {eos: {grpcStatusCode: request.grpcStatus}}),
		...(withHeaders && all.trailers.length > 0 ? {trailers: headers(all.trailers)} : {}),
	}}}});
	return out;
}

/** The client's proxy view. Only meaningful when the client is a meshed pod. */
export function outboundEvents(ctx: EventContext, request: DemoRequest, id: StreamIdValue): TimedEvent[] {
	return buildEvents(ctx, request, id, {
		direction: 2,
		sourceMeta: {...hydrate(ctx.topology, ctx.pods, request.client.ip), tls: 'loopback'},
		destinationMeta: outboundDestinationLabels(ctx.topology, request, request.client.pod?.zone),
		startOffsetMs: 0,
		latencyMs: request.latencyMs,
	});
}

/** The server's proxy view: a little later and a little shorter than the client's. */
export function inboundEvents(ctx: EventContext, request: DemoRequest, id: StreamIdValue): TimedEvent[] {
	const hop = Math.min(0.25, request.latencyMs / 4);
	return buildEvents(ctx, request, id, {
		direction: 1,
		sourceMeta: {...hydrate(ctx.topology, ctx.pods, request.client.ip), ...inboundSourceTls(ctx.topology, request)},
		destinationMeta: {...hydrate(ctx.topology, ctx.pods, request.server.ip), ...inboundPolicyLabels(ctx.topology, request)},
		startOffsetMs: hop,
		latencyMs: Math.max(0.05, request.latencyMs - 2 * hop),
	});
}
