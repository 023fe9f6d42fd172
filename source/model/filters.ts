// Client-side filters: what the tap API cannot filter server-side (the source workload,
// the destination port, anything in the response): a filter-language expression (`/`,
// --filter), failures only (`x`), probe and admin noise hidden (`n`), and "only this
// route" from the routes pane. Filters are views: they never delete captured requests.
import {parseFilter} from './filter/index.js';
import {labelForType, shortType} from './names.js';
import {isNoise} from './noise.js';
import {routeTemplate} from './route-template.js';
import type {RequestRecord} from './types.js';


export interface ClientFilter {
	from?: {type: string; name: string; namespace?: string};
	fromNamespace?: string;
	port?: number;
	/** Filter-language text (model/filter/); only text that parses is ever stored here. */
	expr?: string;
	/** Only failures, by the success rule of `linkerd viz top` (the `error` class). */
	failuresOnly?: boolean;
	/** Hide kube-probe, health, metrics and proxy-admin requests (model/noise.ts). */
	hideNoise?: boolean;
	/** From the routes pane: `path` is the route's template (model/route-template.ts). */
	route?: {source: string; destination: string; method: string; path: string};
}

export interface FilterOptions {
	/** Secret header values may match only when the user asked to see them. */
	showSecrets?: boolean;
}

export function isEmptyFilter(f: ClientFilter): boolean {
	return !f.from && !f.fromNamespace && f.port === undefined && !f.expr && !f.failuresOnly && !f.hideNoise && !f.route;
}

/** A complete request that failed by the success rule (an open or expired one is neither). */
function failed(rec: RequestRecord): boolean {
	return rec.state === 'done' && rec.success === false;
}

export function compileFilter(f: ClientFilter, options: FilterOptions = {}): (rec: RequestRecord) => boolean {
	if (isEmptyFilter(f)) return () => true;
	const fromLabel = f.from ? labelForType(f.from.type) : undefined;
	const fromName = f.from?.name;
	const fromNs = f.from?.namespace || undefined;
	const namespace = f.fromNamespace || undefined;
	const port = f.port;
	const parsed = f.expr ? parseFilter(f.expr) : undefined;
	const expression = parsed?.ok && !parsed.filter.matchesAll ? parsed.filter : undefined;
	const matchOptions = {showSecrets: options.showSecrets === true};
	const {failuresOnly, hideNoise} = f;
	const route = f.route;

	return (rec) => {
		const labels = rec.sourceLabels;
		if (fromLabel !== undefined) {
			// An empty name (`--from deploy`) means any workload of that type.
			if (labels === null) return false;
			const value = labels[fromLabel];
			if (fromName ? value !== fromName : !value) return false;
			if (fromNs !== undefined && fromLabel !== 'namespace' && labels['namespace'] !== fromNs) return false;
		}

		if (namespace !== undefined && (labels === null || labels['namespace'] !== namespace)) return false;
		if (port !== undefined && rec.destination?.port !== port) return false;
		if (
			route !== undefined &&
			(rec.sourceName !== route.source ||
				rec.destinationName !== route.destination ||
				rec.method !== route.method ||
				routeTemplate(rec.path) !== route.path)
		) {
			return false;
		}

		if (failuresOnly && !failed(rec)) return false;
		if (hideNoise && isNoise(rec)) return false;
		return expression === undefined || expression.matches(rec, matchOptions);
	};
}

/** Short chips for the filter bar: from=deploy/web, port=8080, /"text", route=GET /api. */
export function describeFilter(f: ClientFilter): string[] {
	const chips: string[] = [];
	if (f.from) {
		const ns = f.from.namespace && labelForType(f.from.type) !== 'namespace' ? ` -n ${f.from.namespace}` : '';
		const type = shortType(canonicalType(f.from.type));
		chips.push(`from=${f.from.name ? `${type}/${f.from.name}` : type}${ns}`);
	}

	if (f.fromNamespace) chips.push(`from-ns=${f.fromNamespace}`);
	if (f.port !== undefined) chips.push(`port=${f.port}`);
	if (f.expr) chips.push(`/${f.expr}`);
	if (f.failuresOnly) chips.push('failures only');
	if (f.hideNoise) chips.push('no probes');
	if (f.route) chips.push(`route=${[f.route.method, f.route.path].filter(Boolean).join(' ')}`);
	return chips;
}

function canonicalType(type: string): string {
	const label = labelForType(type);
	return label === 'k8s_job' ? 'job' : label;
}
