// What the terminal shows, rebuilt from the bytes the TUI writes: enough of a
// terminal to follow the screen writer's output (absolute cursor moves, erase line
// and screen, text; styles are dropped). Lets the soak tell from the output alone
// whether a key's effect reached the screen, whatever else the same write changed.
import stringWidth from 'string-width';

export class Screen {
	row = 0;
	column = 0;

	constructor(columns = 160, rows = 45) {
		this.columns = columns;
		this.rows = rows;
		this.cells = Array.from({length: rows}, () => new Array(columns).fill(' '));
	}

	/** Applies one write's text. */
	feed(text) {
		let i = 0;
		const n = text.length;
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 0x1b) {
				i = this.#escape(text, i);
				continue;
			}
			if (c === 0x0a) {
				this.row = Math.min(this.rows - 1, this.row + 1);
				this.column = 0;
				i++;
				continue;
			}
			if (c === 0x0d) {
				this.column = 0;
				i++;
				continue;
			}
			const cp = text.codePointAt(i);
			const ch = String.fromCodePoint(cp);
			i += ch.length;
			if (cp < 0x20) continue;
			const width = cp < 0x7f ? 1 : stringWidth(ch);
			if (width === 0) continue;
			if (this.row < this.rows && this.column < this.columns) {
				this.cells[this.row][this.column] = ch;
				if (width === 2 && this.column + 1 < this.columns) this.cells[this.row][this.column + 1] = '';
			}
			this.column += width;
		}
	}

	/** The text of row `r`, trailing blanks kept. */
	line(r) {
		return this.cells[r].join('');
	}

	/** Whether `needle` is on any row. */
	shows(needle) {
		for (let r = 0; r < this.rows; r++) if (this.line(r).includes(needle)) return true;
		return false;
	}

	text() {
		return this.cells.map(row => row.join('').trimEnd()).join('\n');
	}

	// Returns the index after the escape sequence at `i`.
	#escape(text, i) {
		const kind = text[i + 1];
		if (kind === ']') {
			// OSC: up to BEL or ST; ignored.
			let j = i + 2;
			while (j < text.length && text.charCodeAt(j) !== 7 && !(text[j] === '\u001B' && text[j + 1] === '\\')) j++;
			return text.charCodeAt(j) === 7 ? j + 1 : j + 2;
		}
		if (kind !== '[') return i + 2;
		let j = i + 2;
		while (j < text.length && /[0-?]/.test(text[j])) j++;
		while (j < text.length && /[ -/]/.test(text[j])) j++;
		const params = text.slice(i + 2, j);
		const final = text[j];
		this.#csi(params, final);
		return j + 1;
	}

	#csi(params, final) {
		if (params.startsWith('?')) return;
		const args = params === '' ? [] : params.split(';').map(Number);
		if (final === 'H' || final === 'f') {
			this.row = Math.max(0, (args[0] || 1) - 1);
			this.column = Math.max(0, (args[1] || 1) - 1);
		} else if (final === 'K') {
			const row = this.cells[this.row];
			if (!row) return;
			const mode = args[0] ?? 0;
			const from = mode === 0 ? this.column : 0;
			const to = mode === 1 ? this.column + 1 : this.columns;
			for (let c = from; c < to && c < this.columns; c++) row[c] = ' ';
		} else if (final === 'J' && (args[0] === 2 || args[0] === 3)) {
			for (const row of this.cells) row.fill(' ');
		}
		// SGR (m) and anything else: no effect on the text.
	}
}
