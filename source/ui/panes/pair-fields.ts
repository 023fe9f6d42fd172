// The detail's "Seen at both ends" section: one request as the caller's proxy (OUTBOUND) and
// the server's proxy (INBOUND) each saw it (model/pairing.ts pairs them). Pure; values are
// sanitized when detail-lines.ts wraps them.
import {formatLatency} from '../../model/format.js';
import type {RequestRecord} from '../../model/types.js';
import type {Token} from '../theme.js';

export interface PairField {
	name: string;
	value: string;
	token?: Token;
}

/** The client-side (OUTBOUND) and server-side (INBOUND) records of a pair, whichever one is shown. */
export function pairSides(record: RequestRecord, partner: RequestRecord): {client: RequestRecord; server: RequestRecord} {
	return record.direction === 'INBOUND' ? {client: partner, server: record} : {client: record, server: partner};
}

/** `po/web-abc (deploy/web)`: the pod whose proxy reported it, and the workload it belongs to. */
function proxyText(pod: string | undefined, name: string, seq: number, direction: string): string {
	const who = pod ? (name.includes('/') && name !== `po/${pod}` ? `po/${pod} (${name})` : `po/${pod}`) : name;
	return `${who} · ${direction} #${seq}`;
}

/** `client 31ms · server 25ms · network + proxies 6.0ms`; a side that has no figure says `-`. */
function splitText(client: number | null, server: number | null): string {
	const show = (us: number | null) => (us === null ? '-' : formatLatency(us));
	// Rounding on either side can put the server a hair over the client: that is no time at all.
	const between = client === null || server === null ? '-' : formatLatency(Math.max(0, client - server));
	return `client ${show(client)} · server ${show(server)} · network + proxies ${between}`;
}

function tlsText(tls: string, whose: string): {value: string; token: Token} {
	const secure = tls === 'true';
	return {value: `${secure ? 'yes (tls=true)' : `no: ${tls || 'unknown'}`}, as ${whose} saw the connection`, token: secure ? 'secure' : 'insecure'};
}

/** The caller's identity as the server's proxy checked it, else `own` (as the caller's pod gives it). */
function clientId(server: RequestRecord, own: string): string {
	const seen = server.sourceLabels?.['client_id'];
	return seen || own;
}

/** The detail's fields for a pair, by the place they take: after the ends, for the latency line, for the mTLS line. */
export interface PairFields {
	proxies: PairField[];
	latency: PairField[];
	tls: PairField[];
}

/** `ownClientId`: the caller's identity from its own labels (detail-lines.ts clientIdentity), for when the server's proxy gave none. */
export function pairFields(record: RequestRecord, partner: RequestRecord, ownClientId: string): PairFields {
	const {client, server} = pairSides(record, partner);
	return {
		proxies: [
			{name: 'client proxy', value: proxyText(client.sourceLabels?.['pod'], client.sourceName, client.seq, 'outbound')},
			{name: 'server proxy', value: proxyText(server.destinationLabels?.['pod'], server.destinationName, server.seq, 'inbound')},
		],
		latency: [
			{name: 'to headers', value: splitText(client.latencyUs, server.latencyUs)},
			{name: 'to end', value: splitText(client.totalUs, server.totalUs)},
		],
		tls: [
			{name: 'mTLS client', ...tlsText(client.tls, "the caller's proxy")},
			{name: 'mTLS server', ...tlsText(server.tls, "the server's proxy")},
			{name: 'client id', value: clientId(server, ownClientId)},
		],
	};
}
