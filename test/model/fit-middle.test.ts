import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fitMiddle} from '../../source/model/sanitize.js';

describe('fitMiddle (paths cut in the middle)', () => {
	it('keeps the last path segment, where gRPC method names and ids are', () => {
		expect(fitMiddle('/emojivoto.v1.VotingService/VoteDoughnut', 22)).toBe('/emojivo…/VoteDoughnut');
		expect(fitMiddle('/emojivoto.v1.VotingService/VotePoop', 22)).toBe('/emojivoto.v…/VotePoop');
		expect(fitMiddle('/books/828.json', 10)).toBe('/boo….json');
	});

	it('leaves short strings alone and never exceeds the width', () => {
		expect(fitMiddle('/api/list', 9)).toBe('/api/list');
		expect(fitMiddle('/api/list', 5)).toBe('/api…');
		for (const s of ['/a/漢字漢字漢字漢字/end', '/👩‍💻/👩‍💻👩‍💻👩‍💻/x', '/'.repeat(50), 'no-slash-at-all-here']) {
			for (let width = 1; width < 24; width++) expect(stringWidth(fitMiddle(s, width)), `${s} ${width}`).toBeLessThanOrEqual(width);
		}
	});

	it('sanitizes before cutting, so escapes are never split into raw bytes', () => {
		const cut = fitMiddle('/\u202Eexe.gnp/\u001B[2J/end', 12);
		expect(cut).not.toMatch(/[\u0000-\u001F\u202E]/);
		expect(cut.endsWith('/end')).toBe(true);
	});
});
