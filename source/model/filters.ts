// Client-side filters: what the tap API cannot filter server-side (the
// source workload, the destination port, anything in the response) plus a
// free-text search and "only this route" from the routes pane.
import {shortType} from './names.js';
import type {RequestRecord} from './types.js';

export interface ClientFilter {
	from?: {type: string; name: string; namespace?: string};
	fromNamespace?: string;
	port?: number;
	text?: string;
	route?: {source: string; destination: string; method: string; path: string};
}

// Resource type (canonical or alias) → the label the proxy / tap server uses.
const labelByType: Record<string, string> = {
	deployment: 'deployment',
	deploy: 'deployment',
	statefulset: 'statefulset',
	sts: 'statefulset',
	daemonset: 'daemonset',
	ds: 'daemonset',
	job: 'k8s_job',
	k8s_job: 'k8s_job',
	cronjob: 'cronjob',
	cj: 'cronjob',
	replicaset: 'replicaset',
	rs: 'replicaset',
	replicationcontroller: 'replicationcontroller',
	rc: 'replicationcontroller',
	pod: 'pod',
	po: 'pod',
	node: 'node',
	namespace: 'namespace',
	ns: 'namespace',
};

/** The source label a `from` type is matched against (job → k8s_job). */
export function labelForType(type: string): string {
	return labelByType[type.toLowerCase()] ?? type.toLowerCase();
}

export function isEmptyFilter(f: ClientFilter): boolean {
	return !f.from && !f.fromNamespace && f.port === undefined && !f.text && !f.route;
}

/** What the text filter sees of a request's outcome: "200", "grpc 14", "reset 2". */
export function statusText(rec: RequestRecord): string {
	let text = rec.httpStatus === null ? '' : String(rec.httpStatus);
	const eos = rec.eos;
	if (eos !== null) text += (eos.kind === 'grpc' ? ' grpc ' : ' reset ') + eos.code;
	return text;
}

function includesFolded(haystack: string, needle: string): boolean {
	return haystack.toLowerCase().includes(needle);
}

export function compileFilter(f: ClientFilter): (rec: RequestRecord) => boolean {
	if (isEmptyFilter(f)) return () => true;
	const fromLabel = f.from ? labelForType(f.from.type) : undefined;
	const fromName = f.from?.name;
	const fromNs = f.from?.namespace || undefined;
	const namespace = f.fromNamespace || undefined;
	const port = f.port;
	const text = f.text ? f.text.toLowerCase() : undefined;
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
				rec.path !== route.path)
		) {
			return false;
		}

		if (text !== undefined) {
			return (
				includesFolded(rec.path, text) ||
				includesFolded(rec.authority, text) ||
				includesFolded(rec.method, text) ||
				includesFolded(rec.sourceName, text) ||
				includesFolded(rec.destinationName, text) ||
				includesFolded(statusText(rec), text)
			);
		}

		return true;
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
	if (f.text) chips.push(`/"${f.text}"`);
	if (f.route) chips.push(`route=${[f.route.method, f.route.path].filter(Boolean).join(' ')}`);
	return chips;
}

function canonicalType(type: string): string {
	const label = labelForType(type);
	return label === 'k8s_job' ? 'job' : label;
}
