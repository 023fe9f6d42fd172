// A captured request as a curl command line, to hand to a service owner or replay by hand.
// Pure. Pseudo-headers become the method and URL; secret values stay masked unless
// --show-secrets (the command then carries them: the user asked); every value is
// single-quoted for a POSIX shell, and control characters are escaped by the caller's sanitizer
// only on screen: the clipboard gets the real bytes of what was sent.
import {base64} from './format.js';
import {maskHeaders} from './secrets.js';
import type {RequestRecord} from './types.js';

/** Single-quotes a word for sh/bash/zsh: ' becomes '\''. */
export function shellQuote(word: string): string {
	return `'${word.replaceAll("'", "'\\''")}'`;
}

function looksHttp2(rec: RequestRecord): boolean {
	const headers = rec.requestHeaders ?? [];
	return headers.some(h => h.name.startsWith(':') || (h.name.toLowerCase() === 'content-type' && (h.valueStr ?? '').startsWith('application/grpc')));
}

export function curlCommand(rec: RequestRecord, options: {showSecrets?: boolean} = {}): string {
	const scheme = (rec.scheme || 'http').toLowerCase();
	const authority = rec.authority || (rec.destination ? `${rec.destination.ip}:${rec.destination.port}` : 'localhost');
	const parts = ['curl'];
	if (rec.method && rec.method !== 'GET') parts.push('-X', shellQuote(rec.method));
	if (looksHttp2(rec)) parts.push(scheme === 'https' ? '--http2' : '--http2-prior-knowledge');
	parts.push(shellQuote(`${scheme}://${authority}${rec.path || '/'}`));
	for (const header of maskHeaders(rec.requestHeaders, options.showSecrets === true) ?? []) {
		if (header.name.startsWith(':')) continue;
		const value = header.valueStr ?? (header.valueBin !== undefined ? base64(header.valueBin) : '');
		parts.push('-H', shellQuote(`${header.name}: ${value}`));
	}
	return parts.join(' ');
}
