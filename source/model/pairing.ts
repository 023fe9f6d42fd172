// One request seen twice: tapping both ends (a namespace, several namespaces) shows each
// meshed-to-meshed request once OUTBOUND at the client's proxy and once INBOUND at the
// server's. Stream ids are per proxy, so nothing on the wire links the two; this pairs them
// by what both proxies saw, and only when exactly one pairing is possible. Pure: a view over
// records, recomputed per snapshot; the records themselves and -o json stay as tapped.
//
// The rule. An OUTBOUND record O and an INBOUND record I are candidates when all hold:
//  1. both are done (an open or lost request has no outcome to compare);
//  2. the same server address (O.destination ip:port = I.destination ip:port) and the same
//     client ip (O.source.ip = I.source.ip; the ports differ in a real mesh: app→proxy vs
//     proxy→proxy connections);
//  3. the same method, authority and path;
//  4. tapped within `windowMs` of each other (start times as meshtop received them);
//  5. the same outcome: HTTP status, end of stream (gRPC status or reset) and response bytes;
//  6. the server's view fits inside the client's: I's latencies ≤ O's (+ `slackUs`);
//  7. request-id headers (x-request-id, traceparent, x-b3-spanid), when both carry one, agree;
//  8. both sides tell the same story where both tell one: the client and server workloads (by
//     name, when both sides know it) and whether the connection had mTLS (a client proxy that
//     saw mTLS and a server proxy that saw plaintext watched two different connections).
// They pair when O is I's only candidate and I is O's only candidate. Anything else (two
// look-alike requests in the window, a side the tap did not sample) stays two rows: a miss
// is shown as raw rows, never as a wrong pair. Mutual uniqueness is checked once, without
// cascading (pairing one couple never makes another "unique").
import type {Header} from './event.js';
import type {RequestRecord} from './types.js';

export interface PairingOptions {
	/** Largest gap between the two start times (ms). */
	windowMs: number;
	/** Rounding room when comparing the two sides' latencies (µs). */
	slackUs: number;
}

export const defaultPairing: PairingOptions = {windowMs: 1000, slackUs: 1000};

export interface PairingResult {
	/** Each paired record's partner, both ways, by seq. */
	partner: ReadonlyMap<number, RequestRecord>;
	/** Couples made. */
	pairs: number;
	/** Done OUTBOUND / INBOUND records left alone because they had two or more candidates. */
	ambiguous: number;
}

const idHeaders = ['x-request-id', 'traceparent', 'x-b3-spanid'];

function headerValue(headers: Header[] | null, name: string): string | undefined {
	if (!headers) return undefined;
	for (const header of headers) if (header.name === name) return header.valueStr ?? (header.valueBin ? Array.from(header.valueBin).join(',') : '');
	return undefined;
}

/** False when both sides carry a request-id header and the values differ. */
function idsAgree(a: RequestRecord, b: RequestRecord): boolean {
	for (const name of idHeaders) {
		const x = headerValue(a.requestHeaders, name);
		if (x === undefined) continue;
		const y = headerValue(b.requestHeaders, name);
		if (y !== undefined && x !== y) return false;
	}
	return true;
}

/** Names the tap hydrated (deploy/web, po/x); an address-only name tells nothing. */
function known(name: string): boolean {
	return name.includes('/');
}

function sameStory(client: RequestRecord, server: RequestRecord): boolean {
	if (known(client.sourceName) && known(server.sourceName) && client.sourceName !== server.sourceName) return false;
	if (known(client.destinationName) && known(server.destinationName) && client.destinationName !== server.destinationName) return false;
	if (client.tls !== '' && server.tls !== '' && (client.tls === 'true') !== (server.tls === 'true')) return false;
	return true;
}

function sameEos(a: RequestRecord, b: RequestRecord): boolean {
	if (a.eos === null || b.eos === null) return a.eos === b.eos;
	return a.eos.kind === b.eos.kind && a.eos.code === b.eos.code;
}

function fitsInside(server: number | null, client: number | null, slackUs: number): boolean {
	return server === null || client === null || server <= client + slackUs;
}

