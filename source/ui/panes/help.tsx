import {memo, useMemo} from 'react';
import {describeFilterSyntax} from '../../model/filter/help.js';
import {noiseRule} from '../../model/noise.js';
import {lineCommands} from '../command-line.js';
import {type Column, fitColumns} from '../components/columns.js';
import {Pane} from '../components/pane.js';
import {Table, type TableRow} from '../components/table.js';
import {keymap, whereText} from '../keymap.js';
import {wrapWords} from '../wrap.js';

// What the columns and header figures mean, for the legend at the end of the help.
const legend: Array<[string, string]> = [
	['READY', 'pods ready / pods of the workload'],
	['MESHED', 'pods with the Linkerd proxy'],
	['TAP', 'pods the tap API can tap (their proxy is tap-enabled; pods started before viz need a restart)'],
	['SR RPS P99', 'success rate, requests/s and latency from the viz metrics-api (all traffic, not sampled)'],
	['TCP', 'open TCP connections (metrics-api)'],
	['DIR', 'in: seen by the server\'s proxy (inbound); out: seen by the client\'s proxy (outbound)'],
	['mTLS', '🔒 secured; else why not: plain (peer sent no TLS), no-sd (no identity from discovery), lo (loopback) and more (the detail gives the full reason)'],
	['! SOURCE', 'in the mTLS pane: the source is not meshed (no proxy of its own), so its requests cannot be mTLS'],
	['req/s ev/s', 'requests per second tapped; tap events per second (about 3 per request: request, response, end)'],
	['unfinished', 'requests still waiting for their response or end'],
	['dropped', 'requests that never finished within 30 s, or fell out of the buffer'],
	['noise (n)', noiseRule],
	['o+i', 'one request seen at both ends (a namespace tap): out at the caller\'s proxy, in at the server\'s. The stream pairs the two rows (b: raw rows); top routes and mTLS count the request once, by the view that ended first (the server\'s, nearly always), and the routes title says o+i once'],
];

export function helpColumns(width: number): Column[] {
	return fitColumns(
		[
			{id: 'keys', title: 'KEYS', width: 10},
			{id: 'action', title: 'ACTION', flex: 3, min: 20},
			{id: 'where', title: 'WHERE', flex: 1, min: 10, priority: 1},
		],
		width,
	);
}

interface Widths {
	action: number;
	where: number;
}

/** Rows of one entry: its text and where wrapped to their columns, the keys on the first line. */
function entry(key: string, keys: string, text: string, where: string, widths: Widths, token?: TableRow['token']): TableRow[] {
	const actions = wrapWords(text, widths.action);
	const wheres = wrapWords(where, widths.where);
	return Array.from({length: Math.max(actions.length, wheres.length)}, (_, i) => ({
		key: `${key}-${i}`,
		cells: [i === 0 ? keys : '', actions[i] ?? '', wheres[i] ?? ''],
		...(token ? {token} : {}),
	}));
}

function section(key: string, title: string): TableRow {
	return {key, cells: [title], token: 'title', span: true};
}

/**
 * Every binding from the keymap, every `:` command, the filter language and a legend of the
 * columns, wrapped to the width so nothing is cut at 80 columns.
 */
export function helpRows(width: number): TableRow[] {
	const columns = helpColumns(width);
	const action: Widths = {
		action: columns.find(column => column.id === 'action')?.width ?? 40,
		where: columns.find(column => column.id === 'where')?.width ?? 0,
	};
	const rows: TableRow[] = [];
	for (const binding of keymap) rows.push(...entry(binding.command, binding.label, binding.description, whereText(binding), action));
	rows.push(section('commands-title', 'Command line (:)'));
	for (const command of lineCommands) rows.push(...entry(`cmd-${command}`, ':', command.slice(1), 'command line', action, 'accent'));
	rows.push(section('filter-title', 'Filter language (/ and --filter)'));
	for (const [i, line] of describeFilterSyntax().entries()) rows.push(...entry(`filter-${i}`, '', line.trim(), '', action));
	rows.push(section('legend-title', 'Columns and figures'));
	for (const [name, meaning] of legend) rows.push(...entry(`legend-${name}`, name, meaning, '', action));
	return rows;
}

export const HelpPane = memo(function HelpPane(props: {scroll: number; width: number; height: number}) {
	const {width, height} = props;
	const columns = useMemo(() => helpColumns(width), [width]);
	const all = useMemo(() => helpRows(width), [width]);
	const rowsHeight = Math.max(1, height - 2);
	const start = Math.max(0, Math.min(props.scroll, all.length - rowsHeight));
	const info = `${start + 1}-${Math.min(all.length, start + rowsHeight)}/${all.length} · esc close · ↑↓ scroll`;
	return (
		<Pane title="Keys" info={info} focused width={width} height={height}>
			<Table columns={columns} rows={all.slice(start, start + rowsHeight)} selected={-1} />
		</Pane>
	);
});
