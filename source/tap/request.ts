// Builds the POST path and raw protobuf TapByResourceRequest body for a tap
// (spec §3.1, §3.2). The tap server recomputes the path from the body and
// rejects a mismatch, and accepts only a top-level `match.all`, so both are
// built here from one TapSpec, the way linkerd's CLI builds them.
import type {Resource} from '../model/resource.js';
import {ProtoWriter} from './proto-writer.js';
import type {TapSpec} from './types.js';

const API_PREFIX = '/apis/tap.linkerd.io/v1alpha1/watch/namespaces';

export function buildTapRequest(spec: TapSpec): {path: string; body: Uint8Array} {
	const target = normalise(spec.target);
	return {path: tapPath(target), body: encodeRequest(spec, target)};
}

/**
 * A namespace is named by `name`; its `namespace` field is left empty, as the
 * CLI does (it ignores --namespace for namespace targets).
 */
function normalise(r: Resource): Resource {
	if (r.type !== 'namespace') return r;
	return {namespace: '', type: 'namespace', name: r.name || r.namespace};
}

function tapPath(r: Resource): string {
	if (r.type === 'namespace') return `${API_PREFIX}/${pathEscape(r.name)}/tap`;
	// The plural is naively type + "s"; an empty name leaves `//tap`, as upstream does.
	return `${API_PREFIX}/${pathEscape(r.namespace)}/${pathEscape(`${r.type}s`)}/${pathEscape(r.name)}/tap`;
}

const SEGMENT_SAFE = /^[A-Za-z0-9\-_.~$&+:=@]$/;

/** Go's url.PathEscape: percent-encodes each UTF-8 byte outside the path-segment set. */
export function pathEscape(segment: string): string {
	let out = '';
	for (const ch of segment) {
		if (SEGMENT_SAFE.test(ch)) {
			out += ch;
			continue;
		}
		for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

function encodeRequest(spec: TapSpec, target: Resource): Uint8Array {
	const w = new ProtoWriter();
	w.begin(1);
	writeSelection(w, target, spec.labelSelector ?? '');
	w.end();

	// match (2) = {all: Seq{matches...}}: with no filters that is `12 02 0a 00`.
	w.begin(2);
	w.begin(1);
	if (spec.to) {
		w.begin(1);
		w.begin(4);
		writeSelection(w, normalise(spec.to), '');
		w.end();
		w.end();
	}
	const http: Array<[number, string | undefined]> = [
		[1, spec.scheme],
		[2, spec.method],
		[3, spec.authority],
		[4, spec.path],
	];
	for (const [field, value] of http) {
		if (!value) continue;
		w.begin(1);
		w.begin(5);
		w.tag(field, 2);
		w.string(value);
		w.end();
		w.end();
	}
	w.end();
	w.end();

	if (spec.maxRps !== 0) {
		w.tag(3, 5);
		w.float(spec.maxRps);
	}

	w.begin(4);
	if (spec.extractHeaders) {
		w.begin(1);
		w.begin(1);
		w.end();
		w.end();
	}
	w.end();
	return w.finish();
}

/** linkerd2.viz.ResourceSelection: resource (1) is always present, strings only when set. */
function writeSelection(w: ProtoWriter, r: Resource, labelSelector: string): void {
	w.begin(1);
	for (const [field, value] of [
		[1, r.namespace],
		[2, r.type],
		[3, r.name],
	] as const) {
		if (value === '') continue;
		w.tag(field, 2);
		w.string(value);
	}
	w.end();
	if (labelSelector !== '') {
		w.tag(2, 2);
		w.string(labelSelector);
	}
}
