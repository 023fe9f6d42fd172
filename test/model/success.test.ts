import {describe, expect, it} from 'vitest';
import {isSuccess} from '../../source/model/success.js';

describe('isSuccess (linkerd viz top rule)', () => {
	it.each([
		[200, null, true],
		[404, null, true],
		[499, null, true],
		[500, null, false],
		[503, {kind: 'grpc', code: 0}, false],
		[200, {kind: 'grpc', code: 0}, true],
		[200, {kind: 'grpc', code: 1}, true],
		[200, {kind: 'grpc', code: 2}, false],
		[200, {kind: 'grpc', code: 3}, true],
		[200, {kind: 'grpc', code: 4}, false],
		[200, {kind: 'grpc', code: 5}, true],
		[200, {kind: 'grpc', code: 13}, false],
		[200, {kind: 'grpc', code: 14}, false],
		[200, {kind: 'grpc', code: 15}, false],
		[200, {kind: 'grpc', code: 16}, true],
		[200, {kind: 'reset', code: 0}, false],
		[null, null, true],
		[null, {kind: 'reset', code: 2}, false],
		[null, {kind: 'grpc', code: 14}, false],
	] as const)('status %s eos %j → %s', (httpStatus, eos, expected) => {
		expect(isSuccess({httpStatus, eos})).toBe(expected);
	});
});
