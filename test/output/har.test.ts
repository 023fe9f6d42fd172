// `-o har` as a pure function of RequestRecords: URL, headers and masking, timings, the comment,
// the HTTP version rule, escaping of hostile strings, and the HAR 1.2 structure.
import {describe, expect, it} from 'vitest';
import type {Header} from '../../source/model/event.js';
import type {RequestRecord} from '../../source/model/types.js';
import {HarStream, harDocument, harEntry, harPrefix, harSuffix} from '../../source/output/har.js';
import {harProblems} from './har-validator.js';
import {makeRecord} from '../model/events.js';

const h = (name: string, valueStr: string): Header => ({name, valueStr});

/** makeRecord with what this file is about: an emojivoto request with headers, timings and secrets. */
function record(over: Partial<RequestRecord> = {}): RequestRecord {
	return makeRecord({
		sourceLabels: null,
		destinationLabels: null,
		destinationName: 'deploy/emoji',
		authority: 'emoji-svc.emojivoto:8080',
		path: '/api/list',
		requestHeaders: [h('user-agent', 'curl/8'), h('authorization', 'Bearer abc')],
		startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
		responseHeaders: [h('content-type', 'application/json; charset=utf-8'), h('set-cookie', 'sid=1')],
		latencyUs: 12_345,
		totalUs: 20_000,
		responseBytes: 446,
		eos: null,
		...over,
	});
}

const entry = (over: Partial<RequestRecord> = {}, showSecrets = false) => JSON.parse(JSON.stringify(harEntry(record(over), {showSecrets})));

describe('harEntry', () => {
	it('builds an absolute URL: scheme lower-cased, http when none, the destination when no authority', () => {
		expect(entry().request.url).toBe('http://emoji-svc.emojivoto:8080/api/list');
		expect(entry({scheme: 'HTTPS'}).request.url).toBe('https://emoji-svc.emojivoto:8080/api/list');
		expect(entry({scheme: ''}).request.url).toBe('http://emoji-svc.emojivoto:8080/api/list');
		expect(entry({authority: ''}).request.url).toBe('http://10.0.0.2:8080/api/list');
		expect(entry({authority: '', destination: {ip: 'fd00::2', port: 80}}).request.url).toBe('http://[fd00::2]:80/api/list');
		expect(entry({path: ''}).request.url).toBe('http://emoji-svc.emojivoto:8080/');
	});

	it('parses the query string, decoded as a browser does', () => {
		const e = entry({path: '/search?q=a+b&tag=%E2%9C%93&empty=&flag#frag'});
		expect(e.request.url).toBe('http://emoji-svc.emojivoto:8080/search?q=a+b&tag=%E2%9C%93&empty=&flag#frag');
		expect(e.request.queryString).toEqual([
			{name: 'q', value: 'a b'},
			{name: 'tag', value: '✓'},
			{name: 'empty', value: ''},
			{name: 'flag', value: ''},
		]);
		expect(entry().request.queryString).toEqual([]);
		expect(entry({path: '/bad?x=%zz'}).request.queryString).toEqual([{name: 'x', value: '%zz'}]);
	});

	it('masks secret headers unless showSecrets, in requests, responses and trailers', () => {
		const trailers = [h('grpc-status', '0'), h('x-session-token', 'tok')];
		const masked = entry({trailers});
		expect(masked.request.headers).toEqual([{name: 'user-agent', value: 'curl/8'}, {name: 'authorization', value: '[masked]'}]);
		expect(masked.response.headers).toEqual([
			{name: 'content-type', value: 'application/json; charset=utf-8'},
			{name: 'set-cookie', value: '[masked]'},
			{name: 'grpc-status', value: '0', comment: 'trailer'},
			{name: 'x-session-token', value: '[masked]', comment: 'trailer'},
		]);
		const shown = entry({trailers}, true);
		expect(shown.request.headers[1]).toEqual({name: 'authorization', value: 'Bearer abc'});
		expect(shown.response.headers[1]).toEqual({name: 'set-cookie', value: 'sid=1'});
		expect(shown.response.headers[3]).toEqual({name: 'x-session-token', value: 'tok', comment: 'trailer'});
		expect(JSON.stringify(masked)).not.toContain('Bearer abc');
	});

	it('leaves pseudo-headers out and gives binary values in base64', () => {
		const e = entry({
			requestHeaders: [h(':method', 'POST'), h(':path', '/x'), h('content-type', 'application/grpc'), {name: 'trace-bin', valueBin: new Uint8Array([1, 2, 255])}],
			responseHeaders: [h(':status', '200')],
		});
		expect(e.request.headers).toEqual([{name: 'content-type', value: 'application/grpc'}, {name: 'trace-bin', value: 'AQL/', comment: 'base64'}]);
		expect(e.response.headers).toEqual([]);
	});

	it('takes the time from the tap: started when the request arrived, wait to first byte, receive the rest', () => {
		const e = entry();
		expect(e.startedDateTime).toBe('2026-01-02T03:04:05.678Z');
		expect(e.time).toBe(20);
		expect(e.timings).toEqual({blocked: -1, dns: -1, connect: -1, send: 0, wait: 12.345, receive: 7.655, ssl: -1});
		// Reset before the response headers: all of it was waiting.
		const reset = entry({latencyUs: null, httpStatus: null, responseHeaders: null, totalUs: 5000, eos: {kind: 'reset', code: 7}, success: false});
		expect(reset.timings).toMatchObject({wait: 5, receive: 0});
		expect(reset.time).toBe(5);
		expect(reset.response.status).toBe(0);
		expect(reset.response.content).toEqual({size: 446, mimeType: ''});
	});

	it('says the response content: size and mime type', () => {
		const e = entry();
		expect(e.response.content).toEqual({size: 446, mimeType: 'application/json; charset=utf-8'});
		expect(e.response.bodySize).toBe(446);
		expect(e.response.status).toBe(200);
		expect(e.serverIPAddress).toBe('10.0.0.2');
		expect(e.connection).toBe('8080');
	});

	it('comments direction, workloads, the gRPC status or reset, and mTLS; custom fields carry the same', () => {
		const grpc = entry({eos: {kind: 'grpc', code: 14}, success: false});
		expect(grpc.comment).toBe('outbound deploy/web → deploy/emoji · grpc-status Unavailable (14) · mTLS');
		expect(grpc).toMatchObject({_grpcStatus: 14, _grpcStatusName: 'Unavailable', _proxyDirection: 'OUTBOUND', _tls: 'true', _success: false});
		const reset = entry({direction: 'INBOUND', eos: {kind: 'reset', code: 7}, tls: 'no_identity'});
		expect(reset.comment).toBe('inbound deploy/web → deploy/emoji · reset REFUSED_STREAM (7) · no mTLS (no_identity)');
		expect(reset._resetErrorCode).toBe(7);
		expect(reset._grpcStatus).toBeUndefined();
		expect(entry({tls: ''}).comment).toBe('outbound deploy/web → deploy/emoji · mTLS unknown');
	});

	it('says HTTP/2.0 for pseudo-headers or gRPC content, else HTTP/1.1', () => {
		expect(entry().request.httpVersion).toBe('HTTP/1.1');
		expect(entry({requestHeaders: [h(':path', '/')]}).request.httpVersion).toBe('HTTP/2.0');
		expect(entry({requestHeaders: [h('content-type', 'application/grpc+proto')]}).request.httpVersion).toBe('HTTP/2.0');
		const e = entry({requestHeaders: null, responseHeaders: [h('Content-Type', 'application/grpc')]});
		expect(e.request.httpVersion).toBe('HTTP/2.0');
		expect(e.response.httpVersion).toBe('HTTP/2.0');
		expect(entry({requestHeaders: null, responseHeaders: null}).request.httpVersion).toBe('HTTP/1.1');
	});
});

