// The Prometheus HTTP API's answer to an instant query (linkerd-route-metrics.md §2.2), read
// the way the CLI's client_golang reads it, down to its error strings: a status that is not 2xx,
// 400 or 422 is not parsed ("server_error: server error: 503"), the error envelope becomes
// "<errorType>: <error>", a body that is not JSON becomes "bad_response: <json error>". Pure.

/** One series of an instant vector; labels absent from `metric` read as "". */
export interface PromSample {
	metric: Readonly<Record<string, string>>;
	/** The sample; NaN and ±Inf as Prometheus wrote them. */
	value: number;
}

export interface PromVector {
	samples: PromSample[];
	/** The response's `warnings`, for the caller to surface (the CLI hides them unless --verbose). */
	warnings: string[];
}

/** A query that failed; `message` is client_golang's `Error()` text, e.g. "execution: query timed out". */
export class PromQueryError extends Error {
	override readonly name = 'PromQueryError';
	constructor(
		readonly errorType: string,
		readonly detail: string,
	) {
		super(`${errorType}: ${detail}`);
	}
}

/** A label's value, "" when Prometheus left it out (it omits empty labels). */
export function label(sample: PromSample, name: string): string {
	return sample.metric[name] ?? '';
}

/** client_golang's apiError(): the statuses whose body is still an API envelope. */
function apiErrorStatus(status: number): boolean {
	return status === 400 || status === 422;
}

function statusError(status: number): PromQueryError {
	if (status >= 500 && status < 600) return new PromQueryError('server_error', `server error: ${status}`);
	if (status >= 400 && status < 500) return new PromQueryError('client_error', `client error: ${status}`);
	return new PromQueryError('bad_response', `bad response code ${status}`);
}

/** Go's encoding/json wording for the two commonest non-JSON bodies (an HTML page, nothing). */
function jsonError(body: string, error: unknown): PromQueryError {
	const first = /\S/.exec(body)?.[0];
	if (first === undefined) return new PromQueryError('bad_response', 'unexpected end of JSON input');
	if (!/[[{"\-0-9tfn]/.test(first)) return new PromQueryError('bad_response', `invalid character '${first}' looking for beginning of value`);
	return new PromQueryError('bad_response', error instanceof Error ? error.message : String(error));
}

/** Go's strconv.ParseFloat, as prometheus/common reads a sample ("NaN", "+Inf", "1e3"). */
export function parseSampleValue(text: unknown): number {
	if (typeof text !== 'string') throw new PromQueryError('bad_response', 'sample value must be a quoted string');
	const trimmed = text;
	if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
	if (/^nan$/i.test(trimmed)) return Number.NaN;
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
		throw new PromQueryError('bad_response', `strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
	}
	return Number(trimmed);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readSample(raw: unknown): PromSample | undefined {
	if (!isRecord(raw)) throw new PromQueryError('bad_response', 'vector element is not an object');
	const metric: Record<string, string> = {};
	if (isRecord(raw['metric'])) {
		for (const [name, value] of Object.entries(raw['metric'])) {
			if (typeof value === 'string') metric[name] = value;
		}
	}
	// A native-histogram sample carries `histogram` instead; none of our queries yields one.
	if (!Array.isArray(raw['value'])) return undefined;
	return {metric, value: parseSampleValue(raw['value'][1])};
}

/**
 * The vector of one /api/v1/query answer, or a PromQueryError. `status` is the HTTP status,
 * `body` the response body as text.
 */
export function parsePromResponse(status: number, body: string): PromVector {
	if (Math.floor(status / 100) !== 2 && !apiErrorStatus(status)) throw statusError(status);
	let envelope: unknown;
	if (status !== 204) {
		try {
			envelope = JSON.parse(body);
		} catch (error) {
			throw jsonError(body, error);
		}
	}
	const result = isRecord(envelope) ? envelope : {};
	if (apiErrorStatus(status) && result['status'] === 'success') throw new PromQueryError('bad_response', 'inconsistent body for response code');
	if (result['status'] === 'error') {
		throw new PromQueryError(String(result['errorType'] ?? ''), String(result['error'] ?? ''));
	}
	const warnings = Array.isArray(result['warnings']) ? result['warnings'].filter((w): w is string => typeof w === 'string') : [];
	const data = result['data'];
	if (!isRecord(data)) throw new PromQueryError('bad_response', 'the response has no data');
	if (data['resultType'] !== 'vector') {
		throw new PromQueryError('bad_response', `unexpected result type ${JSON.stringify(data['resultType'])}, expected "vector"`);
	}
	const rawResult = data['result'];
	if (rawResult !== null && !Array.isArray(rawResult)) throw new PromQueryError('bad_response', 'data.result is not an array');
	const samples: PromSample[] = [];
	for (const raw of rawResult ?? []) {
		const sample = readSample(raw);
		if (sample) samples.push(sample);
	}
	return {samples, warnings};
}
