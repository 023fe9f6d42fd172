// What tap tells about authorization policy (route-metrics spec §8): the Server, route and
// authorization an inbound request was let in by (the srv_*/route_*/authz_* labels the proxy puts
// in destination_meta), and whether a response looks like a policy denial as the caller sees it
// (§8.3: HTTP 403 with an empty body, or gRPC PermissionDenied; `l5d-proxy-error` when a 2.14
// caller still shows it). Pure.
import type {Header} from './event.js';
import type {RequestRecord} from './types.js';

export interface PolicyObject {
	/** policy.linkerd.io, gateway.networking.k8s.io, or "" (defaults). */
	group: string;
	/** server, HTTPRoute, GRPCRoute, authorizationpolicy, serverauthorization, or default. */
	kind: string;
	name: string;
}

export interface InboundPolicy {
	server: PolicyObject;
	route: PolicyObject;
	authz: PolicyObject;
}

export type PolicyPart = 'srv' | 'route' | 'authz';

/** One of the three objects from a request's destination labels; null when the labels lack it. */
export function policyObject(rec: RequestRecord, part: PolicyPart): PolicyObject | null {
	const labels = rec.destinationLabels;
	if (!labels) return null;
	const kind = Object.hasOwn(labels, `${part}_kind`) ? labels[`${part}_kind`]! : undefined;
	const name = Object.hasOwn(labels, `${part}_name`) ? labels[`${part}_name`]! : undefined;
	if (kind === undefined || name === undefined) return null;
	const group = Object.hasOwn(labels, `${part}_group`) ? labels[`${part}_group`]! : '';
	return {group, kind, name};
}

/** The Server, route and authorization of an inbound request; null for outbound or unlabelled events. */
export function inboundPolicy(rec: RequestRecord): InboundPolicy | null {
	if (rec.direction !== 'INBOUND') return null;
	const server = policyObject(rec, 'srv');
	const route = policyObject(rec, 'route');
	const authz = policyObject(rec, 'authz');
	return server && route && authz ? {server, route, authz} : null;
}

/** `server/web-http`, `HTTPRoute/books-get`; a default server as linkerd viz authz writes it: `default:all-unauthenticated`. */
export function policyObjectText(o: PolicyObject, part: PolicyPart): string {
	if (part === 'srv' && o.kind === 'default') return `default:${o.name}`;
	return `${o.kind}/${o.name}`;
}

export interface PolicyDenial {
	protocol: 'http' | 'grpc';
	/** The proxy's own words, when the caller's tap still shows them (l5d-proxy-error, grpc-message). */
	proxyError: string | null;
	/** The proxy said so (`unauthorized request on route`); otherwise the shape alone suggests it. */
	certain: boolean;
}

const UNAUTHORIZED = 'unauthorized request on route';

function headerValue(headers: Header[] | null, name: string): string | null {
	const header = headers?.find(h => h.name.toLowerCase() === name);
	if (!header) return null;
	return header.valueStr ?? (header.valueBin ? new TextDecoder().decode(header.valueBin) : '');
}

function proxyWords(rec: RequestRecord): string | null {
	for (const name of ['l5d-proxy-error', 'grpc-message']) {
		const value = headerValue(rec.responseHeaders, name) ?? headerValue(rec.trailers, name);
		if (value !== null && (name === 'l5d-proxy-error' || value.includes(UNAUTHORIZED))) return value;
	}
	return null;
}

/**
 * Whether the response has the shape of a denial by the server's inbound policy: HTTP 403 with
 * `content-length: 0` or an empty body, or gRPC status 7 (PermissionDenied). An application can
 * answer the same, so unless the proxy's error text is visible this is a likelihood. A visible
 * `l5d-proxy-error` about something else rules it out.
 */
export function policyDenial(rec: RequestRecord): PolicyDenial | null {
	const words = proxyWords(rec);
	if (words !== null && !words.includes(UNAUTHORIZED)) return null;
	const certain = words !== null;
	const grpcStatus = rec.eos?.kind === 'grpc' ? rec.eos.code : headerValue(rec.responseHeaders, 'grpc-status') === '7' ? 7 : null;
	if (grpcStatus === 7) return {protocol: 'grpc', proxyError: words, certain};
	if (rec.httpStatus !== 403 || rec.eos?.kind === 'grpc') return null;
	const length = headerValue(rec.responseHeaders, 'content-length');
	const empty = length !== null ? length.trim() === '0' : rec.state === 'done' && rec.responseBytes === 0;
	return empty ? {protocol: 'http', proxyError: words, certain} : null;
}
