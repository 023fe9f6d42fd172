// Every field of one request as display lines. Pure apart from the label tables,
// which the caller renders (see detail.tsx). Values are sanitized and wrapped to the width.
import stringWidth from 'string-width';
import {formatAddress, formatLatency, grpcStatusName} from '../../model/format.js';
import {sanitize} from '../../model/sanitize.js';
import {inboundPolicy, policyDenial, policyObjectText, type PolicyObject, type PolicyPart} from '../../model/policy.js';
import {maskHeaders} from '../../model/secrets.js';
import type {RequestRecord} from '../../model/types.js';
import type {Header, Labels} from '../../model/event.js';
import type {Token} from '../theme.js';
import {pairFields, pairSides, type PairField} from './pair-fields.js';

export interface Line {
	text: string;
	token?: Token;
}

const segmenter = new Intl.Segmenter();

/** Splits a sanitized value into pieces of at most `width` columns. */
export function wrapText(value: string, width: number): string[] {
	const safe = sanitize(value);
	if (width <= 0) return [''];
	if (stringWidth(safe) <= width) return [safe];
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const {segment} of segmenter.segment(safe)) {
		const w = stringWidth(segment);
		if (used + w > width && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}
		piece += segment;
		used += w;
	}
	if (piece !== '') pieces.push(piece);
	return pieces;
}

const labelWidth = 14;

function field(lines: Line[], name: string, value: string, width: number, token?: Token): void {
	const pieces = wrapText(value, Math.max(8, width - labelWidth - 2));
	pieces.forEach((piece, i) => {
		lines.push({text: `  ${(i === 0 ? name : '').padEnd(labelWidth)}${piece}`, token});
	});
}

export function headerValue(header: Header): string {
	if (header.valueStr !== undefined) return header.valueStr;
	if (header.valueBin !== undefined) return `base64:${Buffer.from(header.valueBin).toString('base64')}`;
	return '';
}

function findHeader(record: RequestRecord, name: string): string | undefined {
	const header = record.requestHeaders?.find(h => h.name.toLowerCase() === name);
	return header ? headerValue(header) : undefined;
}

function outcome(record: RequestRecord, now: number | undefined): string {
	const parts: string[] = [];
	if (record.state === 'open') {
		const waited = now === undefined ? '' : ` ${formatLatency(Math.max(0, now - record.startedAt) * 1000)}`;
		return record.httpStatus === null ? `pending: waiting${waited} for the response` : `pending: HTTP ${record.httpStatus}, waiting${waited} for the end of the stream`;
	}
	if (record.httpStatus !== null) parts.push(`HTTP ${record.httpStatus}`);
	if (record.eos?.kind === 'grpc') parts.push(`gRPC ${grpcStatusName(record.eos.code)} (${record.eos.code})`);
	if (record.eos?.kind === 'reset') parts.push(`stream reset, h2 error code ${record.eos.code}`);
	if (record.state === 'expired') parts.push('gave up waiting (no end event)');
	if (record.success !== null) parts.push(record.success ? 'success' : 'failure');
	return parts.join(' · ');
}

function headerSection(lines: Line[], title: string, headers: Header[] | null, showSecrets: boolean, width: number): void {
	lines.push({text: ''}, {text: title, token: 'title'});
	const shown = maskHeaders(headers, showSecrets);
	if (!shown || shown.length === 0) {
		lines.push({text: '  (none)', token: 'muted'});
		return;
	}
	for (const header of shown) {
		const name = sanitize(header.name);
		const pieces = wrapText(headerValue(header), Math.max(8, width - name.length - 4));
		pieces.forEach((piece, i) => lines.push({text: i === 0 ? `  ${name}: ${piece}` : `  ${' '.repeat(name.length + 2)}${piece}`}));
	}
}

function policyText(o: PolicyObject, part: PolicyPart): string {
	const text = policyObjectText(o, part);
	if (o.group !== '') return `${text}  (${o.group})`;
	return o.kind === 'default' ? `${text}  (default policy)` : text;
}

/** Which Server, route and authorization let an inbound request in, and a denial's likely cause. */
function policySection(lines: Line[], record: RequestRecord, width: number, server: RequestRecord = record): void {
	const policy = inboundPolicy(server);
	const denial = policyDenial(record) ?? policyDenial(server);
	if (!policy && !denial) return;
	lines.push({text: ''}, {text: 'Policy', token: 'title'});
	if (policy) {
		field(lines, 'server', policyText(policy.server, 'srv'), width);
		field(lines, 'route', policyText(policy.route, 'route'), width);
		field(lines, 'authorization', policyText(policy.authz, 'authz'), width);
	}
	if (denial) {
		const shape = denial.protocol === 'grpc' ? 'gRPC PermissionDenied' : 'HTTP 403, empty body';
		const text = denial.certain
			? `denied by the server's authorization policy (${shape}): ${denial.proxyError}`
			: `likely denied by the server's authorization policy (${shape})`;
		field(lines, 'denied', text, width, 'error');
	}
}

