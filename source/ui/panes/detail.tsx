import {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {RequestRecord} from '../../model/types.js';
import type {Labels} from '../../model/event.js';
import {Pane} from '../components/pane.js';
import {Styled} from '../theme-context.js';
import {detailLines} from './detail-lines.js';
import {LabelTable, labelTableHeight} from './label-table.js';

export interface DetailProps {
	record: RequestRecord;
	/** The same request seen at the other end (model/pairing.ts), when the stream pairs it. */
	partner?: RequestRecord;
	/** Bumps when the record may have been updated in place. */
	version: number;
	showSecrets: boolean;
	scroll: number;
	/** Clock time of the data, for how long a pending request has waited. */
	now?: number;
	/** `3/120`: where this request sits in the (filtered) stream, for ← → stepping. */
	position?: string;
	width: number;
	height: number;
}

function sections(record: RequestRecord): Array<[string, Labels]> {
	return [
		['Source labels', record.sourceLabels],
		['Destination labels', record.destinationLabels],
		['Route labels', record.routeLabels],
	];
}

/** Lines the whole detail takes, label tables included. */
export function detailHeight(record: RequestRecord, fieldLines: number): number {
	return sections(record).reduce((sum, [, labels]) => sum + 2 + labelTableHeight(labels), fieldLines);
}

// The content is drawn in full and scrolled by a negative top margin inside a clipping
// box: the ink-table label tables are components, not lines, so they cannot be sliced.
export const DetailPane = memo(function DetailPane(props: DetailProps) {
	const {record, partner, showSecrets, width, height} = props;
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const fields = useMemo(() => detailLines(record, showSecrets, width, props.now, partner), [record, partner, showSecrets, width, props.version, props.now]);
	const total = detailHeight(record, fields.length);
	const rows = Math.max(1, height - 1);
	const start = Math.max(0, Math.min(props.scroll, total - rows));
	const stepping = props.position ? `request ${props.position} · ←→ prev/next · ` : '';
	const info = `${stepping}${start + 1}-${Math.min(total, start + rows)}/${total} · esc back · ↑↓ scroll`;
	return (
		<Pane title="Request detail" info={info} focused width={width} height={height}>
			<Box flexDirection="column" height={rows} overflow="hidden">
				<Box flexDirection="column" marginTop={-start} flexShrink={0}>
					{fields.map((line, i) => (
						<Styled key={i} token={line.token} wrap="truncate-end">
							{line.text === '' ? ' ' : line.text}
						</Styled>
					))}
					{sections(record).map(([title, labels]) => (
						<Box key={title} flexDirection="column" flexShrink={0}>
							<Text> </Text>
							<Styled token="title">{title}</Styled>
							<LabelTable labels={labels} width={width - 2} />
						</Box>
					))}
				</Box>
			</Box>
		</Pane>
	);
});
