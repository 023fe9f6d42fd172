// The bytes of Prometheus' /api/v1/query answers (web/api/v1 respond/respondError and its
// jsoniter codec): sorted label keys, `value` as [seconds with up to 3 decimals, "sample"], the
// sample in Go's shortest form ('e' with a two-digit exponent below 1e-6 and from 1e21 on,
// "NaN", "+Inf", "-Inf"), `warnings` after `data`, errors as status/errorType/error.
import type {PromQueryResult} from './prom-types.js';

/** HTTP status Prometheus answers an error type with (spec §2.2). */
export const errorStatus: Record<string, number> = {
	bad_data: 400,
	execution: 422,
	canceled: 503,
	timeout: 503,
	internal: 500,
	unavailable: 500,
	not_found: 404,
};

/** A sample value as Prometheus writes it inside the quotes. */
export function formatSampleValue(v: number): string {
	if (Number.isNaN(v)) return 'NaN';
	if (v === Number.POSITIVE_INFINITY) return '+Inf';
	if (v === Number.NEGATIVE_INFINITY) return '-Inf';
	if (Object.is(v, -0)) return '-0';
	return String(v).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Milliseconds as Prometheus' timestamp: whole seconds, then `.` and three digits unless zero. */
export function formatTimestamp(ms: number): string {
	const t = Math.trunc(ms);
	const sign = t < 0 ? '-' : '';
	const abs = Math.abs(t);
	const fraction = abs % 1000;
	return `${sign}${Math.floor(abs / 1000)}${fraction === 0 ? '' : `.${String(fraction).padStart(3, '0')}`}`;
}

/** A JSON string as Go's encoder writes it: HTML characters and U+2028/U+2029 escaped too. */
export function goJsonString(text: string): string {
	return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function metricJson(metric: Record<string, string>): string {
	return `{${Object.keys(metric).sort().map(name => `${goJsonString(name)}:${goJsonString(metric[name]!)}`).join(',')}}`;
}

/** The response body for one instant query evaluated at `unixMs`, and its HTTP status. */
export function encodeQueryResult(result: PromQueryResult, unixMs: number): {status: number; body: string} {
	if (result.status === 'error') {
		return {
			status: errorStatus[result.errorType] ?? 500,
			body: `{"status":"error","errorType":${goJsonString(result.errorType)},"error":${goJsonString(result.error)}}`,
		};
	}
	const ts = formatTimestamp(unixMs);
	const samples = result.result.map(({metric, value}) => `{"metric":${metricJson(metric)},"value":[${ts},"${formatSampleValue(value)}"]}`);
	const warnings = result.warnings && result.warnings.length > 0 ? `,"warnings":[${result.warnings.map(goJsonString).join(',')}]` : '';
	return {status: 200, body: `{"status":"success","data":{"resultType":"vector","result":[${samples.join(',')}]}${warnings}}`};
}
