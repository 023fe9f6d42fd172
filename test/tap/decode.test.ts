// Golden bytes written by hand from the field tables in spec/linkerd-tap.md §2,
// one comment per field, so the decoder is checked against the wire contract
// rather than against our own encoder.
import {describe, expect, it} from 'vitest';
import {decodeApiError, decodeTapEvent} from '../../source/tap/decode.js';
import {encodeApiError, encodeTapEvent} from '../../source/tap/encode.js';
import {DecodeError} from '../../source/tap/errors.js';
import type {TapEvent} from '../../source/model/event.js';
import {hex, toHex} from './hex.js';

// RequestInit, OUTBOUND, IPv4 source, IPv6 destination, labels, str + bin headers.
const REQUEST_INIT = hex(
	'0a 0a', //                          source (1), 10 bytes
	'  0a 05', //                          ip (1), 5 bytes
	'    0d 01 00 00 0a', //                 ipv4 fixed32 0x0A000001 little-endian = 10.0.0.1
	'  10 90 3f', //                       port (2) = 8080
	'12 19', //                          destination (2), 25 bytes
	'  0a 14', //                          ip (1), 20 bytes
	'    12 12', //                          ipv6 (2), 18 bytes
	'      09 00 00 00 00 b8 0d 01 20', //     first (1) fixed64 0x20010db800000000
	'      11 07 00 00 00 00 00 00 00', //     last (2) fixed64 0x0000000000000007
	'  10 bb 03', //                       port (2) = 443
	'1a 32', //                          http (3), 50 bytes
	'  0a 30', //                          request_init (1), 48 bytes
	'    0a 05 08 07 10 ac 02', //           id (1): base (1) = 7, stream (2) = 300
	'    12 02 08 01', //                    method (2): registered (1) = POST
	'    1a 04 12 02 68 33', //              scheme (3): unregistered (2) = "h3"
	'    22 06 77 65 62 3a 38 30', //        authority (4) = "web:80"
	'    2a 02 2f 61', //                    path (5) = "/a"
	'    32 11', //                          headers (6), 17 bytes
	'      0a 06 0a 01 78 12 01 79', //        header: name (1) "x", value_str (2) "y"
	'      0a 07 0a 01 62 1a 02 00 ff', //     header: name (1) "b", value_bin (3) 00 ff
	'22 0e', //                          destination_meta (4), 14 bytes
	'  0a 0c 0a 03 70 6f 64 12 05 77 65 62 2d 31', // labels entry: "pod" => "web-1"
	'2a 11', //                          source_meta (5), 17 bytes
	'  0a 0f 0a 03 74 6c 73 12 08 6c 6f 6f 70 62 61 63 6b', // labels entry: "tls" => "loopback"
	'30 02', //                          proxy_direction (6) = OUTBOUND
	'78 2a', //                          unknown field 15, varint: skipped
	'82 01 02 aa bb', //                 unknown field 16, 2 bytes: skipped
);

// ResponseInit, INBOUND, route labels, empty source_meta and empty headers.
const RESPONSE_INIT = hex(
	'0a 07 0a 05 0d 14 01 a8 c0', //     source: ip 192.168.1.20 (0xC0A80114), port 0 omitted
	'1a 13', //                          http (3), 19 bytes
	'  12 11', //                          response_init (2), 17 bytes
	'    0a 02 10 01', //                    id: base omitted (0), stream (2) = 1
	'    12 06 08 01 10 a0 c2 1e', //        since_request_init: seconds 1, nanos 500000
	'    18 f7 03', //                       http_status (3) = 503
	'    22 00', //                          headers (4): present but empty
	'2a 00', //                          source_meta (5): present, no labels
	'30 01', //                          proxy_direction (6) = INBOUND
	'3a 11', //                          route_meta (7), 17 bytes
	'  0a 0f 0a 05 72 6f 75 74 65 12 06 47 45 54 20 2f 78', // labels entry: "route" => "GET /x"
);

