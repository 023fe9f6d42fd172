// `meshtop stat-outbound` / `stat-inbound` output: the table and JSON of `linkerd viz
// stat-outbound` / `stat-inbound` (linkerd-route-metrics.md §3.5, §3.6, §4), byte for byte.
// The table computes in float32 as the CLI does; JSON in float64. Route rows without requests
// are left out; in the table a backend row is not (it may read NaN%), in JSON it is. Pure.
import {f32, goFixed} from '../model/go-format.js';
import type {Counts, InboundRow, OutboundRouteRow} from '../model/route-metrics/rows.js';
import {sanitize} from '../model/sanitize.js';
import {renderLinkerdTable, type LinkerdColumn} from './linkerd-table.js';

export type RouteStatsFormat = 'table' | 'json';

/** `%.2f%%` of float32(part)/float32(whole)*100. */
function percent32(part: number, whole: number): string {
	return `${goFixed(f32(f32(f32(part) / f32(whole)) * 100), 2)}%`;
}

function rps32(requests: number, windowSeconds: number): string {
	return goFixed(f32(f32(requests) / f32(windowSeconds)), 2);
}

/** `%.0fms`, or `-` for NaN. */
function latencyCell(ms: number): string {
	return Number.isNaN(ms) ? '-' : `${goFixed(ms, 0)}ms`;
}

function total(counts: Counts): number {
	return counts.successes + counts.failures;
}

const left = (header: string): LinkerdColumn => ({header, leftAlign: true});
const right = (header: string): LinkerdColumn => ({header});

const outboundColumns = [left('NAME'), left('SERVICE'), left('ROUTE'), left('TYPE'), left('BACKEND'), right('SUCCESS'), right('RPS'), right('LATENCY_P50'), right('LATENCY_P95'), right('LATENCY_P99'), right('TIMEOUTS'), right('RETRIES')];
const inboundColumns = [left('NAME'), left('SERVER'), left('ROUTE'), left('TYPE'), right('SUCCESS'), right('RPS'), right('LATENCY_P50'), right('LATENCY_P95'), right('LATENCY_P99')];

/** Go's `len(route)` counts bytes: the `├───` of a backend row is as long as the route name in bytes. */
function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

export function formatOutboundTable(rows: readonly OutboundRouteRow[], windowSeconds: number): string {
	const lines: string[][] = [];
	for (const row of rows) {
		const requests = total(row);
		if (requests === 0) continue;
		const route = sanitize(row.route);
		lines.push([
			sanitize(row.name),
			`${sanitize(row.service)}:${sanitize(row.port)}`,
			route,
			sanitize(row.routeType),
			'',
			percent32(row.successes, requests),
			rps32(requests, windowSeconds),
			latencyCell(row.latencyMs.p50),
			latencyCell(row.latencyMs.p95),
			latencyCell(row.latencyMs.p99),
			percent32(row.timeouts, requests),
			percent32(row.retries, requests + row.retries),
		]);
		for (const backend of row.backends) {
			const backendRequests = total(backend);
			lines.push([
				'',
				'',
				`├${'─'.repeat(Math.max(0, utf8Length(route) - 1))}`,
				'────────►',
				`${sanitize(backend.backend)}:${sanitize(backend.backendPort)}`,
				percent32(backend.successes, backendRequests),
				rps32(backendRequests, windowSeconds),
				latencyCell(backend.latencyMs.p50),
				latencyCell(backend.latencyMs.p95),
				latencyCell(backend.latencyMs.p99),
				percent32(backend.timeouts, backendRequests),
				'',
			]);
		}
		// The CLI turns the first ├ of the route's last line into └ (a no-op without backends).
		const last = lines[lines.length - 1]!;
		last[2] = last[2]!.replace('├', '└');
	}
	return renderLinkerdTable(outboundColumns, lines);
}