describe('the HAR document', () => {
	it('streams prefix, entries with commas and suffix into one valid HAR 1.2 log', () => {
		const stream = new HarStream({showSecrets: false});
		const text = harPrefix('1.2.3') + stream.entry(record()) + stream.entry(record({seq: 2, eos: {kind: 'grpc', code: 2}})) + harSuffix();
		const doc = JSON.parse(text);
		expect(doc.log.version).toBe('1.2');
		expect(doc.log.creator).toEqual({name: 'meshtop', version: '1.2.3'});
		expect(doc.log.entries).toHaveLength(2);
		expect(stream.count).toBe(2);
		expect(harProblems(doc)).toEqual([]);
		// An empty log (ctrl-c before any request completed) is valid too.
		expect(harProblems(JSON.parse(harPrefix('x') + harSuffix()))).toEqual([]);
	});

	it('escapes hostile strings: no raw control, C1 or bidi character, and JSON.parse gives them back', () => {
		const hostile = {
			authority: '\u202eemoji.example.com\u001b[1A',
			path: '/\u009b31mred\u0007bell?x=\u001b]8;;https://evil.example/\u0007',
			method: 'GET\u2028',
			sourceName: 'deploy/\u200bweb',
			requestHeaders: [h('user-agent', 'x \u001b[5mblink\u001b[0m')],
		};
		const text = harDocument([record(hostile)], 'v\u001b', {showSecrets: false});
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u202e]/);
		const doc = JSON.parse(text);
		expect(harProblems(doc)).toEqual([]);
		expect(doc.log.entries[0].request.url).toBe(`http://${hostile.authority}${hostile.path}`);
		expect(doc.log.entries[0].request.headers[0].value).toBe('x \u001b[5mblink\u001b[0m');
		expect(doc.log.creator.version).toBe('v\u001b');
	});

	it('the validator catches a missing required field', () => {
		const doc = JSON.parse(harDocument([record()], '1', {showSecrets: false}));
		delete doc.log.entries[0].response.content.mimeType;
		delete doc.log.entries[0].cache;
		doc.log.entries[0].timings.wait += 1;
		expect(harProblems(doc)).toEqual([
			'log.entries[0].cache: missing, want a object',
			'log.entries[0].response.content.mimeType: missing, want a string',
			'log.entries[0].time: 20, the timings sum to 21',
		]);
	});
});
