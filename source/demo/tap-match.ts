// The tap server's match translation (spec §3.1, §3.2): only a top-level `all` of
// `destinations` and `http` leaves is accepted; everything else is Unimplemented. The result is
// a predicate over one request as seen by one proxy, with the proxy's semantics (method
// uppercased exact, path prefix, authority exact, scheme case-insensitive, destination labels).
import type {LabelMap} from './labels.js';
import type {DemoRequest} from './traffic.js';

export interface RequestView {
	request: DemoRequest;
	/** destination_meta labels known to the reporting proxy (before tap-server hydration). */
	destinationLabels: LabelMap;
}

export type TapPredicate = (view: RequestView) => boolean;

export type CompiledMatch = {ok: true; predicate: TapPredicate} | {ok: false; message: string};

type MatchObject = Record<string, unknown>;

// A rough rendering of Go's %+v for a proto message, enough to name what was rejected.
function goText(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (typeof value !== 'object') return JSON.stringify(value);
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
	return entries.map(([k, v]) => {
		if (Array.isArray(v)) return v.map(item => `${k}:{${goText(item)}}`).join(' ');
		return typeof v === 'object' && v !== null ? `${k}:{${goText(v)}}` : `${k}:${JSON.stringify(v)}`;
	}).join(' ');
}

export function destinationLabelsFor(resource: {namespace?: string; type?: string; name?: string}): LabelMap {
	const labels: LabelMap = {};
	const type = resource.type ?? '';
	if (resource.name) labels[type === 'job' ? 'k8s_job' : type] = resource.name;
	if (type !== 'namespace' && resource.namespace) labels['namespace'] = resource.namespace;
	return labels;
}

function httpPredicate(http: MatchObject): TapPredicate | string {
	if (typeof http['scheme'] === 'string') {
		const scheme = http['scheme'].toLowerCase();
		return ({request}) => (request.scheme || 'http').toLowerCase() === scheme;
	}
	if (typeof http['method'] === 'string') {
		const method = http['method'].toUpperCase();
		return ({request}) => request.method === method;
	}
	if (typeof http['authority'] === 'string') {
		const authority = http['authority'];
		return ({request}) => request.authority === authority;
	}
	if (typeof http['path'] === 'string') {
		const prefix = http['path'];
		return ({request}) => request.path.startsWith(prefix);
	}
	return `unknown HTTP match type: ${goText(null)}`;
}

export function compileMatch(match: MatchObject | null): CompiledMatch {
	const all = match?.['all'] as {matches?: MatchObject[]} | undefined;
	if (!match || !all) return {ok: false, message: `unexpected match specified: ${goText(match)}`};
	const predicates: TapPredicate[] = [];
	for (const entry of all.matches ?? []) {
		if (entry['destinations']) {
			const selection = entry['destinations'] as {resource?: Record<string, string>};
			const wanted = Object.entries(destinationLabelsFor(selection.resource ?? {}));
			predicates.push(({destinationLabels}) => wanted.every(([k, v]) => destinationLabels[k] === v));
		} else if (entry['http']) {
			const predicate = httpPredicate(entry['http'] as MatchObject);
			if (typeof predicate === 'string') return {ok: false, message: predicate};
			predicates.push(predicate);
		} else {
			const [kind] = Object.keys(entry);
			return {ok: false, message: `unknown match type: ${kind ? `&{${kind[0]!.toUpperCase()}${kind.slice(1)}:${goText(entry[kind])}}` : '<nil>'}`};
		}
	}
	return {ok: true, predicate: view => predicates.every(p => p(view))};
}
