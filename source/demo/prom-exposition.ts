// The Prometheus text exposition format 0.0.4 of a set of samples, as a proxy's /metrics
// would be scraped: one `# HELP` and `# TYPE` per family, families in name order, a
// histogram's `_bucket` series (by `le`, +Inf last), `_sum` and `_count` together per label set,
// label values escaped (\\, \", \n), empty values written as the proxy writes them (`error=""`).
import type {PromSample} from './prom-types.js';
import {parseBound} from './promql-functions.js';

export const exposition004ContentType = 'text/plain; version=0.0.4; charset=utf-8';

type FamilyType = 'counter' | 'histogram' | 'untyped';

interface Family {
	name: string;
	type: FamilyType;
	samples: PromSample[];
}

const helps: Record<string, string> = {
	request_total: 'Total count of HTTP requests.',
	response_total: 'Total count of HTTP responses.',
	response_latency_ms: 'Elapsed times between a request\'s headers being received and its response stream completing',
	inbound_http_authz_allow_total: 'The total number of inbound HTTP requests that were authorized',
	inbound_http_authz_deny_total: 'The total number of inbound HTTP requests that could not be processed due to a proxy error.',
};

const suffixHelp: Array<[RegExp, string]> = [
	[/_request_duration_seconds$/, 'The time between request initialization and response completion.'],
	[/_response_duration_seconds$/, 'The time between request completion and response completion.'],
	[/_request_statuses_total$/, 'Completed request-response streams.'],
	[/_response_statuses_total$/, 'Completed responses.'],
	[/_backend_requests_total$/, 'The total number of requests dispatched.'],
	[/_retry_requests_total$/, 'Retry requests emitted.'],
	[/_retry_successes_total$/, 'Successful responses to retry requests.'],
	[/_retry_limit_exceeded_total$/, 'Retryable requests not sent due to retry limits.'],
	[/_retry_overflow_total$/, 'Retryable requests not sent due to circuit breakers.'],
];

function helpFor(family: Family): string {
	return helps[family.name] ?? suffixHelp.find(([pattern]) => pattern.test(family.name))?.[1] ?? `The demo mesh's ${family.name} ${family.type}.`;
}

export function escapeLabelValue(value: string): string {
	if (!/[\\"\n]/.test(value)) return value;
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
	if (Number.isNaN(v)) return 'NaN';
	if (v === Number.POSITIVE_INFINITY) return '+Inf';
	if (v === Number.NEGATIVE_INFINITY) return '-Inf';
	return String(v);
}

// Both by label-set object: a source that hands out the same objects scrape after scrape (the
// demo's proxy series do) is rendered from cache, which keeps a 1 s scrape of the mesh cheap.
const labelTexts = new WeakMap<object, string>();
const seriesKeys = new WeakMap<object, string>();

/** Labels in the order the sample carries them, `le` last (as client libraries write it). */
function labelText(labels: Readonly<Record<string, string>>): string {
	let text = labelTexts.get(labels);
	if (text === undefined) labelTexts.set(labels, text = renderLabels(labels));
	return text;
}

function renderLabels(labels: Readonly<Record<string, string>>): string {
	const names = Object.keys(labels).filter(name => name !== 'le');
	if (labels['le'] !== undefined) names.push('le');
	return names.length === 0 ? '' : `{${names.map(name => `${name}="${escapeLabelValue(labels[name]!)}"`).join(',')}}`;
}

function seriesKey(labels: Readonly<Record<string, string>>): string {
	let key = seriesKeys.get(labels);
	if (key === undefined) seriesKeys.set(labels, key = computeSeriesKey(labels));
	return key;
}

function computeSeriesKey(labels: Readonly<Record<string, string>>): string {
	return Object.keys(labels).filter(name => name !== 'le').sort().map(name => `${name}=${JSON.stringify(labels[name])}`).join(',');
}

/** Groups samples into families: `X_bucket` with `le` makes X a histogram that also owns `X_sum`/`X_count`. */
function families(samples: readonly PromSample[]): Family[] {
	const histograms = new Set(samples.filter(s => s.name.endsWith('_bucket') && s.labels['le'] !== undefined).map(s => s.name.slice(0, -'_bucket'.length)));
	const byName = new Map<string, Family>();
	for (const sample of samples) {
		const base = /^(.*)_(bucket|sum|count)$/.exec(sample.name)?.[1];
		const histogram = base !== undefined && histograms.has(base);
		const name = histogram ? base : sample.name;
		let family = byName.get(name);
		if (!family) byName.set(name, family = {name, type: histogram ? 'histogram' : sample.name.endsWith('_total') ? 'counter' : 'untyped', samples: []});
		family.samples.push(sample);
	}
	return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function histogramLines(family: Family): string[] {
	const series = new Map<string, PromSample[]>();
	for (const sample of family.samples) {
		const key = seriesKey(sample.labels);
		const group = series.get(key);
		if (group) group.push(sample);
		else series.set(key, [sample]);
	}
	const part = (sample: PromSample): number => (sample.name.endsWith('_bucket') ? 0 : sample.name.endsWith('_sum') ? 1 : 2);
	const lines: string[] = [];
	for (const group of series.values()) {
		group.sort((a, b) => part(a) - part(b) || (parseBound(a.labels['le'] ?? '') ?? 0) - (parseBound(b.labels['le'] ?? '') ?? 0));
		for (const sample of group) lines.push(`${sample.name}${labelText(sample.labels)} ${formatValue(sample.value)}`);
	}
	return lines;
}

/** The exposition text of `samples`, ending with a newline (empty for no samples). */
export function renderExposition(samples: readonly PromSample[]): string {
	const lines: string[] = [];
	for (const family of families(samples)) {
		lines.push(`# HELP ${family.name} ${escapeHelp(helpFor(family))}`, `# TYPE ${family.name} ${family.type}`);
		if (family.type === 'histogram') lines.push(...histogramLines(family));
		else for (const sample of family.samples) lines.push(`${sample.name}${labelText(sample.labels)} ${formatValue(sample.value)}`);
	}
	return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
