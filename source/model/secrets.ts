// Masks header values that commonly carry credentials, so a screen share or a
// pasted `meshtop tap -o json` does not leak them. --show-secrets opts out.
import type {Header, HttpEvent, TapEvent} from './event.js';

export const MASK = '[masked]';

const EXACT = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const CONTAINS = /token|secret|password|api-key|apikey|api_key/;

export function isSecretHeader(name: string): boolean {
	const lower = name.toLowerCase();
	return EXACT.has(lower) || CONTAINS.test(lower);
}

/** Masked copies of secret headers; the same array when nothing needed masking. */
export function maskHeaders(headers: Header[] | null, showSecrets: boolean): Header[] | null {
	if (headers === null || showSecrets) return headers;
	let out: Header[] | null = null;
	for (let i = 0; i < headers.length; i++) {
		const h = headers[i]!;
		if (!isSecretHeader(h.name)) continue;
		out ??= headers.slice();
		// The binary form is dropped too: a masked value is never shown in any encoding.
		out[i] = {name: h.name, valueStr: MASK};
	}
	return out ?? headers;
}

/** The event with its request/response headers and trailers masked; the same object if unchanged. */
export function maskEvent(ev: TapEvent, showSecrets: boolean): TapEvent {
	const http = ev.http;
	if (showSecrets || http === null) return ev;
	const masked = maskHttp(http);
	return masked === http ? ev : {...ev, http: masked};
}

function maskHttp(http: HttpEvent): HttpEvent {
	if (http.kind === 'responseEnd') {
		const trailers = maskHeaders(http.trailers, false);
		return trailers === http.trailers ? http : {...http, trailers};
	}
	const headers = maskHeaders(http.headers, false);
	return headers === http.headers ? http : {...http, headers};
}
