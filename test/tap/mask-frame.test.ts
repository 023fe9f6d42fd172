// Secret header values masked in raw TapEvent bytes (tap/mask-frame.ts) for recordings made
// without --show-secrets: checked by decoding the result with the live decoder.
import {describe, expect, it} from 'vitest';
import type {TapEvent} from '../../source/model/event.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {maskFrame} from '../../source/tap/mask-frame.js';

const ends = {
	source: {ip: '10.0.0.1', port: 40000},
	destination: {ip: '10.0.0.2', port: 8080},
	sourceMeta: {pod: 'web-1', namespace: 'emojivoto'},
	destinationMeta: {pod: 'voting-1', namespace: 'emojivoto'},
	routeMeta: null,
	proxyDirection: 'OUTBOUND',
} as const;
const id = {base: 3, stream: 9};

const request: TapEvent = {
	...ends,
	http: {
		kind: 'requestInit',
		id,
		method: 'GET',
		scheme: 'HTTPS',
		authority: 'voting:8080',
		path: '/api/vote?token=stays-in-the-path',
		headers: [
			{name: ':method', valueStr: 'GET'},
			{name: 'Authorization', valueStr: 'Bearer secret-one'},
			{name: 'user-agent', valueStr: 'curl/8'},
			{name: 'x-session-token', valueBin: new Uint8Array([0xff, 0xfe, 0x01])},
			{name: 'cookie', valueStr: 'session=abc'},
		],
	},
};

describe('maskFrame', () => {
	it('masks secret request headers, str and bin alike, and leaves every other field as it was', () => {
		const masked = maskFrame(encodeTapEvent(request))!;
		const decoded = decodeTapEvent(masked);
		expect(decoded).toEqual({
			...request,
			http: {
				...request.http,
				headers: [
					{name: ':method', valueStr: 'GET'},
					{name: 'Authorization', valueStr: '[masked]'},
					{name: 'user-agent', valueStr: 'curl/8'},
					{name: 'x-session-token', valueStr: '[masked]'},
					{name: 'cookie', valueStr: '[masked]'},
				],
			},
		});
		const text = Buffer.from(masked).toString('latin1');
		expect(text).not.toContain('secret-one');
		expect(text).not.toContain('session=abc');
	});

	it('masks response headers and trailers', () => {
		const response: TapEvent = {...ends, http: {kind: 'responseInit', id, sinceRequestInit: {seconds: 0, nanos: 5}, httpStatus: 200, headers: [{name: 'set-cookie', valueStr: 'sid=1'}, {name: 'content-type', valueStr: 'text/plain'}]}};
		const end: TapEvent = {...ends, http: {kind: 'responseEnd', id, sinceRequestInit: null, sinceResponseInit: null, responseBytes: 4, eos: {kind: 'grpc', code: 0}, trailers: [{name: 'x-api-key', valueStr: 'k'}]}};
		expect((decodeTapEvent(maskFrame(encodeTapEvent(response))!).http as {headers: unknown}).headers).toEqual([
			{name: 'set-cookie', valueStr: '[masked]'},
			{name: 'content-type', valueStr: 'text/plain'},
		]);
		expect((decodeTapEvent(maskFrame(encodeTapEvent(end))!).http as {trailers: unknown}).trailers).toEqual([{name: 'x-api-key', valueStr: '[masked]'}]);
	});

	it('returns the very same bytes when nothing is secret', () => {
		const plain: TapEvent = {...request, http: {...request.http!, headers: [{name: 'accept', valueStr: '*/*'}]} as TapEvent['http']};
		const bytes = encodeTapEvent(plain);
		expect(maskFrame(bytes)).toBe(bytes);
	});

	it('refuses bytes it cannot walk (the recorder drops them rather than risk a secret)', () => {
		const bytes = encodeTapEvent(request);
		expect(maskFrame(bytes.subarray(0, bytes.length - 3))).toBeUndefined();
	});
});
