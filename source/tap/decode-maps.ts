// Label maps and header lists of a TapEvent, decoded with caches keyed by their bytes: both
// repeat byte for byte from event to event, so a hit skips the parse and retained records
// share one frozen copy. Split from decode.ts, which walks the rest of the event.
import type {Header, Labels} from '../model/event.js';
import {BytesCache} from './bytes-cache.js';
import type {ProtoReader} from './proto-reader.js';

const WIRE_LEN = 2;

// Every event from a pod carries byte-identical label maps for it (spec §4: the same
// hydrated pod labels, the same TLS labels), so whole maps are cached by their bytes:
// a hit costs a sampled hash and a native compare instead of parsing eight to twelve
// entries and building an object, and retained records share one frozen map per pod.
const metaCache = new BytesCache<Labels>();

export function readMeta(r: ProtoReader, end: number): Labels {
	const start = r.pos;
	if (start === end) return null;
	const cached = metaCache.get(r.text, start, end);
	if (cached !== undefined) {
		r.pos = end;
		return cached;
	}
	const labels = parseMeta(r, end);
	if (labels !== null) Object.freeze(labels);
	metaCache.set(r.text, start, end, labels);
	return labels;
}

function parseMeta(r: ProtoReader, end: number): Labels {
	let labels: Record<string, string> | null = null;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag !== ((1 << 3) | WIRE_LEN)) {
			r.skip(tag & 7, end);
			continue;
		}
		const entryEnd = r.lengthEnd(end);
		let key = '';
		let value = '';
		while (r.pos < entryEnd) {
			const t = r.tag();
			if (t === ((1 << 3) | WIRE_LEN)) key = r.label(entryEnd);
			else if (t === ((2 << 3) | WIRE_LEN)) value = r.label(entryEnd);
			else r.skip(t & 7, entryEnd);
		}
		r.checkEnd(entryEnd);
		labels ??= {};
		// A label named __proto__ must stay data, not replace the prototype.
		if (key === '__proto__') {
			Object.defineProperty(labels, key, {value, enumerable: true, writable: true, configurable: true});
		} else labels[key] = value;
	}
	r.checkEnd(end);
	return labels;
}

// Short header lists (a content type, a grpc-status trailer) repeat byte for byte in
// most responses: like label maps they are cached by their bytes and shared frozen,
// which saves parsing them and, more, keeps retained records from holding a copy each.
// Longer lists carry per-request values (trace ids) and would only miss.
const SHARED_HEADERS_MAX = 64;
const headerListCache = new BytesCache<Header[] | null>(SHARED_HEADERS_MAX);

/** Appends to `into`: a repeated field may arrive split across several Headers messages. */
export function readHeaders(r: ProtoReader, end: number, into: Header[] | null): Header[] | null {
	const start = r.pos;
	if (into === null && end - start <= SHARED_HEADERS_MAX) {
		const cached = headerListCache.get(r.text, start, end);
		if (cached !== undefined) {
			r.pos = end;
			return cached;
		}
		const list = parseHeaders(r, end, null);
		if (list !== null) {
			for (const h of list) Object.freeze(h);
			Object.freeze(list);
		}
		headerListCache.set(r.text, start, end, list);
		return list;
	}
	// A shared list is frozen: a second Headers message for the same field extends a copy.
	return parseHeaders(r, end, into !== null && Object.isFrozen(into) ? into.slice() : into);
}

function parseHeaders(r: ProtoReader, end: number, into: Header[] | null): Header[] | null {
	let list = into;
	while (r.pos < end) {
		const tag = r.tag();
		if (tag !== ((1 << 3) | WIRE_LEN)) {
			r.skip(tag & 7, end);
			continue;
		}
		const hEnd = r.lengthEnd(end);
		let name = '';
		let str: string | undefined;
		let bin: Uint8Array | undefined;
		while (r.pos < hEnd) {
			const t = r.tag();
			// Names and short values (content types, user agents, status codes) repeat
			// in every event, so they share the label intern table; long values rarely repeat.
			if (t === ((1 << 3) | WIRE_LEN)) name = r.label(hEnd);
			else if (t === ((2 << 3) | WIRE_LEN)) {
				str = r.shortLabel(hEnd, 24);
				bin = undefined;
			} else if (t === ((3 << 3) | WIRE_LEN)) {
				bin = r.bytes(hEnd);
				str = undefined;
			} else r.skip(t & 7, hEnd);
		}
		r.checkEnd(hEnd);
		// Only the oneof member that arrived is set; a header with neither keeps just its name.
		const h: Header = bin !== undefined ? {name, valueBin: bin} : str !== undefined ? {name, valueStr: str} : {name};
		(list ??= []).push(h);
	}
	r.checkEnd(end);
	return list;
}
