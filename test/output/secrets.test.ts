import {describe, expect, it} from 'vitest';
import {MASK, isSecretHeader, maskEvent, maskHeaders} from '../../source/model/secrets.js';
import type {Header, TapEvent} from '../../source/model/event.js';

describe('isSecretHeader', () => {
	it('matches the credential headers, case-insensitively', () => {
		for (const name of [
			'authorization',
			'Proxy-Authorization',
			'COOKIE',
			'set-cookie',
			'x-api-key',
			'x-auth-token',
			'X-Client-Secret',
			'db-password',
			'my-api-key-2',
			'apikey',
			'grpc-access-token-bin',
		]) {
			expect(isSecretHeader(name), name).toBe(true);
		}
	});

	it('leaves ordinary headers alone', () => {
		for (const name of [':authority', ':path', 'accept', 'content-type', 'user-agent', 'x-request-id', 'cookies-enabled-x']) {
			expect(isSecretHeader(name), name).toBe(false);
		}
	});
});

describe('maskHeaders and maskEvent', () => {
	const headers: Header[] = [
		{name: 'accept', valueStr: '*/*'},
		{name: 'Cookie', valueStr: 'session=abc'},
		{name: 'x-token-bin', valueBin: Uint8Array.from([1])},
	];

	it('masks secret values, whatever their encoding, in a new array', () => {
		const out = maskHeaders(headers, false);
		expect(out).toEqual([
			{name: 'accept', valueStr: '*/*'},
			{name: 'Cookie', valueStr: MASK},
			{name: 'x-token-bin', valueStr: MASK},
		]);
		expect(out).not.toBe(headers);
		expect(out![0]).toBe(headers[0]);
		expect(headers[1]!.valueStr).toBe('session=abc');
	});

	it('returns the same array when nothing needs masking or secrets are shown', () => {
		const plain = [{name: 'accept', valueStr: '*/*'}];
		expect(maskHeaders(plain, false)).toBe(plain);
		expect(maskHeaders(headers, true)).toBe(headers);
		expect(maskHeaders(null, false)).toBe(null);
	});

	it('masks request headers and response trailers, and returns unchanged events as-is', () => {
		const base: TapEvent = {
			source: null,
			destination: null,
			sourceMeta: null,
			destinationMeta: null,
			routeMeta: null,
			proxyDirection: 'OUTBOUND',
			http: null,
		};
		expect(maskEvent(base, false)).toBe(base);
		const req: TapEvent = {
			...base,
			http: {kind: 'requestInit', id: {base: 0, stream: 0}, method: 'GET', scheme: '', authority: '', path: '/', headers},
		};
		const masked = maskEvent(req, false);
		expect(masked.http).toMatchObject({headers: [{valueStr: '*/*'}, {valueStr: MASK}, {valueStr: MASK}]});
		expect(maskEvent(req, true)).toBe(req);
		const end: TapEvent = {
			...base,
			http: {
				kind: 'responseEnd',
				id: {base: 0, stream: 0},
				sinceRequestInit: null,
				sinceResponseInit: null,
				responseBytes: 0,
				eos: null,
				trailers: [{name: 'set-cookie', valueStr: 'x'}],
			},
		};
		expect(maskEvent(end, false).http).toMatchObject({trailers: [{name: 'set-cookie', valueStr: MASK}]});
		const rsp: TapEvent = {
			...base,
			http: {kind: 'responseInit', id: {base: 0, stream: 0}, sinceRequestInit: null, httpStatus: 200, headers: [{name: 'accept', valueStr: 'a'}]},
		};
		expect(maskEvent(rsp, false)).toBe(rsp);
	});
});
