// `meshtop authz`: the table and JSON of `linkerd viz authz` (route-metrics spec §6.3) from
// Authz rows. Pure. Server text is sanitized before it is laid out.
import stringWidth from 'string-width';
import type {AuthzRow} from '../model/authz.js';
import {goFixed} from '../model/go-format.js';
import {sanitize} from '../model/sanitize.js';

const HEADER = ['ROUTE', 'SERVER', 'AUTHORIZATION', 'UNAUTHORIZED', 'SUCCESS', 'RPS', 'LATENCY_P50', 'LATENCY_P95', 'LATENCY_P99'];
/** Columns 0–2 are text, left-aligned; the metric columns are right-aligned. */
const TEXT_COLUMNS = 3;
const PADDING = 2;

/** The cells of one shown row; `metrics` is null for a policy with no traffic (printed as `-`). */
interface Shown {
	route: string;
	server: string;
	authorization: string;
	metrics: {unauthorized: number; success: number; rps: number; p50: number; p95: number; p99: number} | null;
}

function serverName(row: AuthzRow): string {
	return row.server.kind === 'default' ? `default:${row.server.name}` : row.server.name;
}

function authorization(row: AuthzRow): string {
	return row.authz.kind === '' ? '' : `${row.authz.kind}/${row.authz.name}`;
}

/**
 * linkerd's row filter: rows with any request or denial; otherwise only a named (non-default)
 * authorization, as an existing series with no increase (`-` cells). In the server's order.
 */
export function shownRows(rows: readonly AuthzRow[], windowSeconds: number): Shown[] {
	const shown: Shown[] = [];
	for (const row of rows) {
		const base = {route: sanitize(row.route.name), server: sanitize(serverName(row)), authorization: sanitize(authorization(row))};
		const total = row.success + row.failure;
		if (total + row.denied > 0) {
			shown.push({
				...base,
				metrics: {
					unauthorized: row.denied / windowSeconds,
					success: total === 0 ? 0 : row.success / total,
					rps: total / windowSeconds,
					p50: row.p50Ms,
					p95: row.p95Ms,
					p99: row.p99Ms,
				},
			});
		} else if (row.authz.kind !== '' && row.authz.kind !== 'default') {
			shown.push({...base, metrics: null});
		}
	}
	return shown;
}

function cells(row: Shown): string[] {
	const m = row.metrics;
	if (!m) return [row.route, row.server, row.authorization, '-', '-', '-', '-', '-', '-'];
	return [
		row.route,
		row.server,
		row.authorization,
		`${goFixed(m.unauthorized, 1)}rps`,
		`${goFixed(m.success * 100, 2)}%`,
		`${goFixed(m.rps, 1)}rps`,
		`${m.p50}ms`,
		`${m.p95}ms`,
		`${m.p99}ms`,
	];
}

/** Go's byte-wise string order (ASCII names: the same as comparing UTF-16 units). */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Each cell padded to its column's width plus two spaces, the last one too (tabwriter's trailing tab). */
function layout(lines: string[][]): string {
	const widths = HEADER.map((_, i) => Math.max(...lines.map(cells => stringWidth(cells[i]!))));
	return lines
		.map(cells =>
			cells
				.map((cell, i) => {
					const pad = ' '.repeat(widths[i]! - stringWidth(cell));
					return (i < TEXT_COLUMNS ? cell + pad : pad + cell) + ' '.repeat(PADDING);
				})
				.join(''),
		)
		.map(line => `${line}\n`)
		.join('');
}

/** The table, sorted by SERVER, ROUTE, AUTHORIZATION; the header alone when no row is shown. */
export function formatAuthzTable(rows: readonly AuthzRow[], windowSeconds: number): string {
	const shown = shownRows(rows, windowSeconds).sort(
		(a, b) => compare(a.server, b.server) || compare(a.route, b.route) || compare(a.authorization, b.authorization),
	);
	return layout([HEADER, ...shown.map(cells)]);
}

/**
 * `-o json`: Go's MarshalIndent of one map per row, so keys in alphabetical order, two-space
 * indent, no trailing newline, rows unsorted; cells that were `-` are left out.
 */
export function formatAuthzJson(rows: readonly AuthzRow[], windowSeconds: number): string {
	const out = shownRows(rows, windowSeconds).map(row => {
		const entry: Record<string, string | number> = {authorization: row.authorization};
		const m = row.metrics;
		if (m) {
			entry['latency_ms_p50'] = m.p50;
			entry['latency_ms_p95'] = m.p95;
			entry['latency_ms_p99'] = m.p99;
		}
		entry['route'] = row.route;
		if (m) entry['rps'] = m.rps;
		entry['server'] = row.server;
		if (m) {
			entry['success'] = m.success;
			entry['unauthorized'] = m.unauthorized;
		}
		return entry;
	});
	return JSON.stringify(out, null, 2);
}
