// The `linkerd viz tap -o json` object for one event (spec §6.2): the shape
// of the CLI's private display struct, not protojson. Like Go's omitempty on
// the three event fields, an event without http carries only the top-level
// fields. Map keys are sorted, as encoding/json sorts them.
import type {Duration, Header, Labels, TapEvent, TcpAddress} from '../model/event.js';
import type {JsonValue} from './json-text.js';

type JsonObject = {[key: string]: JsonValue};

export function tapEventJson(ev: TapEvent): JsonObject {
	const out: JsonObject = {
		source: endpoint(ev.source, ev.sourceMeta),
		destination: endpoint(ev.destination, ev.destinationMeta),
		routeMeta: labelsJson(ev.routeMeta),
		proxyDirection: ev.proxyDirection,
	};
	const http = ev.http;
	if (http === null) return out;
	const id = {base: http.id.base, stream: http.id.stream};
	switch (http.kind) {
		case 'requestInit':
			out.requestInitEvent = {
				id,
				method: http.method,
				scheme: http.scheme,
				authority: http.authority,
				path: http.path,
				headers: headersJson(http.headers),
			};
			break;
		case 'responseInit':
			out.responseInitEvent = {
				id,
				sinceRequestInit: durationJson(http.sinceRequestInit),
				httpStatus: http.httpStatus,
				headers: headersJson(http.headers),
			};
			break;
		case 'responseEnd': {
			const end: JsonObject = {
				id,
				sinceRequestInit: durationJson(http.sinceRequestInit),
				sinceResponseInit: durationJson(http.sinceResponseInit),
				responseBytes: http.responseBytes,
				trailers: headersJson(http.trailers),
				// 0 both for gRPC OK and for "not gRPC", as upstream prints it.
				grpcStatusCode: http.eos?.kind === 'grpc' ? http.eos.code : 0,
			};
			if (http.eos?.kind === 'reset' && http.eos.code !== 0) end.resetErrorCode = http.eos.code;
			out.responseEndEvent = end;
			break;
		}
	}
	return out;
}

function endpoint(a: TcpAddress | null, labels: Labels): JsonObject {
	return {ip: a?.ip ?? '', port: a?.port ?? 0, metadata: labelsJson(labels)};
}

// Decoded label maps are frozen and shared by every event from the same pod (tap/decode.ts),
// so their sorted, frozen JSON form is built once; toJson then prints it once too.
const sortedLabels = new WeakMap<object, JsonObject>();

export function labelsJson(labels: Labels): JsonValue {
	if (labels === null) return null;
	if (!Object.isFrozen(labels)) return sortLabels(labels);
	let out = sortedLabels.get(labels);
	if (out === undefined) {
		out = Object.freeze(sortLabels(labels));
		sortedLabels.set(labels, out);
	}
	return out;
}

function sortLabels(labels: Record<string, string>): JsonObject {
	const out: JsonObject = {};
	for (const key of Object.keys(labels).sort()) {
		// defineProperty keeps a `__proto__` label as an ordinary key.
		Object.defineProperty(out, key, {value: labels[key], enumerable: true, writable: true, configurable: true});
	}
	return out;
}

/** Go's *duration.Duration: nil is null, zero fields are omitted, so zero is `{}`. */
function durationJson(d: Duration | null): JsonValue {
	if (d === null) return null;
	const out: JsonObject = {};
	if (d.seconds !== 0) out.seconds = d.seconds;
	if (d.nanos !== 0) out.nanos = d.nanos;
	return out;
}

function headersJson(headers: Header[] | null): JsonValue {
	const out: JsonValue[] = [];
	for (const h of headers ?? []) {
		if (h.valueStr !== undefined) out.push({name: h.name, valueStr: h.valueStr});
		else if (h.valueBin !== undefined) {
			out.push({name: h.name, valueBin: Buffer.from(h.valueBin).toString('base64')});
		}
		// A header with neither value is left out, as upstream's switch does.
	}
	// Go's nil slice: no (printable) headers is null, not [].
	return out.length === 0 ? null : out;
}
