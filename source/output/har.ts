// `meshtop tap -o har`: completed requests as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/),
// which browsers' dev tools and HAR viewers open. The log is one JSON object, but requests arrive
// one by one, so it is written as a stream: `harPrefix`, the entries with their commas
// (`HarStream`), and `harSuffix`, which the command writes on every exit so the file always parses.
// Pure: records in, text out. Strings go through json-text's escaping, so the raw output is
// terminal-safe like -o json.
//
// The tap API does not say which HTTP version a request used. The rule here: "HTTP/2.0" when the
// request's headers carry h2 pseudo-headers (`:path`, `:method`, ...) or a request or response
// content-type is application/grpc (gRPC runs only on HTTP/2); otherwise "HTTP/1.1".
import {resetCodeNames} from '../model/filter/values.js';
import {grpcStatusName} from '../model/format.js';
import type {Header} from '../model/event.js';
import {maskHeaders} from '../model/secrets.js';
import type {RequestRecord} from '../model/types.js';
import {type JsonValue, jsonString, toJson} from './json-text.js';

type JsonObject = {[key: string]: JsonValue};

export interface HarOptions {
	/** Print secret header values instead of MASK. */
	showSecrets: boolean;
}

/** The start of the document, up to the opening of `entries`. */
export function harPrefix(creatorVersion: string): string {
	return `{"log":{"version":"1.2","creator":{"name":"meshtop","version":${jsonString(creatorVersion)}},"entries":[\n`;
}

/** Closes `entries`, `log` and the document. */
export function harSuffix(): string {
	return '\n]}}\n';
}

/** Entries one per line, with the comma before every one but the first. */
export class HarStream {
	#count = 0;
	constructor(private readonly options: HarOptions) {}

	get count(): number {
		return this.#count;
	}

