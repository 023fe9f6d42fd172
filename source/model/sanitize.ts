// Makes strings from the network safe to print. Anything a terminal would act
// on (C0/C1 controls, ESC, DEL) or that can hide or reorder text (bidi
// controls, zero-width and other invisible format characters, Unicode tags,
// lone surrogates) is shown as a visible escape instead. Ordinary text,
// including CJK, emoji and their joiners, passes through untouched.
import stringWidth from 'string-width';

// ZWJ (U+200D), ZWNJ (U+200C) and variation selectors stay: emoji sequences
// and several scripts need them, and they cannot move or hide other text.
const UNSAFE =
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|\p{Cs}/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

const SHORT: Record<string, string> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'};

function escapeChar(ch: string): string {
	const short = SHORT[ch];
	if (short) return short;
	const cp = ch.codePointAt(0)!;
	if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
	if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
	return `\\u{${cp.toString(16)}}`;
}

/** Terminal-safe, visible form of `s`; returns `s` itself when nothing needs escaping. */
export function sanitize(s: string): string {
	if (!UNSAFE.test(s)) return s;
	return s.replace(UNSAFE_ALL, escapeChar);
}

// Printable ASCII only: one column per UTF-16 unit, so length is the width.
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter();

/**
 * Sanitizes `s` and cuts it to at most `width` terminal columns, ending in `…`
 * when cut. Cuts fall between grapheme clusters, so a wide character or an
 * emoji sequence is never split. No padding is added.
 */
export function fitCell(s: string, width: number): string {
	if (width <= 0) return '';
	const safe = sanitize(s);
	if (PLAIN_ASCII.test(safe)) {
		return safe.length <= width ? safe : `${safe.slice(0, width - 1)}…`;
	}
	if (stringWidth(safe) <= width) return safe;
	return `${takeWidth(graphemesOf(safe), width - 1)}…`;
}

/** fitCell, then padded with spaces to exactly `width` columns. */
export function padCell(s: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cell = fitCell(s, width);
	const w = PLAIN_ASCII.test(cell) ? cell.length : stringWidth(cell);
	const pad = ' '.repeat(Math.max(0, width - w));
	return align === 'right' ? pad + cell : cell + pad;
}

function* graphemesOf(text: string): Generator<string> {
	for (const {segment} of segmenter.segment(text)) yield segment;
}

/** The leading graphemes that fit in `budget` columns (stops at the first that does not). */
function takeWidth(graphemes: Iterable<string>, budget: number): string {
	let used = 0;
	let out = '';
	for (const g of graphemes) {
		const w = stringWidth(g);
		if (used + w > budget) break;
		used += w;
		out += g;
	}
	return out;
}

/**
 * Like fitCell, but cuts the middle and keeps the end, which is where a URL path says
 * the most (`/emojivoto.v1.VotingService/VoteDoughnut` → `/emojivoto.…/VoteDoughnut`):
 * the last segment is kept whole when it leaves room for a few leading columns.
 */
export function fitMiddle(s: string, width: number): string {
	if (width <= 0) return '';
	const safe = sanitize(s);
	const total = PLAIN_ASCII.test(safe) ? safe.length : stringWidth(safe);
	if (total <= width) return safe;
	if (width < 6) return fitCell(s, width);
	const budget = width - 1;
	const slash = safe.lastIndexOf('/');
	const lastSegment = slash > 0 ? stringWidth(safe.slice(slash)) : 0;
	const tailWidth = lastSegment > 0 && lastSegment <= budget - 3 ? lastSegment : Math.ceil(budget / 2);
	const graphemes = [...graphemesOf(safe)];
	const head = takeWidth(graphemes, budget - tailWidth);
	const tail = takeWidthFromEnd(graphemes, tailWidth);
	return `${head}…${tail}`;
}

/**
 * An endpoint name cut by what tells it apart: an IP address keeps its end (`…51.100.23`,
 * the host part), a name keeps its start (`old-fron…`).
 */
export function fitName(s: string, width: number): string {
	if (width <= 0) return '';
	const safe = sanitize(s);
	const address = /^\d{1,3}(\.\d{1,3}){3}$/.test(safe) || /^[\da-f]*:[\da-f:]*$/i.test(safe);
	if (!address || safe.length <= width) return fitCell(safe, width);
	return `…${safe.slice(safe.length - (width - 1))}`;
}

function takeWidthFromEnd(graphemes: string[], budget: number): string {
	let used = 0;
	let out = '';
	for (let i = graphemes.length - 1; i >= 0; i--) {
		const w = stringWidth(graphemes[i]!);
		if (used + w > budget) break;
		used += w;
		out = graphemes[i]! + out;
	}
	return out;
}