export function formatInboundTable(rows: readonly InboundRow[], windowSeconds: number): string {
	const lines: string[][] = [];
	for (const row of rows) {
		const requests = row.successes + row.failures;
		if (requests === 0) continue;
		lines.push([
			sanitize(row.name),
			`${sanitize(row.server)}:${sanitize(row.port)}`,
			sanitize(row.route),
			sanitize(row.routeType),
			percent32(row.successes, requests),
			rps32(requests, windowSeconds),
			latencyCell(row.latencyMs.p50),
			latencyCell(row.latencyMs.p95),
			latencyCell(row.latencyMs.p99),
		]);
	}
	// The CLI sorts by NAME, SERVER and TYPE (its comment says Route; the index is TYPE); ROUTE breaks ties here.
	return renderLinkerdTable(inboundColumns, lines, [0, 1, 3, 2]);
}

/**
 * Go's json.Marshal of a string: HTML-safe escapes for <, > and &, and U+2028/U+2029. Beyond
 * Go, the C1 controls and DEL are escaped too (the same JSON value, safe in a terminal).
 */
function goJsonString(text: string): string {
	return JSON.stringify(text).replace(/[<>&\u2028\u2029\u007f-\u009f]/g, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number as Go's encoding/json writes a float64 (the same shortest form as JavaScript's). */
function jsonNumber(value: number): string {
	return JSON.stringify(value);
}

/** A latency: null when Prometheus said NaN; ±Inf, which Go cannot marshal, also null. */
function jsonLatency(ms: number): string {
	return Number.isFinite(ms) ? jsonNumber(ms) : 'null';
}

type Field = [string, string];

function object(fields: readonly Field[]): string {
	return `{${fields.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
}

/** A rate whose denominator is 0 is NaN, which Go's json.Marshal refuses; it cannot occur for kept rows. */
function rate(part: number, whole: number): string {
	return jsonNumber(part / whole);
}

export function formatOutboundJson(rows: readonly OutboundRouteRow[], windowSeconds: number): string {
	const out: string[] = [];
	for (const row of rows) {
		const requests = total(row);
		if (requests === 0) continue;
		const head: Field[] = [
			['name', goJsonString(row.name)],
			['service', goJsonString(row.service)],
			['port', goJsonString(row.port)],
			['route', goJsonString(row.route)],
			['routeType', goJsonString(row.routeType)],
		];
		const figures = (counts: Counts, n: number): Field[] => [
			['successRate', rate(counts.successes, n)],
			['rps', jsonNumber(n / windowSeconds)],
			['latencyMsP50', jsonLatency(counts.latencyMs.p50)],
			['latencyMsP95', jsonLatency(counts.latencyMs.p95)],
			['latencyMsP99', jsonLatency(counts.latencyMs.p99)],
			['timeoutRate', rate(counts.timeouts, n)],
		];
		out.push(object([...head, ...figures(row, requests), ['retryRate', rate(row.retries, requests + row.retries)]]));
		for (const backend of row.backends) {
			const n = total(backend);
			if (n === 0) continue;
			out.push(object([...head, ['backend', goJsonString(backend.backend)], ['backendPort', goJsonString(backend.backendPort)], ...figures(backend, n)]));
		}
	}
	return `[${out.join(',')}]\n`;
}

export function formatInboundJson(rows: readonly InboundRow[], windowSeconds: number): string {
	const out: string[] = [];
	for (const row of rows) {
		const requests = row.successes + row.failures;
		if (requests === 0) continue;
		out.push(
			object([
				['name', goJsonString(row.name)],
				['server', goJsonString(row.server)],
				['port', goJsonString(row.port)],
				['route', goJsonString(row.route)],
				['routeType', goJsonString(row.routeType)],
				// sic: linkerd spells it successesRate here and successRate in stat-outbound.
				['successesRate', rate(row.successes, requests)],
				['rps', jsonNumber(requests / windowSeconds)],
				['latencyMsP50', jsonLatency(row.latencyMs.p50)],
				['latencyMsP95', jsonLatency(row.latencyMs.p95)],
				['latencyMsP99', jsonLatency(row.latencyMs.p99)],
			]),
		);
	}
	return `[${out.join(',')}]\n`;
}
