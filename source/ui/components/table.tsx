// A windowed table: the caller passes only the visible rows, so rendering cost
// follows the screen, not the buffer. Cells go through padCell (sanitize, then
// truncate by display width), which keeps columns aligned for CJK and emoji.
import {memo} from 'react';
import {Box, Text} from 'ink';
import {padCell, sanitize} from '../../model/sanitize.js';
import {Paint, Styled, useTheme} from '../theme-context.js';
import {sgr, type Token} from '../theme.js';
import type {Column} from './columns.js';

export interface TableRow {
	key: string | number;
	cells: string[];
	/** Style of the whole row. */
	token?: Token;
	/** One cell across the whole row (e.g. a section or "whole namespace" row). */
	span?: boolean;
	/** Per-cell styles, overriding the row's. */
	cellTokens?: Array<Token | undefined>;
}

export interface TableProps {
	columns: Column[];
	rows: TableRow[];
	/** Index into rows of the selected row, -1 for none. */
	selected: number;
	/** Whether the selection is drawn (only in the focused pane). */
	showSelection?: boolean;
	empty?: string;
}

// Cells repeat across frames (names, methods, paths); padding one with a wide or
// non-ASCII character costs a grapheme walk, so padded cells are memoized.
const padded = new Map<string, string>();

function pad(text: string, width: number, align: 'left' | 'right'): string {
	const key = `${width}${align === 'left' ? 'l' : 'r'}${text}`;
	let cell = padded.get(key);
	if (cell === undefined) {
		cell = padCell(text, width, align);
		if (padded.size >= 20_000) padded.clear();
		padded.set(key, cell);
	}
	return cell;
}

export function formatRow(columns: Column[], cells: string[]): string {
	let line = '';
	for (let i = 0; i < columns.length; i++) {
		const column = columns[i]!;
		if (i > 0) line += ' ';
		line += pad(cells[i] ?? '', column.width, column.align);
	}
	return line;
}

const Row = memo(function Row(props: {columns: Column[]; row: TableRow; selected: boolean}) {
	const theme = useTheme();
	const {columns, row, selected} = props;
	if (row.span) {
		const total = columns.reduce((sum, column) => sum + column.width, Math.max(0, columns.length - 1));
		return (
			<Styled token={row.token} selected={selected} wrap="truncate-end">
				{pad(row.cells[0] ?? '', total, 'left')}
			</Styled>
		);
	}
	if (selected || !row.cellTokens) {
		return (
			<Styled token={row.token} selected={selected} wrap="truncate-end">
				{formatRow(columns, row.cells)}
			</Styled>
		);
	}
	// Neighbouring cells of one style become one segment: fewer text nodes for Ink to lay out.
	if (theme.raw) return <Text wrap="truncate-end">{styledRow(theme, columns, row)}</Text>;
	const segments: Array<{token: Token | undefined; text: string}> = [];
	for (let i = 0; i < columns.length; i++) {
		const column = columns[i]!;
		const token = row.cellTokens[i] ?? row.token;
		const text = (i > 0 ? ' ' : '') + pad(row.cells[i] ?? '', column.width, column.align);
		const last = segments.at(-1);
		if (last && last.token === token) last.text += text;
		else segments.push({token, text});
	}
	return (
		<Text wrap="truncate-end">
			{segments.map((segment, i) => (
				<Paint key={i} style={theme[segment.token ?? 'plain']} raw={theme.raw}>
					{segment.text}
				</Paint>
			))}
		</Text>
	);
});

/** A row with per-cell styles as one finished string: one <Text> node, nothing for Ink to colour. */
function styledRow(theme: ReturnType<typeof useTheme>, columns: Column[], row: TableRow): string {
	let line = '';
	let run = '';
	let runToken: Token | undefined;
	for (let i = 0; i < columns.length; i++) {
		const column = columns[i]!;
		const token = row.cellTokens![i] ?? row.token;
		const text = (i > 0 ? ' ' : '') + pad(row.cells[i] ?? '', column.width, column.align);
		if (i > 0 && token !== runToken) {
			line += sgr(theme[runToken ?? 'plain'], run);
			run = '';
		}
		runToken = token;
		run += text;
	}
	return line + sgr(theme[runToken ?? 'plain'], run);
}

export function Table(props: TableProps) {
	const {columns, rows, selected, showSelection = true} = props;
	return (
		<Box flexDirection="column">
			<Styled token="columns" wrap="truncate-end">
				{formatRow(
					columns,
					columns.map(column => column.title),
				)}
			</Styled>
			{rows.length === 0 && props.empty ? (
				<Styled token="muted" wrap="truncate-end">
					{sanitize(props.empty)}
				</Styled>
			) : null}
			{rows.map((row, index) => (
				<Row key={row.key} columns={columns} row={row} selected={showSelection && index === selected} />
			))}
		</Box>
	);
}
