// Label tables in the detail view use @alcalzone/ink-table, the maintained ESM fork
// of ink-table (the product owner's choice; ink-table 3.1.0 itself cannot load with
// Ink 6). The fork measures cells with .length, so every cell must be plain ASCII for
// the borders to line up: Kubernetes label keys and values are ASCII by the API's rules,
// and anything else that arrives from the network is shown escaped (\u{…}). Cells are
// sanitized and cut first because the fork neither escapes nor truncates.
import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import type {Labels} from '../../model/event.js';
import {labelRows} from './detail-lines.js';

/** Non-ASCII code points as \u{hex}: after this, .length is the display width. */
export function asciiCell(text: string): string {
	return text.replace(/[^\x00-\x7e]/gu, char => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

export function labelTableData(labels: Labels, width: number): Array<{label: string; value: string}> {
	const rows = labelRows(labels);
	const keyWidth = Math.min(28, Math.max(5, ...rows.map(row => asciiCell(row.label).length)));
	// Borders and padding: "│ " + " │ " + " │" plus the two-space indent.
	const valueWidth = Math.max(5, width - keyWidth - 9);
	return rows.map(row => ({label: fitCell(asciiCell(row.label), keyWidth), value: fitCell(asciiCell(row.value), valueWidth)}));
}

/** Lines the fork draws for n rows: borders, heading, and a separator between rows. */
export function labelTableHeight(labels: Labels): number {
	const n = labelRows(labels).length;
	return n === 0 ? 1 : 2 * n + 3;
}

export function LabelTable(props: {labels: Labels; width: number}) {
	const data = labelTableData(props.labels, props.width);
	if (data.length === 0) return <Text dimColor>  (none)</Text>;
	return (
		<Box marginLeft={2}>
			<Table data={data} />
		</Box>
	);
}
