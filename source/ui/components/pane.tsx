import React from 'react';
import {Box, Text} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import {Styled} from '../theme-context.js';

/** A titled region of fixed size; the focused pane's title is highlighted. */
export function Pane(props: {title: string; info?: string; focused: boolean; width: number; height: number; children: React.ReactNode}) {
	const {title, info = '', focused, width, height} = props;
	const label = fitCell(` ${title} `, width);
	return (
		// No overflow clipping: rows are windowed to the height and cut to the width
		// already, and Ink's clipping re-slices every line of every frame.
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate-end">
				<Styled token={focused ? 'focusTitle' : 'title'}>{label}</Styled>
				<Styled token="muted">{fitCell(info ? ` ${info}` : '', Math.max(0, width - label.length))}</Styled>
			</Text>
			<Box flexDirection="column" height={height - 1}>
				{props.children}
			</Box>
		</Box>
	);
}
