// Label tables in the detail view use @alcalzone/ink-table, the maintained ESM fork
// of ink-table (the product owner's choice; ink-table 3.1.0 itself cannot load with
// Ink 6). The fork measures cells with .length, which is right for Kubernetes label
// keys and values (ASCII by the API's rules); cells are sanitized and cut first
// because it neither escapes nor truncates.
import React from 'react';
import {renderToString} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {fitCell} from '../../model/sanitize.js';
import type {Labels} from '../../tap/event.js';
import {labelRows} from './detail-lines.js';

export function labelTableLines(labels: Labels, width: number): string[] {
	const rows = labelRows(labels);
	if (rows.length === 0) return ['  (none)'];
	const keyWidth = Math.min(28, Math.max(5, ...rows.map(row => row.label.length)));
	// Borders and padding: "│ " + " │ " + " │" plus the two-space indent.
	const valueWidth = Math.max(5, width - keyWidth - 9);
	const data = rows.map(row => ({label: fitCell(row.label, keyWidth), value: fitCell(row.value, valueWidth)}));
	const text = renderToString(<Table data={data} />, {columns: width});
	return text.split('\n').map(line => `  ${line}`);
}
