// One `-o jsonl` line written straight from the decoded event: the same bytes as
// toJson(tapEventJson(maskEvent(ev)), '') (json-event.ts documents the shape), built
// as text without the intermediate object tree, which at tens of thousands of
// events a second cost more than decoding them. A test holds the two paths equal.
import {isSecretHeader, MASK} from '../model/secrets.js';
import type {Duration, Header, Labels, TapEvent, TcpAddress} from '../model/event.js';
import {labelsJson} from './json-event.js';
import {jsonString, toJson} from './json-text.js';

/** The event's compact JSON line, trailing newline included. */
export function tapEventJsonl(ev: TapEvent, showSecrets: boolean): string {
	const src = ev.source;
	const dst = ev.destination;
	// Constant text sits in as few pieces as it can: every `+` past a dozen characters
	// is a cons-string node that has to be walked again when the chunk is written.
	let out =
		'{"source":{"ip":' +
		(src === null ? '"","port":0' : jsonString(src.ip) + ',"port":' + num(src.port)) +
		labelsTail(ev.sourceMeta) +
		',"destination":{"ip":' +
		(dst === null ? '"","port":0' : jsonString(dst.ip) + ',"port":' + num(dst.port)) +
		labelsTail(ev.destinationMeta) +
		',"routeMeta":' +
		labelsText(ev.routeMeta) +
		(DIRECTION_TAIL[ev.proxyDirection] ?? ',"proxyDirection":' + jsonString(ev.proxyDirection));
	const http = ev.http;
	if (http === null) return out + '}\n';
	const id = '{"id":{"base":' + num(http.id.base) + ',"stream":' + num(http.id.stream);
	switch (http.kind) {
		case 'requestInit':
			out +=
				',"requestInitEvent":' +
				id +
				'},"method":' +
				jsonString(http.method) +
				',"scheme":' +
				jsonString(http.scheme) +
				',"authority":' +
				jsonString(http.authority) +
				',"path":' +
				jsonString(http.path) +
				',"headers":' +
				headersText(http.headers, showSecrets);
			break;
		case 'responseInit':
			out +=
				',"responseInitEvent":' +
				id +
				'},"sinceRequestInit":' +
				durationText(http.sinceRequestInit) +
				',"httpStatus":' +
				num(http.httpStatus) +
				',"headers":' +
				headersText(http.headers, showSecrets);
			break;
		case 'responseEnd': {
			const eos = http.eos;
			out +=
				',"responseEndEvent":' +
				id +
				'},"sinceRequestInit":' +
				durationText(http.sinceRequestInit) +
				',"sinceResponseInit":' +
				durationText(http.sinceResponseInit) +
				',"responseBytes":' +
				num(http.responseBytes) +
				',"trailers":' +
				headersText(http.trailers, showSecrets) +
				// 0 both for gRPC OK and for "not gRPC", as upstream prints it.
				',"grpcStatusCode":' +
				(eos !== null && eos.kind === 'grpc' ? num(eos.code) : '0') +
				(eos !== null && eos.kind === 'reset' && eos.code !== 0 ? ',"resetErrorCode":' + num(eos.code) : '');
			break;
		}
	}
	return out + '}}\n';
}

const DIRECTION_TAIL: Record<string, string> = {
	UNKNOWN: ',"proxyDirection":"UNKNOWN"',
	INBOUND: ',"proxyDirection":"INBOUND"',
	OUTBOUND: ',"proxyDirection":"OUTBOUND"',
};

const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

// Decoded label maps are frozen and shared per pod, so their text is made once.
const labelText = new WeakMap<object, string>();

/** `,"metadata":…}`, closing the endpoint object. */
function labelsTail(labels: Labels): string {
	if (labels === null) return ',"metadata":null}';
	if (!Object.isFrozen(labels)) return ',"metadata":' + toJson(labelsJson(labels), '') + '}';
	let text = labelTail.get(labels);
	if (text === undefined) {
		text = ',"metadata":' + labelsText(labels) + '}';
		labelTail.set(labels, text);
	}
	return text;
}

const labelTail = new WeakMap<object, string>();

function labelsText(labels: Labels): string {
	if (labels === null) return 'null';
	if (!Object.isFrozen(labels)) return toJson(labelsJson(labels), '');
	let text = labelText.get(labels);
	if (text === undefined) {
		text = toJson(labelsJson(labels), '');
		labelText.set(labels, text);
	}
	return text;
}

/** Go's *duration.Duration: nil is null, zero fields are omitted, so zero is `{}`. */
function durationText(d: Duration | null): string {
	if (d === null) return 'null';
	if (d.seconds === 0) return d.nanos === 0 ? '{}' : '{"nanos":' + num(d.nanos) + '}';
	return '{"seconds":' + num(d.seconds) + (d.nanos === 0 ? '}' : ',"nanos":' + num(d.nanos) + '}');
}

// Header names repeat in every event; whether one is secret is remembered per name.
const secretNames = new Map<string, boolean>();
const maxSecretNames = 10_000;

function isSecret(name: string): boolean {
	let secret = secretNames.get(name);
	if (secret === undefined) {
		if (secretNames.size >= maxSecretNames) secretNames.clear();
		secret = isSecretHeader(name);
		secretNames.set(name, secret);
	}
	return secret;
}

function headersText(headers: Header[] | null, showSecrets: boolean): string {
	if (headers === null) return 'null';
	let out = '';
	for (let i = 0; i < headers.length; i++) {
		const h = headers[i]!;
		let value: string;
		// A masked value is never shown in any encoding (model/secrets.ts).
		if (!showSecrets && isSecret(h.name)) value = ',"valueStr":' + jsonString(MASK);
		else if (h.valueStr !== undefined) value = ',"valueStr":' + jsonString(h.valueStr);
		else if (h.valueBin !== undefined) value = ',"valueBin":' + jsonString(Buffer.from(h.valueBin).toString('base64'));
		// A header with neither value is left out, as upstream's switch does.
		else continue;
		out += (out === '' ? '[' : ',') + '{"name":' + jsonString(h.name) + value + '}';
	}
	// Go's nil slice: no (printable) headers is null, not [].
	return out === '' ? 'null' : out + ']';
}
