import {describe, expect, it} from 'vitest';
import {tapEventJson} from '../../source/output/json-event.js';
import {toJson} from '../../source/output/json-text.js';
import {tapEventJsonl} from '../../source/output/jsonl-event.js';
import {maskEvent} from '../../source/model/secrets.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import type {Header, HttpEvent, TapEvent} from '../../source/model/event.js';

// The direct jsonl writer must print exactly what the object-tree path prints.
const viaTree = (ev: TapEvent, showSecrets: boolean) => `${toJson(tapEventJson(maskEvent(ev, showSecrets)), '')}\n`;

const headers: Header[] = [
	{name: 'Authorization', valueStr: 'Bearer abc'},
	{name: 'cookie'},
	{name: 'x-api-key', valueBin: Uint8Array.from([0, 255])},
	{name: 'no-value'},
	{name: 'x-bin', valueBin: Uint8Array.from([104, 105])},
	{name: 'user-agent', valueStr: 'curl/8 <é> \u2028 \u001b[2J'},
];

const https: Array<HttpEvent | null> = [
	null,
	{kind: 'requestInit', id: {base: 4_294_967_295, stream: 2 ** 40}, method: 'PATCH', scheme: '', authority: 'ä.example:80', path: '/a"b\\c?d=<1>', headers},
	{kind: 'requestInit', id: {base: 0, stream: 0}, method: '', scheme: 'HTTPS', authority: '', path: '', headers: []},
	{kind: 'responseInit', id: {base: 1, stream: 2}, sinceRequestInit: null, httpStatus: 0, headers: null},
	{kind: 'responseInit', id: {base: 1, stream: 2}, sinceRequestInit: {seconds: -3, nanos: -5}, httpStatus: 503, headers: [{name: 'set-cookie', valueStr: 's'}]},
	{kind: 'responseEnd', id: {base: 1, stream: 3}, sinceRequestInit: {seconds: 0, nanos: 0}, sinceResponseInit: {seconds: 7, nanos: 0}, responseBytes: 2 ** 53 - 1, eos: {kind: 'grpc', code: 14}, trailers: [{name: 'grpc-status', valueStr: '14'}]},
	{kind: 'responseEnd', id: {base: 1, stream: 3}, sinceRequestInit: {seconds: 1, nanos: 1}, sinceResponseInit: null, responseBytes: 0, eos: {kind: 'reset', code: 0}, trailers: null},
	{kind: 'responseEnd', id: {base: 1, stream: 3}, sinceRequestInit: null, sinceResponseInit: {seconds: 0, nanos: 9}, responseBytes: 5, eos: {kind: 'reset', code: 2}, trailers: [{name: 'x'}]},
	{kind: 'responseEnd', id: {base: 1, stream: 3}, sinceRequestInit: null, sinceResponseInit: null, responseBytes: 5, eos: null, trailers: []},
];

const proto = Object.fromEntries([['__proto__', 'p']]) as Record<string, string>;
const ends: Array<Omit<TapEvent, 'http'>> = [
	{source: null, destination: null, sourceMeta: null, destinationMeta: null, routeMeta: null, proxyDirection: 'UNKNOWN'},
	{
		source: {ip: '10.0.0.1', port: 40000},
		destination: {ip: 'fe80::1', port: 8080},
		sourceMeta: {tls: 'true', pod: 'web-1', 'a<b>': 'x\u202ey', ...proto},
		destinationMeta: Object.freeze({z: '1', a: '2', é: '\u{e0041}'}),
		routeMeta: {route: 'r'},
		proxyDirection: 'INBOUND',
	},
	{source: {ip: '', port: 0}, destination: {ip: '1.2.3.4', port: 65535}, sourceMeta: {}, destinationMeta: null, routeMeta: null, proxyDirection: 'OUTBOUND'},
];

const events: TapEvent[] = ends.flatMap(e => https.map(http => ({...e, http})));

describe('tapEventJsonl', () => {
	it('prints the same bytes as the object tree for every shape, masked and not', () => {
		expect(events.length).toBe(27);
		for (const ev of events) {
			for (const showSecrets of [false, true]) {
				expect(tapEventJsonl(ev, showSecrets)).toBe(viaTree(ev, showSecrets));
				// Decoded events carry frozen, shared label maps and interned strings.
				const decoded = decodeTapEvent(encodeTapEvent(ev));
				expect(tapEventJsonl(decoded, showSecrets)).toBe(viaTree(decoded, showSecrets));
			}
		}
	});

	it('prints a masked request line exactly', () => {
		const ev: TapEvent = {...ends[2]!, http: {kind: 'requestInit', id: {base: 1, stream: 2}, method: 'GET', scheme: 'HTTP', authority: 'a', path: '/', headers: headers.slice(0, 3)}};
		expect(tapEventJsonl(ev, false)).toBe(
			'{"source":{"ip":"","port":0,"metadata":{}},"destination":{"ip":"1.2.3.4","port":65535,"metadata":null},"routeMeta":null,' +
				'"proxyDirection":"OUTBOUND","requestInitEvent":{"id":{"base":1,"stream":2},"method":"GET","scheme":"HTTP","authority":"a","path":"/",' +
				'"headers":[{"name":"Authorization","valueStr":"[masked]"},{"name":"cookie","valueStr":"[masked]"},{"name":"x-api-key","valueStr":"[masked]"}]}}\n',
		);
	});
});