	entry(record: RequestRecord): string {
		const text = toJson(harEntry(record, this.options), '');
		return (this.#count++ === 0 ? '' : ',\n') + text;
	}
}

/** A whole document of the given records (for tests and one-shot writers). */
export function harDocument(records: readonly RequestRecord[], creatorVersion: string, options: HarOptions): string {
	const stream = new HarStream(options);
	return harPrefix(creatorVersion) + records.map(r => stream.entry(r)).join('') + harSuffix();
}

/** The HAR entry of one completed request. */
export function harEntry(rec: RequestRecord, options: HarOptions): JsonObject {
	const httpVersion = harHttpVersion(rec);
	const totalMs = ms(rec.totalUs ?? rec.latencyUs ?? 0);
	// wait = to the first response byte; a request reset before its headers waited all along.
	const waitMs = Math.min(totalMs, ms(rec.latencyUs ?? rec.totalUs ?? 0));
	const receiveMs = round3(Math.max(0, totalMs - waitMs));
	const responseHeaders = [
		...harHeaders(rec.responseHeaders, options.showSecrets),
		...harHeaders(rec.trailers, options.showSecrets, 'trailer'),
	];
	const entry: JsonObject = {
		startedDateTime: new Date(rec.startedAt).toISOString(),
		time: round3(waitMs + receiveMs),
		request: {
			method: rec.method,
			url: harUrl(rec),
			httpVersion,
			cookies: [],
			headers: harHeaders(rec.requestHeaders, options.showSecrets),
			queryString: harQueryString(rec.path),
			headersSize: -1,
			bodySize: -1,
		},
		response: {
			status: rec.httpStatus ?? 0,
			statusText: '',
			httpVersion,
			cookies: [],
			headers: responseHeaders,
			content: {size: rec.responseBytes ?? 0, mimeType: headerValue(rec.responseHeaders, 'content-type') ?? ''},
			redirectURL: '',
			headersSize: -1,
			bodySize: rec.responseBytes ?? -1,
		},
		cache: {},
		timings: {blocked: -1, dns: -1, connect: -1, send: 0, wait: waitMs, receive: receiveMs, ssl: -1},
	};
	if (rec.destination?.ip) entry.serverIPAddress = rec.destination.ip;
	if (rec.destination) entry.connection = String(rec.destination.port);
	entry.comment = harComment(rec);
	entry._proxyDirection = rec.direction;
	entry._source = {name: rec.sourceName, ip: rec.source?.ip ?? '', port: rec.source?.port ?? 0};
	entry._destination = {name: rec.destinationName, ip: rec.destination?.ip ?? '', port: rec.destination?.port ?? 0};
	entry._tls = rec.tls;
	if (rec.eos?.kind === 'grpc') {
		entry._grpcStatus = rec.eos.code;
		entry._grpcStatusName = grpcStatusName(rec.eos.code);
	}
	if (rec.eos?.kind === 'reset') {
		entry._resetErrorCode = rec.eos.code;
		entry._resetErrorName = resetName(rec.eos.code);
	}
	if (rec.success !== null) entry._success = rec.success;
	return entry;
}

/** See the file comment: the tap does not tell the version, so it is inferred. */
export function harHttpVersion(rec: RequestRecord): 'HTTP/2.0' | 'HTTP/1.1' {
	const pseudo = (rec.requestHeaders ?? []).some(h => h.name.startsWith(':'));
	const grpc = [rec.requestHeaders, rec.responseHeaders].some(headers => /^application\/grpc/i.test(headerValue(headers, 'content-type') ?? ''));
	return pseudo || grpc ? 'HTTP/2.0' : 'HTTP/1.1';
}

/**
 * `scheme://authority path`: the scheme lower-cased (http when the tap gave none), the
 * destination address when there was no authority, and a path that starts with `/`.
 */
export function harUrl(rec: RequestRecord): string {
	const scheme = rec.scheme.toLowerCase() || 'http';
	let authority = rec.authority;
	if (authority === '' && rec.destination) {
		const ip = rec.destination.ip.includes(':') ? `[${rec.destination.ip}]` : rec.destination.ip;
		authority = `${ip}:${rec.destination.port}`;
	}
	const path = rec.path === '' ? '/' : rec.path.startsWith('/') ? rec.path : `/${rec.path}`;
	return `${scheme}://${authority}${path}`;
}

/** The query of a path as HAR's name/value list, decoded as a browser would (`+` is a space). */
export function harQueryString(path: string): JsonValue[] {
	const at = path.indexOf('?');
	if (at < 0) return [];
	let query = path.slice(at + 1);
	const hash = query.indexOf('#');
	if (hash >= 0) query = query.slice(0, hash);
	return [...new URLSearchParams(query)].map(([name, value]) => ({name, value}));
}

/** The comment a viewer shows: direction, source → destination, the gRPC or reset outcome, mTLS. */
export function harComment(rec: RequestRecord): string {
	const parts = [`${rec.direction.toLowerCase()} ${rec.sourceName} → ${rec.destinationName}`];
	if (rec.eos?.kind === 'grpc') parts.push(`grpc-status ${grpcStatusName(rec.eos.code)} (${rec.eos.code})`);
	if (rec.eos?.kind === 'reset') parts.push(`reset ${resetName(rec.eos.code)} (${rec.eos.code})`);
	parts.push(rec.tls === 'true' ? 'mTLS' : rec.tls === '' ? 'mTLS unknown' : `no mTLS (${rec.tls})`);
	return parts.join(' · ');
}

function resetName(code: number): string {
	return resetCodeNames[code] ?? `code ${code}`;
}

/** Headers without h2 pseudo-headers, masked unless showSecrets; binary values in base64. */
function harHeaders(headers: Header[] | null, showSecrets: boolean, comment?: string): JsonValue[] {
	const out: JsonValue[] = [];
	for (const h of maskHeaders(headers, showSecrets) ?? []) {
		if (h.name.startsWith(':')) continue;
		let header: JsonObject;
		if (h.valueStr !== undefined) header = {name: h.name, value: h.valueStr};
		else if (h.valueBin !== undefined) header = {name: h.name, value: Buffer.from(h.valueBin).toString('base64'), comment: 'base64'};
		else continue;
		if (comment !== undefined) header.comment = header.comment === undefined ? comment : `${comment}, ${header.comment as string}`;
		out.push(header);
	}
	return out;
}

function headerValue(headers: Header[] | null, name: string): string | undefined {
	return headers?.find(h => h.name.toLowerCase() === name && h.valueStr !== undefined)?.valueStr;
}

function ms(us: number): number {
	return round3(us / 1000);
}

function round3(n: number): number {
	return Math.round(n * 1000) / 1000;
}
