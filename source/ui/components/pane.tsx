import React from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {fitCell} from '../../model/sanitize.js';
import {Styled} from '../theme-context.js';

/**
 * The title's info in `room` columns: its ` · `-separated parts are ordered most important
 * first, so the last ones go whole before a part is cut in the middle of a word.
 */
export function fitInfo(info: string, room: number): string {
	if (info === '') return '';
	let parts = info.split(' · ');
	while (parts.length > 1 && stringWidth(` ${parts.join(' · ')}`) > room) parts = parts.slice(0, -1);
	return fitCell(` ${parts.join(' · ')}`, Math.max(0, room));
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
