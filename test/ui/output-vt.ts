// A small virtual terminal for the subset of escapes the frame writer may emit:
// absolute cursor moves, erase line/screen, SGR, and private modes (ignored).
// Anything else throws, and so does printing past the last column or a newline,
// so a test replaying the writer's bytes fails on anything a real terminal could
// wrap, scroll or misplace. SGR is tracked per cell with its own parser (not the
// writer's), and erased cells take the current background as terminals do.
import stringWidth from 'string-width';

interface Pen {
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
	strike: boolean;
	fg: string;
	bg: string;
}

const plainPen = (): Pen => ({bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false, fg: '', bg: ''});

function describe(pen: Pen): string {
	const parts = [];
	for (const flag of ['bold', 'dim', 'italic', 'underline', 'inverse', 'strike'] as const) if (pen[flag]) parts.push(flag);
	if (pen.fg) parts.push(`fg=${pen.fg}`);
	if (pen.bg) parts.push(`bg=${pen.bg}`);
	return parts.join(',');
}

function applySgr(pen: Pen, params: string): void {
	const codes = params === '' ? [0] : params.split(';').map(Number);
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i]!;
		if (code === 0) Object.assign(pen, plainPen());
		else if (code === 1) pen.bold = true;
		else if (code === 2) pen.dim = true;
		else if (code === 3) pen.italic = true;
		else if (code === 4) pen.underline = true;
		else if (code === 7) pen.inverse = true;
		else if (code === 9) pen.strike = true;
		else if (code === 22) pen.bold = pen.dim = false;
		else if (code === 23) pen.italic = false;
		else if (code === 24) pen.underline = false;
		else if (code === 27) pen.inverse = false;
		else if (code === 29) pen.strike = false;
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) pen.fg = String(code);
		else if (code === 39) pen.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) pen.bg = String(code);
		else if (code === 49) pen.bg = '';
		else if (code === 38 || code === 48) {
			const take = codes[i + 1] === 5 ? 2 : 4;
			const value = codes.slice(i + 1, i + 1 + take).join(':');
			i += take;
			if (code === 38) pen.fg = value;
			else pen.bg = value;
		} else throw new Error(`unexpected SGR code ${code}`);
	}
}

export class VirtualTerminal {
	chars: string[][] = [];
	styles: string[][] = [];
	private row = 0;
	private column = 0;
	private pen = plainPen();

	constructor(
		public columns: number,
		public rows: number,
		private readonly strict = true,
	) {
		this.clear();
	}

	/** A resize leaves the kept cells in place (terminals differ; the writer must repaint anyway). */
	resize(columns: number, rows: number): void {
		const chars = this.chars;
		const styles = this.styles;
		this.columns = columns;
		this.rows = rows;
		this.clear();
		for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) {
			this.chars[r]![c] = chars[r]?.[c] ?? ' ';
			this.styles[r]![c] = styles[r]?.[c] ?? '';
		}
		this.row = Math.min(this.row, rows - 1);
		this.column = Math.min(this.column, columns - 1);
	}

	write(data: string): void {
		let i = 0;
		while (i < data.length) {
			const code = data.charCodeAt(i);
			if (code === 0x1b) {
				if (data[i + 1] !== '[') throw new Error(`unexpected escape ${JSON.stringify(data.slice(i, i + 4))}`);
				let j = i + 2;
				while (j < data.length && /[0-9;?]/.test(data[j]!)) j++;
				this.control(data.slice(i + 2, j), data[j]!);
				i = j + 1;
				continue;
			}
			if (code < 0x20 || code === 0x7f) throw new Error(`control character ${code} in the output`);
			const point = data.codePointAt(i)!;
			const char = String.fromCodePoint(point);
			this.print(char);
			i += char.length;
		}
	}

	private print(char: string): void {
		const width = stringWidth(char);
		if (this.column + width > this.columns) {
			if (this.strict) throw new Error(`printing ${JSON.stringify(char)} past the last column at row ${this.row + 1}`);
			return;
		}
		const style = describe(this.pen);
		// Overwriting either half of a wide character blanks its other half, as terminals do.
		for (let k = this.column; k < this.column + width; k++) this.orphan(this.row, k, this.column + width);
		this.chars[this.row]![this.column] = char;
		this.styles[this.row]![this.column] = style;
		for (let k = 1; k < width; k++) {
			this.chars[this.row]![this.column + k] = '';
			this.styles[this.row]![this.column + k] = style;
		}
		this.column += width;
	}

	private orphan(row: number, column: number, until: number): void {
		const chars = this.chars[row]!;
		if (chars[column] === '' && column > 0) chars[column - 1] = ' ';
		if (chars[column + 1] === '' && column + 1 >= until) chars[column + 1] = ' ';
	}

	private erase(row: number, from: number): void {
		this.orphan(row, from, this.columns);
		const style = this.pen.bg ? `bg=${this.pen.bg}` : '';
		for (let c = from; c < this.columns; c++) {
			this.chars[row]![c] = ' ';
			this.styles[row]![c] = style;
		}
	}

	private clear(): void {
		this.chars = [];
		this.styles = [];
		for (let r = 0; r < this.rows; r++) {
			this.chars.push(new Array<string>(this.columns).fill(' '));
			this.styles.push(new Array<string>(this.columns).fill(''));
		}
	}

	private control(params: string, final: string): void {
		if (params.startsWith('?')) {
			if ((final === 'h' || final === 'l') && ['?2026', '?25', '?1049'].includes(params)) return;
			throw new Error(`unexpected private mode ${params}${final}`);
		}
		const numbers = params === '' ? [] : params.split(';').map(Number);
		switch (final) {
			case 'H': {
				const row = (numbers[0] || 1) - 1;
				const column = (numbers[1] || 1) - 1;
				if (row >= this.rows || column >= this.columns) throw new Error(`cursor moved off screen to ${row + 1};${column + 1}`);
				this.row = row;
				this.column = column;
				return;
			}
			case 'K':
				if ((numbers[0] ?? 0) === 0) this.erase(this.row, this.column);
				else if (numbers[0] === 2) this.erase(this.row, 0);
				else throw new Error(`unexpected erase ${params}K`);
				return;
			case 'J':
				if (numbers[0] !== 2) throw new Error(`unexpected erase ${params}J`);
				for (let r = 0; r < this.rows; r++) this.erase(r, 0);
				return;
			case 'm':
				applySgr(this.pen, params);
				return;
			default:
				throw new Error(`unexpected control ${params}${final}`);
		}
	}

	/** Each row as text plus a style per cell, for exact comparisons. */
	dump(): string[] {
		return this.chars.map((chars, r) => {
			const styles = this.styles[r]!;
			let line = chars.join('');
			const marks = styles.map((style, c) => (style ? `${c}:${style}` : '')).filter(Boolean);
			if (marks.length > 0) line += ` | ${marks.join(' ')}`;
			return line;
		});
	}
}

/** The screen a frame should produce: each line printed at its row on a blank terminal. */
export function expectedScreen(frame: string, columns: number, rows: number): string[] {
	const terminal = new VirtualTerminal(columns, rows, false);
	frame
		.split('\n')
		.slice(0, rows)
		.forEach((line, row) => terminal.write(`\u001B[${row + 1};1H${line}\u001B[0m`));
	return terminal.dump();
}
