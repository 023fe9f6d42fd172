import React, {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {RequestRecord} from '../../model/types.js';
import {Pane} from '../components/pane.js';
import {Styled} from '../theme-context.js';
import {detailLines, type Line} from './detail-lines.js';
import {labelTableLines} from './label-table.js';

export function allDetailLines(record: RequestRecord, showSecrets: boolean, width: number): Line[] {
	const lines = detailLines(record, showSecrets, width);
	const sections: Array<[string, RequestRecord['sourceLabels']]> = [
		['Source labels', record.sourceLabels],
		['Destination labels', record.destinationLabels],
		['Route labels', record.routeLabels],
	];
	for (const [title, labels] of sections) {
		lines.push({text: ''}, {text: title, token: 'title'});
		for (const text of labelTableLines(labels, width - 2)) lines.push({text});
	}
	return lines;
}

export interface DetailProps {
	record: RequestRecord;
	/** Bumps when the record may have been updated in place. */
	version: number;
	showSecrets: boolean;
	scroll: number;
	width: number;
	height: number;
}

export const DetailPane = memo(function DetailPane(props: DetailProps) {
	const {record, showSecrets, width, height} = props;
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const lines = useMemo(() => allDetailLines(record, showSecrets, width), [record, showSecrets, width, props.version]);
	const rows = Math.max(1, height - 1);
	const start = Math.max(0, Math.min(props.scroll, lines.length - rows));
	const info = `${start + 1}-${Math.min(lines.length, start + rows)}/${lines.length} · esc back · ↑↓ scroll`;
	return (
		<Pane title="Request detail" info={info} focused width={width} height={height}>
			<Box flexDirection="column">
				{lines.slice(start, start + rows).map((line, i) => (
					<Styled key={start + i} token={line.token} wrap="truncate-end">
						{line.text === '' ? <Text> </Text> : line.text}
					</Styled>
				))}
			</Box>
		</Pane>
	);
});
