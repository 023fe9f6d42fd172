import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createEventFormatter} from '../../source/output/index.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import type {TapEvent} from '../../source/model/event.js';
import {BUSY_END, BUSY_REQUEST} from '../fixtures/tap-busy-events.js';

// Through the real wire bytes, so the formatter sees what the decoder builds.
const viaWire = (ev: TapEvent) => decodeTapEvent(encodeTapEvent(ev));
const text = createEventFormatter('text', {showSecrets: false});
const wide = createEventFormatter('wide', {showSecrets: false});
const json = createEventFormatter('json', {showSecrets: false});
const jsonl = createEventFormatter('jsonl', {showSecrets: false});

const base: TapEvent = {
	source: {ip: '1.2.3.4', port: 5555},
	destination: {ip: '2.3.4.5', port: 6666},
	sourceMeta: null,
	destinationMeta: null,
	routeMeta: null,
	proxyDirection: 'OUTBOUND',
	http: null,
};

describe('text and wide output (spec §6.1 goldens)', () => {
	it('reproduces tap_busy_output.golden', () => {
		expect(text(viaWire(BUSY_REQUEST)) + text(viaWire(BUSY_END))).toBe(
			'req id=1:0 proxy=out src=0.0.0.1:0 dst=[ff01::1]:0 tls=true :method=GET :authority=localhost :path=/some/path\n' +
				'end id=1:0 proxy=out src=0.0.0.1:0 dst=[ff01::1]:0 tls= grpc-status=Code(666) duration=100000000µs response-length=1337B\n',
		);
	});

	it('reproduces the wide req line', () => {
		expect(wide(viaWire(BUSY_REQUEST))).toBe(
			'req id=1:0 proxy=out src=0.0.0.1:0 dst=[ff01::1]:0 tls=true :method=GET :authority=localhost :path=/some/path dst_pod=my-pod dst_tls=true\n',
		);
	});

	it('reproduces the rsp line from tap_test.go', () => {
		const ev: TapEvent = {
			...base,
			http: {
				kind: 'responseInit',
				id: {base: 7, stream: 8},
				sinceRequestInit: {seconds: 9, nanos: 999_000},
				httpStatus: 200,
				headers: null,
			},
		};
		expect(text(viaWire(ev))).toBe(
			'rsp id=7:8 proxy=out src=1.2.3.4:5555 dst=2.3.4.5:6666 tls= :status=200 latency=9000999µs\n',
		);
	});

	it('prints inbound with the source tls label, reset and plain ends, and unknown events', () => {
		const inbound: TapEvent = {
			...base,
			proxyDirection: 'INBOUND',
			sourceMeta: {tls: 'no_tls_from_remote'},
			destinationMeta: {tls: 'loopback'},
		};
		const end = (eos: {kind: 'grpc' | 'reset'; code: number} | null): TapEvent => ({
			...inbound,
			http: {
				kind: 'responseEnd',
				id: {base: 3, stream: 4},
				sinceRequestInit: {seconds: 2, nanos: 0},
				sinceResponseInit: {seconds: 0, nanos: 1_500_999},
				responseBytes: 0,
				eos,
				trailers: null,
			},
		});
		const flow = 'proxy=in  src=1.2.3.4:5555 dst=2.3.4.5:6666 tls=no_tls_from_remote';
		expect(text(end({kind: 'reset', code: 2}))).toBe(`end id=3:4 ${flow} reset-error=2 duration=1500µs response-length=0B\n`);
		expect(text(end(null))).toBe(`end id=3:4 ${flow} duration=1500µs response-length=0B\n`);
		expect(text(end({kind: 'grpc', code: 14}))).toBe(
			`end id=3:4 ${flow} grpc-status=Unavailable duration=1500µs response-length=0B\n`,
		);
		expect(text({...inbound, http: null})).toBe(`unknown ${flow}\n`);
		expect(text({...base, proxyDirection: 'UNKNOWN', destinationMeta: {tls: 'true'}})).toBe(
			'unknown proxy=??? src=1.2.3.4:5555 dst=2.3.4.5:6666 tls=\n',
		);
		expect(text({...base, source: null, destination: {ip: '::1', port: 80}})).toBe(
			'unknown proxy=out src=:0 dst=[::1]:80 tls=\n',
		);
	});

	it('appends sorted src_ and dst_ labels, then route labels, in wide output', () => {
		const ev: TapEvent = {
			...base,
			sourceMeta: {pod: 'web-1', deployment: 'web', tls: 'loopback'},
			destinationMeta: {tls: 'true', namespace: 'emojivoto'},
			routeMeta: {route: 'GET /x', b: '1'},
		};
		expect(wide(ev)).toBe(
			'unknown proxy=out src=1.2.3.4:5555 dst=2.3.4.5:6666 tls=true' +
				' src_deployment=web src_pod=web-1 src_tls=loopback dst_namespace=emojivoto dst_tls=true rt_route=GET /x rt_b=1\n',
		);
	});

	it('sanitizes every network string in text lines', () => {
		const ev: TapEvent = {
			...base,
			destinationMeta: {tls: 'true\u001b[2J', 'k\u202e': 'v\u0007'},
			http: {
				kind: 'requestInit',
				id: {base: 1, stream: 2},
				method: 'PO\u009bST',
				scheme: 'HTTP',
				authority: 'evil\u001b]52;c;aGk=\u0007',
				path: '/a\nb',
				headers: null,
			},
		};
		const line = wide(ev);
		expect(line).toBe(
			'req id=1:2 proxy=out src=1.2.3.4:5555 dst=2.3.4.5:6666 tls=true\\x1b[2J :method=PO\\x9bST' +
				' :authority=evil\\x1b]52;c;aGk=\\x07 :path=/a\\nb dst_k\\u202e=v\\x07 dst_tls=true\\x1b[2J\n',
		);
		expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(line)).toBe(false);
	});

	it('prints GET for a request whose method field was absent, as upstream does', () => {
		const ev: TapEvent = {
			...base,
			http: {kind: 'requestInit', id: {base: 0, stream: 0}, method: '', scheme: '', authority: 'a', path: '/', headers: null},
		};
		expect(text(ev)).toBe('req id=0:0 proxy=out src=1.2.3.4:5555 dst=2.3.4.5:6666 tls= :method=GET :authority=a :path=/\n');
	});
});

