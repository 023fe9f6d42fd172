// The bytes that turn the screen holding one frame into the next: for each row
// that changed, only the runs of cells that changed, each placed with an absolute
// cursor move. Absolute positions make the result independent of where the cursor
// was left, which is what went wrong with relative moves (stale lines in tmux).
// Pure: frames in, a string out.
import {blankCells, parseCells, type Cells} from './output-cells.js';

export const beginSync = '\u001B[?2026h';
export const endSync = '\u001B[?2026l';
const reset = '\u001B[0m';
const eraseToEnd = '\u001B[K';
const eraseLine = '\u001B[2K';
const clearScreen = '\u001B[0m\u001B[H\u001B[2J';

/**
 * Unchanged cells between two changed runs that are rewritten rather than
 * skipped: a cursor move costs 6 to 8 bytes, so short gaps are cheaper to repeat.
 */
export const defaultGap = 8;

const moveTo = (row: number, column: number) => (column === 0 ? `\u001B[${row + 1}H` : `\u001B[${row + 1};${column + 1}H`);
const sgr = (key: string) => (key === '' ? '' : `\u001B[${key}m`);

function sameCell(a: Cells, b: Cells, column: number): boolean {
	const charA = a.chars[column] ?? ' ';
	const charB = b.chars[column] ?? ' ';
	return charA === charB && (a.styles[column] ?? '') === (b.styles[column] ?? '');
}

const secondHalf = (cells: Cells, column: number) => cells.widths[column] === 0;

/** Cells [from, to) of a simple line, from and back to the default style. */
function slice(cells: Cells, from: number, to: number): string {
	if (from >= to) return '';
	const body = cells.text.slice(cells.starts[from], cells.ends[to - 1]);
	return sgr(cells.styles[from]!) + body + (cells.styles[to - 1] === '' ? '' : reset);
}

/** A whole line rebuilt from its cells, escapes other than SGR left out. */
function rebuild(cells: Cells): string {
	let out = '';
	let current = '';
	for (let i = 0; i < cells.chars.length; i++) {
		const style = cells.styles[i]!;
		if (style !== current) {
			out += style === '' ? reset : `\u001B[0;${style}m`;
			current = style;
		}
		out += cells.chars[i];
	}
	return current === '' ? out : out + reset;
}

export function encodeRow(row: number, before: Cells, after: Cells, gap = defaultGap): string {
	if (before.text === after.text) return '';
	if (before.complex || after.complex) return moveTo(row, 0) + eraseLine + rebuild(after);
	const length = after.chars.length;
	const span = Math.max(length, before.chars.length);
	let out = '';
	let column = 0;
	while (column < span) {
		if (sameCell(before, after, column)) {
			column++;
			continue;
		}
		// A run of changed cells, extended across gaps of at most `gap` unchanged ones.
		let start = column;
		let end = column + 1;
		let scan = end;
		while (scan < span && scan - end <= gap) {
			if (sameCell(before, after, scan)) scan++;
			else end = ++scan;
		}
		// Never write half of a wide character, old or new: take in both its columns.
		while (start > 0 && (secondHalf(before, start) || secondHalf(after, start))) start--;
		while (end < span && (secondHalf(before, end) || secondHalf(after, end))) end++;
		if (end > length) {
			// The run reaches past the new line's last cell: write up to it, erase the rest.
			out += moveTo(row, start) + slice(after, start, length) + eraseToEnd;
			break;
		}
		out += moveTo(row, start) + slice(after, start, end);
		column = end;
	}
	return out;
}

export interface Encoded {
	data: string;
	/** The screen after `data`, as rows of cells. */
	screen: Cells[];
}

/**
 * From `before` (null: unknown, repaint all) to `lines`, for a terminal of
 * `columns` x `rows`. Lines past the last row or the last column are cut.
 */
export function encodeFrame(before: readonly Cells[] | null, lines: readonly string[], columns: number, rows: number, gap = defaultGap): Encoded {
	let data = before === null ? clearScreen : '';
	const screen: Cells[] = [];
	for (let row = 0; row < rows; row++) {
		const text = lines[row] ?? '';
		const old = before?.[row] ?? blankCells;
		if (before !== null && old.text === text) {
			screen.push(old);
			continue;
		}
		const cells = text === '' ? blankCells : parseCells(text, columns);
		screen.push(cells);
		data += encodeRow(row, old, cells, gap);
	}
	return {data: data === '' ? '' : beginSync + data + endSync, screen};
}