/** The label tables are rendered by the caller: these are their titles and rows. */
export function labelRows(labels: Labels): Array<{label: string; value: string}> {
	if (!labels) return [];
	return Object.keys(labels)
		.sort()
		.map(label => ({label: sanitize(label), value: sanitize(labels[label]!)}));
}

/**
 * The client's identity. INBOUND: the peer's, as the server's proxy saw it (client_id). OUTBOUND:
 * the reporting proxy is the client, so it is this pod's own identity, built from its service
 * account and namespace and the trust domain the server's identity shows.
 */
export function clientIdentity(record: RequestRecord): string {
	const given = record.sourceLabels?.['client_id'];
	if (given) return given;
	if (record.direction !== 'OUTBOUND' || record.tls !== 'true') return '-';
	const account = record.sourceLabels?.['serviceaccount'];
	const namespace = record.sourceLabels?.['namespace'];
	const server = record.destinationLabels?.['server_id'] ?? '';
	const marker = '.serviceaccount.identity.';
	const at = server.indexOf(marker);
	if (!account || !namespace || at === -1) return '- (this pod\'s own identity; its service account is not labelled)';
	return `${account}.${namespace}${server.slice(at)} (this pod's own)`;
}

/**
 * `partner`: the same request seen at the other end, when the stream pairs them (model/pairing.ts):
 * then both proxies, both latencies and their difference, and both tls views take the places of
 * the one side's latency and mTLS lines.
 */
export function detailLines(record: RequestRecord, showSecrets: boolean, width: number, now?: number, partner?: RequestRecord): Line[] {
	const lines: Line[] = [];
	const direction = record.direction.toLowerCase();
	const sides = partner ? pairSides(record, partner) : {client: record, server: record};
	const pair = partner ? pairFields(record, partner, clientIdentity(sides.client)) : undefined;
	const fields = (list: PairField[]) => list.forEach(f => field(lines, f.name, f.value, width, f.token));
	const title = partner
		? `Request #${sides.client.seq} outbound + #${sides.server.seq} inbound  ${record.state}  (seen at both ends; b: raw rows)`
		: `Request #${record.seq}  ${direction}  ${record.state}`;
	lines.push({text: title, token: 'title'});
	field(lines, 'id', `base ${record.streamBase} stream ${record.streamId}`, width);
	field(lines, 'source', `${record.sourceName}  ${formatAddress(record.source)}`, width);
	field(lines, 'destination', `${record.destinationName}  ${formatAddress(record.destination)}`, width);
	if (pair) fields(pair.proxies);
	field(lines, 'method', record.method, width);
	field(lines, 'scheme', record.scheme, width);
	field(lines, 'authority', record.authority, width);
	field(lines, 'path', record.path, width);
	field(lines, 'status', outcome(record, now), width, record.success === false ? 'error' : record.state === 'open' ? 'warn' : undefined);
	const waiting = record.state === 'open' && now !== undefined ? `waiting ${formatLatency(Math.max(0, now - record.startedAt) * 1000)}` : '-';
	const firstByte = record.latencyUs === null ? waiting : formatLatency(record.latencyUs);
	const total = record.totalUs === null ? waiting : formatLatency(record.totalUs);
	if (pair) fields(pair.latency);
	else field(lines, 'latency', `first byte ${firstByte} · total ${total}`, width);
	field(lines, 'bytes', record.responseBytes === null ? '-' : `${record.responseBytes} response body bytes`, width);
	const secure = record.tls === 'true';
	if (pair) fields(pair.tls);
	else {
		field(lines, 'mTLS', secure ? 'yes (tls=true)' : `no: ${record.tls || 'unknown'}`, width, secure ? 'secure' : 'insecure');
		field(lines, 'client id', clientIdentity(record), width);
	}
	// The server's identity is what the caller's proxy verified.
	field(lines, 'server id', sides.client.destinationLabels?.['server_id'] || '-', width);
	const traceparent = findHeader(record, 'traceparent');
	const b3 = findHeader(record, 'x-b3-traceid');
	if (traceparent !== undefined) field(lines, 'traceparent', traceparent, width, 'accent');
	if (b3 !== undefined) field(lines, 'x-b3-traceid', b3, width, 'accent');
	if (traceparent === undefined && b3 === undefined) field(lines, 'trace', '-', width);
	// The server's proxy is the one that tells which policy let the request in.
	policySection(lines, record, width, sides.server);
	headerSection(lines, 'Request headers', record.requestHeaders, showSecrets, width);
	headerSection(lines, 'Response headers', record.responseHeaders, showSecrets, width);
	headerSection(lines, 'Trailers', record.trailers, showSecrets, width);
	return lines;
}