describe('json output (spec §6.2 golden)', () => {
	it('reproduces tap_busy_output_json.golden byte for byte', () => {
		const golden = readFileSync(path.join(import.meta.dirname, '../fixtures/tap-busy-output-json.golden'), 'utf8');
		expect(json(viaWire(BUSY_REQUEST)) + json(viaWire(BUSY_END))).toBe(golden);
	});

	it('prints the same object on one line for jsonl', () => {
		const line = jsonl(viaWire(BUSY_END));
		expect(line).toBe(
			'{"source":{"ip":"0.0.0.1","port":0,"metadata":null},"destination":{"ip":"ff01::1","port":0,"metadata":null},' +
				'"routeMeta":null,"proxyDirection":"OUTBOUND","responseEndEvent":{"id":{"base":1,"stream":0},' +
				'"sinceRequestInit":{"seconds":10},"sinceResponseInit":{"seconds":100},"responseBytes":1337,' +
				'"trailers":[{"name":"trailer-name","valueBin":"aGVhZGVyLXZhbHVlLWJpbg=="}],"grpcStatusCode":666}}\n',
		);
		expect(JSON.parse(line)).toEqual(JSON.parse(json(viaWire(BUSY_END))));
	});

	it('prints only the top-level fields for an event without http, as Go omitempty does', () => {
		expect(jsonl({...base, routeMeta: {route: 'r'}})).toBe(
			'{"source":{"ip":"1.2.3.4","port":5555,"metadata":null},"destination":{"ip":"2.3.4.5","port":6666,"metadata":null},' +
				'"routeMeta":{"route":"r"},"proxyDirection":"OUTBOUND"}\n',
		);
	});

	it('writes null and zero durations, reset codes, and sorted label keys like Go', () => {
		const ev: TapEvent = {
			...base,
			source: null,
			sourceMeta: {z: '1', a: '2'},
			http: {
				kind: 'responseEnd',
				id: {base: 1, stream: 2},
				sinceRequestInit: {seconds: 0, nanos: 0},
				sinceResponseInit: null,
				responseBytes: 0,
				eos: {kind: 'reset', code: 8},
				trailers: [{name: 'no-value'}],
			},
		};
		expect(jsonl(ev)).toBe(
			'{"source":{"ip":"","port":0,"metadata":{"a":"2","z":"1"}},"destination":{"ip":"2.3.4.5","port":6666,"metadata":null},' +
				'"routeMeta":null,"proxyDirection":"OUTBOUND","responseEndEvent":{"id":{"base":1,"stream":2},' +
				'"sinceRequestInit":{},"sinceResponseInit":null,"responseBytes":0,"trailers":null,"grpcStatusCode":0,"resetErrorCode":8}}\n',
		);
		const init: TapEvent = {
			...base,
			http: {kind: 'responseInit', id: {base: 1, stream: 2}, sinceRequestInit: {seconds: 0, nanos: 5}, httpStatus: 204, headers: []},
		};
		expect(jsonl(init)).toContain('"responseInitEvent":{"id":{"base":1,"stream":2},"sinceRequestInit":{"nanos":5},"httpStatus":204,"headers":null}}');
	});

	it('escapes HTML characters as Go does and terminal-unsafe characters as \\u, keeping the value', () => {
		const nasty = 'a<b>&c\u2028\u001b[31m\u009b\u202eZ\u200b\u{e0041}"\\\t';
		const ev: TapEvent = {
			...base,
			http: {kind: 'requestInit', id: {base: 0, stream: 0}, method: 'GET', scheme: 'HTTP', authority: nasty, path: '/', headers: null},
		};
		const line = jsonl(ev);
		expect(line).toContain(
			'"authority":"a\\u003cb\\u003e\\u0026c\\u2028\\u001b[31m\\u009b\\u202eZ\\u200b\\udb40\\udc41\\"\\\\\\t"',
		);
		expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u202e]/.test(line)).toBe(false);
		expect(JSON.parse(line).requestInitEvent.authority).toBe(nasty);
	});

	it('masks secret headers unless showSecrets', () => {
		const ev: TapEvent = {
			...base,
			http: {
				kind: 'requestInit',
				id: {base: 0, stream: 0},
				method: 'GET',
				scheme: 'HTTP',
				authority: 'a',
				path: '/',
				headers: [
					{name: 'Authorization', valueStr: 'Bearer abc'},
					{name: 'x-session-token', valueBin: Uint8Array.from([1, 2])},
					{name: 'accept', valueStr: '*/*'},
				],
			},
		};
		const headersOf = (out: string) => JSON.parse(out).requestInitEvent.headers;
		expect(headersOf(jsonl(ev))).toEqual([
			{name: 'Authorization', valueStr: '[masked]'},
			{name: 'x-session-token', valueStr: '[masked]'},
			{name: 'accept', valueStr: '*/*'},
		]);
		expect(headersOf(createEventFormatter('jsonl', {showSecrets: true})(ev))).toEqual([
			{name: 'Authorization', valueStr: 'Bearer abc'},
			{name: 'x-session-token', valueBin: 'AQI='},
			{name: 'accept', valueStr: '*/*'},
		]);
	});
});
