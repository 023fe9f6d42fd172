import React from 'react';
import {Box, Text} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import {Styled} from '../theme-context.js';

/** A titled region of fixed size; the focused pane's title is highlighted. */
export function Pane(props: {title: string; info?: string; focused: boolean; width: number; height: number; children: React.ReactNode}) {
	const {title, info = '', focused, width, height} = props;
	const label = fitCell(` ${title} `, width);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Styled token={focused ? 'focusTitle' : 'title'}>{label}</Styled>
				<Styled token="muted">{fitCell(info ? ` ${info}` : '', Math.max(0, width - label.length))}</Styled>
			</Text>
			<Box flexDirection="column" height={height - 1} overflow="hidden">
				{props.children}
			</Box>
		</Box>
	);
}
