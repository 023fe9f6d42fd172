// A styled line (text with SGR escapes, as Ink's frames hold them) split into
// terminal cells, so the writer can compare two frames cell by cell and rewrite
// only the cells that changed. Each cell carries a canonical style key: two cells
// look the same on screen when their characters and keys are equal.
import stringWidth from 'string-width';

export interface Cells {
	/** The line as Ink produced it. */
	text: string;
	/**
	 * Zero-width or control characters, or an escape other than SGR: the writer
	 * rewrites such a line whole instead of diffing its cells.
	 */
	complex: boolean;
	/** One per column; a wide character's second column holds '' (width 0). */
	chars: string[];
	/** 1, 2 for the first column of a wide character, 0 for its second. */
	widths: number[];
	/** Canonical SGR parameters in effect for each cell ('' = default). */
	styles: string[];
	/** Where each cell's character starts and ends in `text`. */
	starts: number[];
	ends: number[];
}

interface SgrState {
	flags: number;
	fg: string;
	bg: string;
	/** Codes this parser does not model, kept in order (conservative). */
	other: string;
}

// Attribute codes and the bit each sets; the codes that clear them follow.
const onCodes: Record<number, number> = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 7: 32, 8: 64, 9: 128};
const offCodes: Record<number, number> = {22: 1 | 2, 23: 4, 24: 8, 25: 16, 27: 32, 28: 64, 29: 128};
const flagCodes = [1, 2, 3, 4, 5, 7, 8, 9];

const fresh = (): SgrState => ({flags: 0, fg: '', bg: '', other: ''});

/** Applies the parameters of one SGR sequence (the text between CSI and m). */
function applySgr(state: SgrState, params: string): void {
	if (params.includes(':')) {
		state.other += (state.other ? ';' : '') + params;
		return;
	}
	const codes = params === '' ? [0] : params.split(';').map(Number);
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i]!;
		if (code === 0) {
			state.flags = 0;
			state.fg = '';
			state.bg = '';
			state.other = '';
		} else if (onCodes[code] !== undefined) state.flags |= onCodes[code]!;
		else if (offCodes[code] !== undefined) state.flags &= ~offCodes[code]!;
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state.fg = String(code);
		else if (code === 39) state.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) state.bg = String(code);
		else if (code === 49) state.bg = '';
		else if (code === 38 || code === 48) {
			const take = codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
			const value = codes.slice(i, i + 1 + take).join(';');
			i += take;
			if (code === 38) state.fg = value;
			else state.bg = value;
		} else state.other += (state.other ? ';' : '') + String(code);
	}
}

function keyOf(state: SgrState): string {
	const parts: string[] = [];
	for (const code of flagCodes) if (state.flags & onCodes[code]!) parts.push(String(code));
	if (state.fg) parts.push(state.fg);
	if (state.bg) parts.push(state.bg);
	if (state.other) parts.push(state.other);
	return parts.join(';');
}

const widths = new Map<string, number>();
function widthOf(char: string): number {
	let width = widths.get(char);
	if (width === undefined) {
		width = stringWidth(char);
		if (widths.size < 4096) widths.set(char, width);
	}
	return width;
}

/** Splits a line into cells up to `columns` wide; characters past the edge are dropped. */
export function parseCells(text: string, columns: number): Cells {
	const cells: Cells = {text, complex: false, chars: [], widths: [], styles: [], starts: [], ends: []};
	const state = fresh();
	let key = '';
	let column = 0;
	let i = 0;
	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (code === 0x1b) {
			// Only CSI ... m is expected inside a frame line; anything else makes the line opaque.
			let j = i + 1;
			if (text[j] !== '[') {
				cells.complex = true;
				i = j;
				continue;
			}
			j++;
			while (j < text.length && /[0-9;:]/.test(text[j]!)) j++;
			if (text[j] === 'm') {
				applySgr(state, text.slice(i + 2, j));
				key = keyOf(state);
			} else cells.complex = true;
			i = j + 1;
			continue;
		}
		const point = text.codePointAt(i)!;
		const size = point > 0xffff ? 2 : 1;
		let char = text.slice(i, i + size);
		let width = 1;
		if (point < 0x20 || point === 0x7f || (point >= 0x80 && point <= 0x9f)) {
			// Sanitized text never holds control characters; never let one reach the terminal.
			char = '?';
			cells.complex = true;
		} else if (point >= 0x80) {
			width = widthOf(char);
			if (width !== 1 && width !== 2) cells.complex = true;
		}
		if (column + width > columns) break;
		column += width;
		cells.chars.push(char);
		cells.widths.push(width);
		cells.styles.push(key);
		cells.starts.push(i);
		cells.ends.push(i + size);
		if (width === 2) {
			cells.chars.push('');
			cells.widths.push(0);
			cells.styles.push(key);
			cells.starts.push(i + size);
			cells.ends.push(i + size);
		}
		i += size;
	}
	return cells;
}

export const blankCells: Cells = {text: '', complex: false, chars: [], widths: [], styles: [], starts: [], ends: []};