/** What both views must share exactly (rules 2 and 3). */
export function bucketKey(r: RequestRecord): string | undefined {
	if (!r.source || !r.destination || !r.source.ip || !r.destination.ip) return undefined;
	return `${r.destination.ip}|${r.destination.port}|${r.source.ip}|${r.method}|${r.authority}|${r.path}`;
}

/** Whether two records fall in one bucket (bucketKey's fields equal), without building the key. */
export function sameBucket(a: RequestRecord, b: RequestRecord): boolean {
	return (
		a.destination!.ip === b.destination!.ip &&
		a.destination!.port === b.destination!.port &&
		a.source!.ip === b.source!.ip &&
		a.path === b.path &&
		a.method === b.method &&
		a.authority === b.authority
	);
}

/** Whether an OUTBOUND and an INBOUND record of one bucket could be one request (rules 1, 4–8). */
export function candidate(client: RequestRecord, server: RequestRecord, options: PairingOptions): boolean {
	return (
		Math.abs(client.startedAt - server.startedAt) <= options.windowMs &&
		client.httpStatus === server.httpStatus &&
		client.responseBytes === server.responseBytes &&
		sameEos(client, server) &&
		fitsInside(server.latencyUs, client.latencyUs, options.slackUs) &&
		fitsInside(server.totalUs, client.totalUs, options.slackUs) &&
		idsAgree(client, server) &&
		sameStory(client, server)
	);
}

/** Index of the first record in `sorted` (by startedAt) that starts at or after `at`. */
function firstFrom(sorted: readonly RequestRecord[], at: number): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (sorted[mid]!.startedAt < at) low = mid + 1;
		else high = mid;
	}
	return low;
}

export function pairRecords(records: readonly RequestRecord[], options: PairingOptions = defaultPairing): PairingResult {
	const inbound = new Map<string, RequestRecord[]>();
	const outbound: Array<{record: RequestRecord; key: string}> = [];
	for (const record of records) {
		if (record.state !== 'done') continue;
		const key = bucketKey(record);
		if (key === undefined) continue;
		if (record.direction === 'INBOUND') {
			const bucket = inbound.get(key);
			if (bucket) bucket.push(record);
			else inbound.set(key, [record]);
		} else if (record.direction === 'OUTBOUND') {
			outbound.push({record, key});
		}
	}
	for (const bucket of inbound.values()) if (bucket.length > 1) bucket.sort((a, b) => a.startedAt - b.startedAt);

	// Each inbound record's candidate count, and each outbound record's only candidate (if one).
	const inboundCount = new Map<RequestRecord, number>();
	const only = new Map<RequestRecord, RequestRecord>();
	let ambiguous = 0;
	for (const {record, key} of outbound) {
		const bucket = inbound.get(key);
		if (!bucket) continue;
		let found: RequestRecord | undefined;
		let count = 0;
		for (let i = firstFrom(bucket, record.startedAt - options.windowMs); i < bucket.length; i++) {
			const server = bucket[i]!;
			if (server.startedAt > record.startedAt + options.windowMs) break;
			if (!candidate(record, server, options)) continue;
			count++;
			found = server;
			inboundCount.set(server, (inboundCount.get(server) ?? 0) + 1);
		}
		if (count === 1) only.set(record, found!);
		else if (count > 1) ambiguous++;
	}
	const partner = new Map<number, RequestRecord>();
	let pairs = 0;
	for (const [client, server] of only) {
		if (inboundCount.get(server) !== 1) continue;
		partner.set(client.seq, server);
		partner.set(server.seq, client);
		pairs++;
	}
	for (const count of inboundCount.values()) if (count > 1) ambiguous++;
	return {partner, pairs, ambiguous};
}

/** Client-side and server-side latency of a pair (µs; to end of stream, else to headers) and their difference. */
export function pairLatencies(client: RequestRecord, server: RequestRecord): {clientUs: number | null; serverUs: number | null; betweenUs: number | null} {
	const clientUs = client.totalUs ?? client.latencyUs;
	const serverUs = server.totalUs ?? server.latencyUs;
	return {clientUs, serverUs, betweenUs: clientUs === null || serverUs === null ? null : Math.max(0, clientUs - serverUs)};
}
