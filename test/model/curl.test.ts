import {describe, expect, it} from 'vitest';
import {curlCommand, shellQuote} from '../../source/model/curl.js';
import {makeRecord} from './events.js';

describe('a request as curl', () => {
	it('method, absolute URL, headers; pseudo-headers left out; secrets masked unless shown', () => {
		const rec = makeRecord({
			method: 'POST',
			scheme: 'HTTP',
			authority: 'web-svc.emojivoto:80',
			path: "/api/vote?choice=:joy:&who=o'brien",
			requestHeaders: [
				{name: ':method', valueStr: 'POST'},
				{name: 'user-agent', valueStr: 'curl/8'},
				{name: 'authorization', valueStr: 'Bearer hunter2'},
			],
		});
		expect(curlCommand(rec)).toBe(
			"curl -X 'POST' --http2-prior-knowledge 'http://web-svc.emojivoto:80/api/vote?choice=:joy:&who=o'\\''brien' -H 'user-agent: curl/8' -H 'authorization: [masked]'",
		);
		expect(curlCommand(rec, {showSecrets: true})).toContain("-H 'authorization: Bearer hunter2'");
	});

	it('a GET over HTTP/1 without headers is a bare curl of the URL; no authority falls back to the address', () => {
		expect(curlCommand(makeRecord({method: 'GET', scheme: '', authority: '', path: '/healthz', requestHeaders: null, destination: {ip: '10.0.0.2', port: 8080}}))).toBe(
			"curl 'http://10.0.0.2:8080/healthz'",
		);
	});

	it('quotes hostile text so a shell takes it as one word', () => {
		expect(shellQuote("$(rm -rf ~)'; echo")).toBe("'$(rm -rf ~)'\\''; echo'");
	});
});
