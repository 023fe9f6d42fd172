import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {fitInfo} from '../../source/ui/components/pane.js';
import {fitColumns} from '../../source/ui/components/columns.js';
import {Table} from '../../source/ui/components/table.js';
import {renderAt, type Rendered} from './render.js';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('table', () => {
	it('pads, aligns and truncates cells by display width, and marks the selection', () => {
		const columns = fitColumns(
			[
				{id: 'name', title: 'NAME', flex: 1},
				{id: 'n', title: 'N', width: 4, align: 'right'},
			],
			20,
		);
		expect(columns.map(c => c.width)).toEqual([15, 4]);
		view = renderAt(
			<Table
				columns={columns}
				rows={[
					{key: 1, cells: ['web', '12']},
					{key: 2, cells: ['漢字漢字漢字漢字漢字', '3']},
					{key: 3, cells: ['a\u001B[31mred\u202Eevil', '7']},
				]}
				selected={1}
			/>,
			20,
			10,
		);
		expect(view.lines()).toEqual(['NAME               N', 'web               12', '漢字漢字漢字漢…    3', 'a\\x1b[31mred\\u…    7']);
	});

	it('drops the lowest-priority columns first when the minimums do not fit', () => {
		const specs = [
			{id: 'a', title: 'A', flex: 1, min: 10},
			{id: 'b', title: 'B', width: 8, priority: 2},
			{id: 'c', title: 'C', width: 8, priority: 1},
		];
		expect(fitColumns(specs, 40).map(c => `${c.id}:${c.width}`)).toEqual(['a:22', 'b:8', 'c:8']);
		expect(fitColumns(specs, 25).map(c => `${c.id}:${c.width}`)).toEqual(['a:16', 'b:8']);
		expect(fitColumns(specs, 12).map(c => `${c.id}:${c.width}`)).toEqual(['a:12']);
	});

	it('fits a pane title’s info by dropping its last parts whole before cutting one', () => {
		const info = 'request 9/120 · ←→ prev/next · 1-18/77 · esc back · ↑↓ scroll';
		expect(fitInfo(info, 80)).toBe(` ${info}`);
		expect(fitInfo(info, 50)).toBe(' request 9/120 · ←→ prev/next · 1-18/77 · esc back');
		expect(fitInfo(info, 20)).toBe(' request 9/120');
		expect(fitInfo(info, 10)).toBe(' request …');
		expect(fitInfo('', 10)).toBe('');
	});

	it('uses the short title of a column too narrow for its title, never a cut one', () => {
		const specs = [{id: 'edge', title: 'SOURCE → DESTINATION', short: 'FROM → TO', flex: 1, min: 9}];
		expect(fitColumns(specs, 20)[0]!.title).toBe('SOURCE → DESTINATION');
		expect(fitColumns(specs, 19)[0]!.title).toBe('FROM → TO');
	});
});

describe('label table (the @alcalzone/ink-table fork)', () => {
	it('keeps its borders aligned when labels carry wide, combining or zero-width characters', async () => {
		const {LabelTable} = await import('../../source/ui/panes/label-table.js');
		view = renderAt(
			<LabelTable labels={{pod: 'web-1', '漢字のパス': '👩‍💻🏳️‍🌈', 'é\u0301x': 'ｗｗｗ', zw: 'a\u200Bb'}} width={70} />,
			72,
			20,
		);
		const lines = view.lines().filter(line => line.trim() !== '');
		const stringWidth = (await import('string-width')).default;
		expect(new Set(lines.map(line => stringWidth(line))).size).toBe(1);
		expect(lines.join('\n')).toContain('\\u{6f22}\\u{5b57}');
		expect(lines.join('\n')).toContain('web-1');
	});
});
