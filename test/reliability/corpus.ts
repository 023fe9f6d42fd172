// Hostile strings for the terminal-injection tests: every escape a terminal acts on (C0, C1,
// ESC/CSI/OSC/DCS sequences, OSC 52 clipboard writes, title sets, hyperlinks), the bidi
// overrides and isolates, zero-width characters, and wide characters that stress layout.
// Seeded, so a failure names a reproducible string.

/** mulberry32: small, fast and good enough to pick bytes and lengths. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const fixedHostile: string[] = [
	'\u001b]52;c;ZWNobyBwd25lZA==\u0007', // OSC 52: write the clipboard
	'\u001b]52;p;aGk=\u001b\\', // OSC 52 with ST
	'\u001b]0;you have been pwned\u0007', // window title
	'\u001b]2;title\u001b\\',
	'\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007', // hyperlink
	'\u001b[2J\u001b[H', // clear + home
	'\u001b[1A\u001b[2K', // up a line, erase it
	'\u001b[31mred\u001b[0m',
	'\u001b[?1049l', // leave the alternate screen
	'\u001bP+q544e\u001b\\', // DCS request
	'\u009b31m', // 8-bit CSI
	'\u009d0;c1 title\u009c', // 8-bit OSC ... ST
	'\u0090dcs\u009c',
	'\u0085next line',
	'bell\u0007back\u0008\u0008space\u007f',
	'cr\roverwrite',
	'nul\u0000byte',
	'invoice\u202efdp.exe', // RLO
	'\u202aLRE\u202bRLE\u202cPDF\u202dLRO',
	'\u2066LRI\u2067RLI\u2068FSI\u2069PDI',
	'zero\u200bwidth\ufeffBOM\u2060joiner',
	'漢字のパス/全角',
	'👩‍💻🏳️‍🌈🇯🇵',
	'e\u0301\u0301\u0301combining',
	'\u{e0041}\u{e0042}tags',
	'long-' + 'ｗ'.repeat(200),
];

// Pieces random strings are built from; letters keep them readable in failure output.
const pieces: string[] = [
	...Array.from({length: 32}, (_, i) => String.fromCharCode(i)),
	'\u007f',
	...Array.from({length: 32}, (_, i) => String.fromCharCode(0x80 + i)),
	'\u001b[', '\u001b]', '\u001b]52;c;', '\u001b]0;', '\u001bP', '\u001b\\', '\u001b(0', '\u001bc',
	'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
	'\u200b', '\u200e', '\u200f', '\ufeff', '\u00ad',
	'漢', '字', '👍', '🏳️‍🌈', 'ｗ', '\u0301',
	'a', 'b', 'z', '/', '-', '.', ' ', '0', '9', '=', ';', '"', '\\',
];

/** The fixed strings, then `count` random ones of 1..24 pieces. */
export function hostileCorpus(seed: number, count: number): string[] {
	const random = prng(seed);
	const out = [...fixedHostile];
	for (let i = 0; i < count; i++) {
		let s = '';
		const n = 1 + Math.floor(random() * 24);
		for (let j = 0; j < n; j++) s += pieces[Math.floor(random() * pieces.length)];
		out.push(s);
	}
	return out;
}

/** What must never reach a terminal raw: C0 (but newline), DEL, C1, bidi overrides and isolates. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The first raw control character in `s`, described, or undefined. */
export function findRawControl(s: string): string | undefined {
	const match = RAW_CONTROL.exec(s);
	if (!match) return undefined;
	const cp = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
	return `U+${cp} at ${match.index} in ${JSON.stringify(s.slice(Math.max(0, match.index - 20), match.index + 20))}`;
}
