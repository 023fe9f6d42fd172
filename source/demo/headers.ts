// Request and response headers as a proxy would report them (names lowercased, h2
// pseudo-headers first for gRPC), including the secrets and trace ids real traffic carries,
// plus the hostile strings that make sure the UI sanitizes what it prints.
import type {Rng} from './prng.js';
import type {EdgeSpec} from './topology.js';

const hex = (rng: Rng, length: number): string => {
	let out = '';
	for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(16)];
	return out;
};

const token = (rng: Rng, length: number): string => {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < length; i++) out += chars[rng.int(chars.length)];
	return out;
};

// Terminal escapes, an OSC 8 hyperlink, a bidi override and a C1 control.
const hostileSuffixes = [
	'/\u001b[2J\u001b[H\u001b[31mhacked',
	'/\u001b]8;;https://evil.example/\u0007click-me\u001b]8;;\u0007',
	'/invoice\u202efdp.exe',
	'/\u009b31mred\u0007bell',
];

export function hostilePath(rng: Rng, path: string): string {
	return path + rng.pick(hostileSuffixes);
}

export function hostileAuthority(rng: Rng, authority: string): string {
	return rng.chance(0.5) ? `${authority}\u001b[1A\u001b[2K` : `\u202e${authority}`;
}

interface RequestFacts {
	edge: EdgeSpec;
	method: string;
	path: string;
	authority: string;
	scheme: string;
	hostile: boolean;
}

export function requestHeaders(rng: Rng, facts: RequestFacts): Array<[string, string]> {
	const {edge} = facts;
	const headers: Array<[string, string]> = [];
	if (edge.protocol === 'grpc') {
		headers.push([':method', facts.method], [':scheme', facts.scheme], [':authority', facts.authority], [':path', facts.path]);
		headers.push(['content-type', 'application/grpc'], ['te', 'trailers'], ['grpc-timeout', '1S']);
	}
	headers.push(['user-agent', facts.hostile && rng.chance(0.5) ? `${edge.userAgent} \u001b[5mblink\u001b[0m` : edge.userAgent]);
	if (edge.protocol === 'http' && (facts.method === 'POST' || facts.method === 'PUT')) headers.push(['content-type', 'application/json']);
	headers.push(['traceparent', `00-${hex(rng, 32)}-${hex(rng, 16)}-01`]);
	if (rng.chance(0.4)) headers.push(['x-b3-traceid', hex(rng, 16)], ['x-b3-spanid', hex(rng, 16)], ['x-b3-sampled', '1']);
	headers.push(['x-request-id', `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`]);
	if (edge.secrets) {
		headers.push(['authorization', `Bearer eyJhbGciOiJIUzI1NiJ9.${token(rng, 24)}.${token(rng, 16)}`]);
		if (rng.chance(0.5)) headers.push(['cookie', `session=${token(rng, 32)}; theme=dark`]);
		if (rng.chance(0.4)) headers.push(['x-api-key', `sk_live_${token(rng, 24)}`]);
	}
	return headers;
}

interface ResponseFacts {
	edge: EdgeSpec;
	status: number | null;
	grpcStatus: number | null;
	responseBytes: number;
	/** Set when the server's proxy denied the request, with its message if the client had an identity. */
	denial?: {message?: string};
}

const grpcMessages: Record<number, string> = {2: 'ERROR', 4: 'context deadline exceeded', 14: 'upstream connect error or disconnect/reset before headers'};

export function responseHeaders(rng: Rng, facts: ResponseFacts): {headers: Array<[string, string]>; trailers: Array<[string, string]>} {
	if (facts.status === null) return {headers: [], trailers: []};
	if (facts.denial) return denialHeaders(facts.edge, facts.denial.message);
	if (facts.edge.protocol === 'grpc') {
		const trailers: Array<[string, string]> = [['grpc-status', String(facts.grpcStatus ?? 0)]];
		const message = grpcMessages[facts.grpcStatus ?? 0];
		if (message) trailers.push(['grpc-message', message]);
		return {headers: [[':status', String(facts.status)], ['content-type', 'application/grpc']], trailers};
	}
	const headers: Array<[string, string]> = [
		['content-type', facts.status >= 500 ? 'text/plain; charset=utf-8' : 'application/json'],
		['content-length', String(facts.responseBytes)],
	];
	if (rng.chance(0.2)) headers.push(['set-cookie', `session=${token(rng, 32)}; Path=/; HttpOnly`]);
	return {headers, trailers: []};
}

/** The proxy's synthetic denial: 403 with an empty body, or a trailers-only gRPC PermissionDenied. */
function denialHeaders(edge: EdgeSpec, message: string | undefined): {headers: Array<[string, string]>; trailers: Array<[string, string]>} {
	if (edge.protocol !== 'grpc') return {headers: [['content-length', '0']], trailers: []};
	const headers: Array<[string, string]> = [[':status', '200'], ['content-type', 'application/grpc'], ['grpc-status', '7']];
	if (message !== undefined) headers.push(['grpc-message', message]);
	headers.push(['content-length', '0']);
	return {headers, trailers: []};
}