// ResponseEnd with a gRPC status and a trailer; no addresses, direction UNKNOWN.
const RESPONSE_END_GRPC = hex(
	'1a 29', //                          http (3), 41 bytes
	'  1a 27', //                          response_end (3), 39 bytes
	'    0a 02 08 01', //                    id: base 1, stream omitted (0)
	'    12 03 10 e8 07', //                 since_request_init: nanos 1000
	'    1a 00', //                          since_response_init: present, zero
	'    20 b9 0a', //                       response_bytes (4) = 1337
	'    2a 03 08 9a 05', //                 eos (5): grpc_status_code (1) = 666
	'    32 12', //                          trailers (6), 18 bytes
	'      0a 10 0a 0b 67 72 70 63 2d 73 74 61 74 75 73 12 01 30', // "grpc-status" = "0"
);

// ResponseEnd with a reset and a negative duration (int64/int32 sign-extended to 10 bytes).
const RESPONSE_END_RESET = hex(
	'1a 24', //                          http (3), 36 bytes
	'  1a 22', //                          response_end (3), 34 bytes
	'    0a 04 08 02 10 03', //              id: base 2, stream 3
	'    12 16', //                          since_request_init, 22 bytes
	'      08 ff ff ff ff ff ff ff ff ff 01', // seconds = -1
	'      10 fb ff ff ff ff ff ff ff ff 01', // nanos = -5
	'    2a 02 10 08', //                    eos (5): reset_error_code (2) = 8
);

