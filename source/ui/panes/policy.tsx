// The policy view (P): the tapped workload's policy routes and authorization, scrollable like
// help. The lines are built by policy-lines.ts; this only draws the visible window of them.
import {memo} from 'react';
import {Box} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import {Pane} from '../components/pane.js';
import {Styled} from '../theme-context.js';
import type {PolicyLine} from './policy-lines.js';

export const PolicyPane = memo(function PolicyPane(props: {lines: readonly PolicyLine[]; scroll: number; width: number; height: number}) {
	const {lines, width, height} = props;
	const rows = Math.max(1, height - 1);
	const scroll = Math.max(0, Math.min(props.scroll, lines.length - rows));
	const shown = lines.slice(scroll, scroll + rows);
	const more = lines.length > rows ? ` · ${scroll + 1}-${Math.min(lines.length, scroll + rows)}/${lines.length} (j/k)` : '';
	return (
		<Pane title="Policy" info={`esc back · P close${more}`} focused width={width} height={height}>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{shown.map((line, i) => (
					<Styled key={i} token={line.token} wrap="truncate-end">
						{fitCell(line.text === '' ? ' ' : line.text, width)}
					</Styled>
				))}
			</Box>
		</Pane>
	);
});
