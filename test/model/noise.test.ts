import {describe, expect, it} from 'vitest';
import {isNoise} from '../../source/model/noise.js';
import {makeRecord} from './events.js';

describe('probe and admin noise', () => {
	it.each([
		['kube-probe user agent', makeRecord({path: '/', requestHeaders: [{name: 'User-Agent', valueStr: 'kube-probe/1.30'}]}), true],
		['/healthz', makeRecord({path: '/healthz'}), true],
		['/ready with a query', makeRecord({path: '/ready?verbose=1'}), true],
		['/live/ with a trailing slash', makeRecord({path: '/live/'}), true],
		['/metrics', makeRecord({path: '/metrics'}), true],
		['the proxy admin port', makeRecord({path: '/anything', destination: {ip: '10.0.0.1', port: 4191}}), true],
		['an API call', makeRecord({path: '/api/vote', requestHeaders: [{name: 'user-agent', valueStr: 'curl/8'}]}), false],
		['a path that only starts like a probe', makeRecord({path: '/healthz-report'}), false],
	])('%s', (_name, record, noise) => {
		expect(isNoise(record)).toBe(noise);
	});
});