describe('decodeTapEvent on hand-written bytes', () => {
	it('decodes a RequestInit with IPv4, IPv6, labels and both header kinds', () => {
		expect(decodeTapEvent(REQUEST_INIT)).toEqual({
			source: {ip: '10.0.0.1', port: 8080},
			destination: {ip: '2001:db8::7', port: 443},
			sourceMeta: {tls: 'loopback'},
			destinationMeta: {pod: 'web-1'},
			routeMeta: null,
			proxyDirection: 'OUTBOUND',
			http: {
				kind: 'requestInit',
				id: {base: 7, stream: 300},
				method: 'POST',
				scheme: 'h3',
				authority: 'web:80',
				path: '/a',
				headers: [
					{name: 'x', valueStr: 'y'},
					{name: 'b', valueBin: Uint8Array.from([0x00, 0xff])},
				],
			},
		});
	});

	it('decodes a ResponseInit; empty label maps and empty headers read as null', () => {
		expect(decodeTapEvent(RESPONSE_INIT)).toEqual({
			source: {ip: '192.168.1.20', port: 0},
			destination: null,
			sourceMeta: null,
			destinationMeta: null,
			routeMeta: {route: 'GET /x'},
			proxyDirection: 'INBOUND',
			http: {
				kind: 'responseInit',
				id: {base: 0, stream: 1},
				sinceRequestInit: {seconds: 1, nanos: 500_000},
				httpStatus: 503,
				headers: null,
			},
		});
	});

	it('decodes a ResponseEnd with a gRPC status and trailers', () => {
		expect(decodeTapEvent(RESPONSE_END_GRPC)).toEqual({
			source: null,
			destination: null,
			sourceMeta: null,
			destinationMeta: null,
			routeMeta: null,
			proxyDirection: 'UNKNOWN',
			http: {
				kind: 'responseEnd',
				id: {base: 1, stream: 0},
				sinceRequestInit: {seconds: 0, nanos: 1000},
				sinceResponseInit: {seconds: 0, nanos: 0},
				responseBytes: 1337,
				eos: {kind: 'grpc', code: 666},
				trailers: [{name: 'grpc-status', valueStr: '0'}],
			},
		});
	});

	it('decodes a ResponseEnd with a reset and negative durations', () => {
		const ev = decodeTapEvent(RESPONSE_END_RESET);
		expect(ev.http).toEqual({
			kind: 'responseEnd',
			id: {base: 2, stream: 3},
			sinceRequestInit: {seconds: -1, nanos: -5},
			sinceResponseInit: null,
			responseBytes: 0,
			eos: {kind: 'reset', code: 8},
			trailers: null,
		});
	});

	it('re-encodes each golden event to bytes that decode the same', () => {
		for (const bytes of [REQUEST_INIT, RESPONSE_INIT, RESPONSE_END_GRPC, RESPONSE_END_RESET]) {
			const ev = decodeTapEvent(bytes);
			expect(decodeTapEvent(encodeTapEvent(ev))).toEqual(ev);
		}
	});

	it('encodes the ResponseEnd golden to exactly the hand-written bytes', () => {
		const ev = decodeTapEvent(RESPONSE_END_RESET);
		expect(toHex(encodeTapEvent(ev))).toBe(toHex(RESPONSE_END_RESET));
	});

	it('reads empty input as an all-default event', () => {
		expect(decodeTapEvent(new Uint8Array(0))).toEqual({
			source: null,
			destination: null,
			sourceMeta: null,
			destinationMeta: null,
			routeMeta: null,
			proxyDirection: 'UNKNOWN',
			http: null,
		});
	});

	it('reads methods: absent is empty, present-but-empty is GET, unknown numbers print as digits', () => {
		// http { request_init { method } } with lengths filled in by hand:
		const absent = hex('1a 02', '0a 00');
		const empty = hex('1a 04', '0a 02', '12 00');
		const unknown = hex('1a 06', '0a 04', '12 02 08 2a'); // registered = 42
		const both = hex('1a 0a', '0a 08', '12 06 08 03 12 02 51 51'); // registered DELETE then unregistered "QQ"
		const method = (b: Uint8Array) => (decodeTapEvent(b).http as {method: string}).method;
		expect(method(absent)).toBe('');
		expect(method(empty)).toBe('GET');
		expect(method(unknown)).toBe('42');
		expect(method(both)).toBe('QQ');
	});

	it('formats IPv6 per RFC 5952 and a zero IPv4 as no address', () => {
		const v6 = (first: string, last: string) =>
			decodeTapEvent(hex('0a 16 0a 14 12 12', '09', first, '11', last)).source!.ip;
		// Each fixed64 is written little-endian; comments give the big-endian value.
		expect(v6('0000000000000000', '0100000000000000')).toBe('::1'); // ::1
		expect(v6('00000000000001ff', '0100000000000000')).toBe('ff01::1'); // ff01:0:0:0:0:0:0:1
		expect(v6('01000000b80d0120', '0100000000000000')).toBe('2001:db8:0:1::1'); // one zero group is not ::
		expect(v6('00000000b80d0120', '0100000000000100')).toBe('2001:db8::1:0:0:1'); // first of equal runs
		expect(v6('0000000000000000', '04030201ffff0000')).toBe('::ffff:1.2.3.4'); // IPv4-mapped
		expect(decodeTapEvent(hex('0a 07 0a 05 0d 00 00 00 00')).source!.ip).toBe('');
		expect(decodeTapEvent(hex('0a 02 10 05')).source).toEqual({ip: '', port: 5});
	});

	it('reads label strings afresh when the bytes change under a reused buffer', () => {
		// Labels go through a string cache keyed by their bytes.
		const bytes = Buffer.from(hex('2a 0b', '0a 09', '0a 03 6b 65 79', '12 02 61 62')); // "key" => "ab"
		expect(decodeTapEvent(bytes).sourceMeta).toEqual({key: 'ab'});
		bytes[bytes.length - 1] = 0x63; // now "ac"
		expect(decodeTapEvent(bytes).sourceMeta).toEqual({key: 'ac'});
		expect(decodeTapEvent(bytes.subarray(0)).sourceMeta).toEqual({key: 'ac'});
	});

	it('keeps a label named __proto__ as data', () => {
		const labels = decodeTapEvent(
			hex('2a 11', '0a 0f', '0a 09 5f 5f 70 72 6f 74 6f 5f 5f', '12 02 68 69'), // "__proto__" => "hi"
		).sourceMeta!;
		expect(Object.keys(labels)).toEqual(['__proto__']);
		expect(labels.__proto__).toBe('hi');
		expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
	});
});

