import React from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {fitCell} from '../../model/sanitize.js';
import {Styled} from '../theme-context.js';

/**
 * ` · `-separated parts ordered most important first, in `room` columns: the last parts go
 * whole before a part is cut in the middle of a word.
 */
export function fitParts(text: string, room: number): string {
	let parts = text.split(' · ');
	while (parts.length > 1 && stringWidth(parts.join(' · ')) > room) parts = parts.slice(0, -1);
	return fitCell(parts.join(' · '), Math.max(0, room));
}

/** A pane title's info (after one space) in `room` columns, by fitParts. */
export function fitInfo(info: string, room: number): string {
	if (info === '') return '';
	return room <= 0 ? '' : ` ${fitParts(info, room - 1)}`;
}

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
				<Styled token="muted">{fitInfo(info, width - stringWidth(label))}</Styled>
			</Text>
			<Box flexDirection="column" height={height - 1}>
				{props.children}
			</Box>
		</Box>
	);
}
