// `meshtop stat`: the table and JSON of `linkerd viz stat`, from metrics-api rows.
import stringWidth from 'string-width';
import type {WorkloadStats} from '../model/metrics.js';
import {formatPercent} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';

const GAP = '   ';

/** Pads cells into columns separated by three spaces, like Go's tabwriter with padding 3. */
export function alignColumns(lines: string[][], rightAligned: boolean[]): string {
	const widths: number[] = [];
	for (const cells of lines) {
		cells.forEach((cell, i) => {
			widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell));
		});
	}
	return lines
		.map((cells) =>
			cells
				.map((cell, i) => {
					const pad = ' '.repeat(widths[i]! - stringWidth(cell));
					if (rightAligned[i]) return pad + cell;
					return i === cells.length - 1 ? cell : cell + pad;
				})
				.join(GAP),
		)
		.join('\n')
		.concat('\n');
}

export function formatRps(rps: number): string {
	return `${rps.toFixed(1)}rps`;
}

function sortRows(rows: WorkloadStats[]): WorkloadStats[] {
	return [...rows].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function meshed(row: WorkloadStats): string {
	// metrics-api computes service rows from client-side metrics, so pod counts mean nothing there.
	return row.type === 'service' ? '-' : `${row.meshedPods}/${row.runningPods}`;
}

function tableLine(row: WorkloadStats, withNamespace: boolean): string[] {
	const lead = withNamespace ? [sanitize(row.namespace)] : [];
	const name = sanitize(row.name);
	if (!row.hasData) return [...lead, name, meshed(row), '-', '-', '-', '-', '-', '-'];
	return [
		...lead,
		name,
		meshed(row),
		row.successRate === null ? '-' : formatPercent(row.successRate),
		row.rps === null ? '-' : formatRps(row.rps),
		row.p50Ms === null ? '-' : `${row.p50Ms}ms`,
		row.p95Ms === null ? '-' : `${row.p95Ms}ms`,
		row.p99Ms === null ? '-' : `${row.p99Ms}ms`,
		row.tcpConnections === null ? '-' : String(row.tcpConnections),
	];
}

/** Keys as in `linkerd viz stat -o json`; absent metrics are null. */
function jsonRow(row: WorkloadStats): Record<string, unknown> {
	return {
		namespace: sanitize(row.namespace),
		kind: sanitize(row.type),
		name: sanitize(row.name),
		meshed: meshed(row),
		success: row.hasData ? row.successRate : null,
		rps: row.hasData ? row.rps : null,
		latency_ms_p50: row.hasData ? row.p50Ms : null,
		latency_ms_p95: row.hasData ? row.p95Ms : null,
		latency_ms_p99: row.hasData ? row.p99Ms : null,
		tcp_open_connections: row.hasData ? row.tcpConnections : null,
	};
}

/** What `linkerd viz stat` shows without --unmeshed: rows of pod-owning types need a meshed pod. */
export function meshedOnly(rows: WorkloadStats[]): WorkloadStats[] {
	return rows.filter((r) => r.type === 'service' || r.type === 'authority' || r.meshedPods > 0);
}

/** Empty string for no rows in table form: the caller prints "No traffic found." to stderr. */
export function formatStatTable(rows: WorkloadStats[], format: 'table' | 'json'): string {
	const sorted = sortRows(rows);
	if (format === 'json') return JSON.stringify(sorted.map(jsonRow), null, 2) + '\n';
	if (sorted.length === 0) return '';
	const withNamespace = new Set(sorted.map((r) => r.namespace)).size > 1;
	const header = ['NAME', 'MESHED', 'SUCCESS', 'RPS', 'LATENCY_P50', 'LATENCY_P95', 'LATENCY_P99', 'TCP_CONN'];
	const lines = [withNamespace ? ['NAMESPACE', ...header] : header, ...sorted.map((r) => tableLine(r, withNamespace))];
	const right = lines[0]!.map((_, i) => i >= (withNamespace ? 2 : 1));
	return alignColumns(lines, right);
}