describe('decodeTapEvent on broken bytes', () => {
	const cases: Array<[string, Uint8Array, RegExp]> = [
		['length past the end', hex('0a 05 0a'), /runs past the end/],
		['truncated varint', hex('30 ff'), /truncated varint/],
		['varint over 10 bytes', hex('30 ff ff ff ff ff ff ff ff ff ff 01'), /longer than 10 bytes/],
		['wire type 7', hex('0f'), /invalid wire type 7/],
		['wire type 6 on an unknown field', hex('76'), /invalid wire type 6/],
		['field number 0', hex('00 01'), /field number 0/],
		['stray end group', hex('0c'), /unexpected end group/],
		['truncated fixed32 in an ip', hex('0a 04 0a 02 0d 01'), /truncated fixed32/],
		['scalar straddling its sub-message end', hex('0a 02 10 ff 01'), /past the end of its sub-message/],
		['unterminated group', hex('0b 08 01'), /unterminated group/],
	];
	for (const [name, bytes, message] of cases) {
		it(`throws DecodeError: ${name}`, () => {
			let caught: unknown;
			try {
				decodeTapEvent(bytes);
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(DecodeError);
			expect((caught as Error).message).toMatch(message);
		});
	}

	it('skips a known field sent with the wrong wire type, as protobuf-go does', () => {
		// proxy_direction (6) as fixed32 instead of varint, then the real one.
		expect(decodeTapEvent(hex('35 01 00 00 00', '30 01')).proxyDirection).toBe('INBOUND');
	});

	it('skips a well-formed group on an unknown field', () => {
		expect(decodeTapEvent(hex('5b 08 01 5c', '30 02')).proxyDirection).toBe('OUTBOUND'); // field 11 group
	});
});

describe('ApiError', () => {
	it('decodes the message and skips unknown fields', () => {
		expect(decodeApiError(hex('0a 05 68 65 6c 6c 6f', '10 01'))).toBe('hello'); // error (1) = "hello"
		expect(decodeApiError(new Uint8Array(0))).toBe('');
	});

	it('encodes exactly the protobuf bytes', () => {
		expect(toHex(encodeApiError('no pods'))).toBe('0a076e6f20706f6473');
		expect(decodeApiError(encodeApiError('ünïcode ✓'))).toBe('ünïcode ✓');
	});
});

describe('encodeTapEvent exact bytes', () => {
	it('writes fields in ascending order and leaves out zero scalars', () => {
		const ev: TapEvent = {
			source: {ip: '10.0.0.1', port: 0},
			destination: null,
			sourceMeta: null,
			destinationMeta: null,
			routeMeta: {'': ''},
			proxyDirection: 'INBOUND',
			http: {
				kind: 'responseInit',
				id: {base: 0, stream: 0},
				sinceRequestInit: {seconds: 0, nanos: 0},
				httpStatus: 200,
				headers: [{name: '', valueStr: ''}],
			},
		};
		expect(toHex(encodeTapEvent(ev))).toBe(
			[
				'0a070a050d0100000a', // source: ipv4 only
				'1a0f', '120d', //       http / response_init
				'0a00', //               id: present, all zero
				'1200', //               since_request_init: present, zero
				'18c801', //             http_status 200
				'2204', '0a02', '1200', // headers: one header, empty value_str kept (oneof)
				'3001', //               INBOUND
				'3a06', '0a04', '0a00', '1200', // route_meta entry with empty key and value
			].join(''),
		);
	});
});
