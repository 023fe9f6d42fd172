// linkerd's CLI table renderer (linkerd2 cli/table/table.go), which stat-outbound and
// stat-inbound print with: every column as wide as its widest cell in runes (header included),
// each cell followed by two spaces (the last one too), and the box-drawing rules that turn a
// backend row into `├───…──►`: a cell starting with `─` is left-padded with `─`, a cell ending in
// `─` is right-padded with `─`, and between such a cell and a next one starting with `─` the
// spacing is `──`. Pure; cells must already be terminal-safe.

export interface LinkerdColumn {
	header: string;
	leftAlign?: boolean;
}

const DASH = '─';
const SPACING = '  ';

function runes(text: string): number {
	let n = 0;
	for (const _ of text) n++;
	return n;
}

/** Go's string `<` compares bytes; for the BMP text of these tables code units order the same. */
function compareCells(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The table's text, header first, one `\n` per line. `sortColumns` sorts the rows by those
 * columns' text, as table.Sort does (linkerd's sort is not stable; here ties keep their order).
 */
export function renderLinkerdTable(columns: readonly LinkerdColumn[], rows: readonly string[][], sortColumns: readonly number[] = []): string {
	const widths = columns.map((column, c) => Math.max(runes(column.header), ...rows.map(row => runes(row[c] ?? ''))));
	const sorted = sortColumns.length === 0 ? rows : [...rows].sort((a, b) => {
		for (const c of sortColumns) {
			const order = compareCells(a[c] ?? '', b[c] ?? '');
			if (order !== 0) return order;
		}
		return 0;
	});
	const line = (row: readonly string[]) =>
		columns
			.map((column, c) => {
				const value = row[c] ?? '';
				const fill = widths[c]! - runes(value);
				const spacing = value.endsWith(DASH) && c < columns.length - 1 && (row[c + 1] ?? '').startsWith(DASH) ? DASH + DASH : SPACING;
				if (value.startsWith(DASH)) return DASH.repeat(fill) + value + spacing;
				if (value.endsWith(DASH)) return value + DASH.repeat(fill) + spacing;
				return column.leftAlign ? value + ' '.repeat(fill) + spacing : ' '.repeat(fill) + value + spacing;
			})
			.join('');
	return [columns.map(column => column.header), ...sorted].map(line).join('\n') + '\n';
}
