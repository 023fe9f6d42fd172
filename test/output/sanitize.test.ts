import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fitCell, padCell, sanitize} from '../../source/model/sanitize.js';

// Anything a terminal acts on or that hides/reorders text.
const RAW_UNSAFE =
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u{e0000}-\u{e007f}]|\p{Cs}/u;

const HOSTILE: Array<[string, string]> = [
	['\u001b[2J\u001b[H', '\\x1b[2J\\x1b[H'], // clear screen, home
	['\u001b]52;c;ZXZpbA==\u0007', '\\x1b]52;c;ZXZpbA==\\x07'], // OSC 52 clipboard write
	['\u001b]0;pwned\u001b\\', '\\x1b]0;pwned\\x1b\\'], // window title, ST terminator
	['\u009b31m', '\\x9b31m'], // C1 CSI
	['\u0090q\u009c', '\\x90q\\x9c'], // C1 DCS ... ST
	['abc\u202edcba', 'abc\\u202edcba'], // RLO
	['\u2066x\u2069\u200e\u200f\u061c', '\\u2066x\\u2069\\u200e\\u200f\\u061c'], // isolates and marks
	['pass\u200bword\ufeff', 'pass\\u200bword\\ufeff'], // zero-width space, BOM
	['a\u00adb\u2060c', 'a\\xadb\\u2060c'], // soft hyphen, word joiner
	['tag\u{e0041}\u{e007f}', 'tag\\u{e0041}\\u{e007f}'], // Unicode tag characters (ASCII smuggling)
	['\t\n\r\u0000\u007f', '\\t\\n\\r\\x00\\x7f'],
	['lone \ud800 surrogate \udc00', 'lone \\ud800 surrogate \\udc00'],
	['line\u2028para\u2029', 'line\\u2028para\\u2029'],
];

describe('sanitize', () => {
	for (const [input, want] of HOSTILE) {
		it(`escapes ${JSON.stringify(input)}`, () => {
			const out = sanitize(input);
			expect(out).toBe(want);
			expect(RAW_UNSAFE.test(out)).toBe(false);
		});
	}

	it('passes ordinary Unicode through unchanged, as the same string', () => {
		for (const s of ['/api/v1/users?id=3', '日本語のパス', '👍🏽 ok', '👨‍👩‍👧 family', 'نص عربي', 'ﬁ', 'é', '']) {
			expect(sanitize(s)).toBe(s);
		}
	});
});

describe('fitCell and padCell', () => {
	it('returns short ASCII unchanged and cuts long ASCII with an ellipsis', () => {
		expect(fitCell('hello', 5)).toBe('hello');
		expect(fitCell('hello!', 5)).toBe('hell…');
		expect(fitCell('hello', 1)).toBe('…');
		expect(fitCell('hello', 0)).toBe('');
	});

	it('cuts by display width and never splits a wide character or emoji sequence', () => {
		expect(fitCell('日本語テキスト', 14)).toBe('日本語テキスト');
		expect(fitCell('日本語テキスト', 7)).toBe('日本語…');
		expect(fitCell('日本語', 4)).toBe('日…');
		expect(fitCell('a日本', 4)).toBe('a日…');
		expect(fitCell('👍👍👍', 5)).toBe('👍👍…');
		expect(fitCell('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
		for (const [s, w] of [
			['日本語テキスト', 6],
			['x👍🏽y日', 4],
			['ab\u001bcd', 5],
		] as const) {
			expect(stringWidth(fitCell(s, w))).toBeLessThanOrEqual(w);
		}
	});

	it('sanitizes before measuring', () => {
		expect(fitCell('a\u001bb', 10)).toBe('a\\x1bb');
		expect(fitCell('a\u001bb', 4)).toBe('a\\x…');
	});

	it('pads to exactly the width, left or right', () => {
		expect(padCell('ab', 4)).toBe('ab  ');
		expect(padCell('ab', 4, 'right')).toBe('  ab');
		expect(padCell('日本語', 5)).toBe('日本…');
		expect(padCell('日本語', 7)).toBe('日本語 ');
		expect(stringWidth(padCell('日本語', 5))).toBe(5);
		expect(padCell('日本', 5, 'right')).toBe(' 日本');
		expect(padCell('toolong', 3)).toBe('to…');
	});
});

describe('fitName', () => {
	it('cuts an IP address from the left (the host part matters) and a name from the right', async () => {
		const {fitName} = await import('../../source/model/sanitize.js');
		expect(fitName('198.51.100.23', 8)).toBe('….100.23');
		expect(fitName('198.51.100.23', 10)).toBe('…51.100.23');
		expect(fitName('fd00::1:2:3', 6)).toBe('…1:2:3');
		expect(fitName('old-frontend', 8)).toBe('old-fro…');
		expect(fitName('10.0.0.1', 8)).toBe('10.0.0.1');
		expect(fitName('\u001B[2J10.0.0.1', 30)).toBe('\\x1b[2J10.0.0.1');
	});
});
