// `meshtop edges`: the table and JSON of `linkerd viz edges`, with meshtop's stricter SECURED
// (an edge counts as secured only with a server identity and no reason for missing TLS).
import type {MeshEdge} from '../model/metrics.js';
import {sanitize} from '../model/sanitize.js';
import {alignColumns} from './stat.js';

export const SECURED_MARK = '√';
/** Shown when the proxy gave no reason but also no server identity (tls="disabled" without no_tls_reason). */
export const NO_SERVER_IDENTITY = 'No Server Identity';

/** "web.emojivoto.serviceaccount.identity.linkerd.cluster.local" → "web.emojivoto". */
export function shortIdentity(id: string): string {
	return id.split('.').slice(0, 2).join('.');
}

export function securedCell(edge: MeshEdge): string {
	if (edge.secured) return SECURED_MARK;
	return edge.noIdentityMsg === '' ? NO_SERVER_IDENTITY : sanitize(edge.noIdentityMsg);
}

function sortEdges(edges: MeshEdge[]): MeshEdge[] {
	return [...edges].sort(
		(a, b) =>
			a.srcNamespace.localeCompare(b.srcNamespace) ||
			a.src.localeCompare(b.src) ||
			a.dstNamespace.localeCompare(b.dstNamespace) ||
			a.dst.localeCompare(b.dst),
	);
}

function jsonEdge(edge: MeshEdge): Record<string, unknown> {
	return {
		src: sanitize(edge.src),
		src_namespace: sanitize(edge.srcNamespace),
		dst: sanitize(edge.dst),
		dst_namespace: sanitize(edge.dstNamespace),
		client_id: sanitize(edge.clientId),
		server_id: sanitize(edge.serverId),
		no_tls_reason: sanitize(edge.noIdentityMsg),
		secured: edge.secured,
	};
}

/** Empty string for no edges in table form: the caller prints "No edges found." to stderr. */
export function formatEdgesTable(edges: MeshEdge[], format: 'table' | 'wide' | 'json'): string {
	const sorted = sortEdges(edges);
	if (format === 'json') return JSON.stringify(sorted.map(jsonEdge), null, 2) + '\n';
	if (sorted.length === 0) return '';
	const wide = format === 'wide';
	const header = ['SRC', 'DST', 'SRC_NS', 'DST_NS', ...(wide ? ['CLIENT_ID', 'SERVER_ID'] : []), 'SECURED'];
	const lines = sorted.map((e) => [
		sanitize(e.src),
		sanitize(e.dst),
		sanitize(e.srcNamespace),
		sanitize(e.dstNamespace),
		...(wide ? [sanitize(shortIdentity(e.clientId)) || '-', sanitize(shortIdentity(e.serverId)) || '-'] : []),
		securedCell(e),
	]);
	return alignColumns([header, ...lines], header.map(() => false));
}
