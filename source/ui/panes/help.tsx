import {memo, useMemo} from 'react';
import {lineCommands} from '../command-line.js';
import {fitColumns} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {keymap, whereText} from '../keymap.js';

/** One row per binding, then the command-line verbs: all of it from the keymap data. */
export function helpRows(): TableRow[] {
	const rows: TableRow[] = keymap.map(binding => ({
		key: binding.command,
		cells: [binding.label, binding.description, whereText(binding)],
	}));
	rows.push({key: 'commands', cells: [':', `commands: ${lineCommands.join('  ')}`, 'command line'], token: 'accent'});
	return rows;
}

export const HelpPane = memo(function HelpPane(props: {scroll: number; width: number; height: number}) {
	const {width, height} = props;
	const columns = useMemo(
		() =>
			fitColumns(
				[
					{id: 'keys', title: 'KEYS', width: 10},
					{id: 'action', title: 'ACTION', flex: 3, min: 20},
					{id: 'where', title: 'WHERE', flex: 1, min: 10, priority: 1},
				],
				width,
			),
		[width],
	);
	const all = useMemo(helpRows, []);
	const rowsHeight = Math.max(1, height - 2);
	const start = Math.max(0, Math.min(props.scroll, all.length - rowsHeight));
	return (
		<Pane title="Keys" info="esc close · ↑↓ scroll" focused width={width} height={height}>
			<Table columns={columns} rows={all.slice(start, start + rowsHeight)} selected={-1} />
		</Pane>
	);
});
