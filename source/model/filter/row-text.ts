// What a free-text term searches: the texts a stream row shows for a request
// (ui/panes/stream-rows.ts) plus its header values as the detail view shows them.
import type {Header} from '../event.js';
import {statusText} from '../format.js';
import {base64, formatLatency, grpcStatusName} from '../format.js';
import {isSecretHeader, MASK} from '../secrets.js';
import type {RequestRecord} from '../types.js';

// The mTLS column's short forms of the proxies' no-TLS reasons (spec §4.1): ui/panes/stream-rows.ts
// draws them, and the filter's free text searches the same words. The detail shows them in full.
const shortReasons = new Map<string, string>(Object.entries({
	true: 'mtls',
	no_tls_from_remote: 'plain',
	not_provided_by_service_discovery: 'no-sd',
	ingress_without_override: 'ingrss',
	not_provided_by_remote: 'plain',
	port_skipped: 'skip',
	disabled: 'off',
	loopback: 'lo',
	passthru: 'pass',
	no_identity: 'no-id',
	'': '?',
}));

/** The mTLS column's text for a raw tls label (`mtls` standing in for the lock). */
export function tlsShort(tls: string): string {
	return shortReasons.get(tls) ?? tls;
}

/** A header's value as shown: masked when secret (unless showSecrets), binary as base64:... */
export function headerText(header: Header, showSecrets: boolean, secret = isSecretHeader(header.name)): string {
	if (secret && !showSecrets) return MASK;
	if (header.valueStr !== undefined) return header.valueStr;
	if (header.valueBin !== undefined) return `base64:${base64(header.valueBin)}`;
	return '';
}

/** The status column's texts: `200`, `grpc Unknown grpc 2`, `reset 2`, `lost`. */
function outcomeText(rec: RequestRecord): string {
	let text = statusText(rec);
	if (rec.eos?.kind === 'grpc') text += ' grpc ' + grpcStatusName(rec.eos.code);
	if (rec.state === 'expired') text += ' lost';
	return text;
}

function anyHeader(headers: Header[] | null, showSecrets: boolean, test: (s: string) => boolean): boolean {
	if (headers === null) return false;
	for (const header of headers) {
		if (test(headerText(header, showSecrets))) return true;
	}
	return false;
}

/**
 * Whether `test` accepts any text of the row: `METHOD path`, authority,
 * `source → destination`, status, latency, the mTLS text (and raw reason),
 * and every header value. Only a needle with a space or an arrow (`spans`) can
 * match across method and path or the two names, so only then are they joined.
 */
export function anyRowText(rec: RequestRecord, showSecrets: boolean, test: (s: string) => boolean, spans: boolean): boolean {
	if (spans) {
		if (test(rec.method + ' ' + rec.path) || test(rec.sourceName + ' → ' + rec.destinationName)) return true;
	} else if (test(rec.method) || test(rec.path) || test(rec.sourceName) || test(rec.destinationName)) {
		return true;
	}
	if (test(rec.authority)) return true;
	if (test(outcomeText(rec))) return true;
	if (rec.latencyUs !== null && test(formatLatency(rec.totalUs ?? rec.latencyUs))) return true;
	if (rec.tls !== 'true' && (test(tlsShort(rec.tls)) || test(rec.tls))) return true;
	return (
		anyHeader(rec.requestHeaders, showSecrets, test) ||
		anyHeader(rec.responseHeaders, showSecrets, test) ||
		anyHeader(rec.trailers, showSecrets, test)
	);
}
