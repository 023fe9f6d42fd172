import {memo} from 'react';
import {Box, Text} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import type {Notice} from '../../store/state.js';
import {footerBindings, type Scope} from '../keymap.js';
import {Styled} from '../theme-context.js';
import type {Overlay} from '../ui-state.js';
import {withCursor} from '../line-editor.js';

export function footerText(scope: Scope, paused = false): string {
	return footerBindings(scope)
		.map(binding => `${binding.label.split(' ')[0]} ${binding.command === 'pause' && paused ? 'resume' : binding.short}`)
		.join('  ');
}

export interface FooterProps {
	scope: Scope;
	overlay: Overlay | null;
	notice: Notice | null;
	width: number;
	/** While paused, space resumes: the footer says so. */
	paused?: boolean;
}

/** The bottom line: the command line or search while typing, else a notice, else the keys that matter here. */
export const Footer = memo(function Footer({scope, overlay, notice, width, paused = false}: FooterProps) {
	if (overlay?.kind === 'confirm') {
		return (
			<Box width={width} height={1}>
				<Styled token="error" wrap="truncate-end">
					{fitCell(overlay.question, width)}
				</Styled>
			</Box>
		);
	}
	if (overlay?.kind === 'command' || overlay?.kind === 'search') {
		const prompt = overlay.kind === 'command' ? ':' : overlay.target === 'navigator' ? 'find: /' : 'filter: /';
		// A reopened filter is selected (the first key replaces it): shown in brackets.
		const shown =
			overlay.kind === 'search' && overlay.selected
				? `[${overlay.text}]█`
				: withCursor({text: overlay.text, cursor: overlay.cursor ?? [...overlay.text].length});
		const text = `${prompt}${shown}`;
		const problem = overlay.error ? overlay.error + (overlay.kind === 'search' ? ' (the filter in force stays until this parses)' : '') : '';
		const choices = overlay.choices && overlay.choices.length > 0 ? `  tab: ${overlay.choices.join(' ')}` : '';
		const error = problem ? `  ${problem}` : choices;
		return (
			<Box width={width} height={1}>
				<Text wrap="truncate-end">
					<Styled token="key">{fitCell(text, width)}</Styled>
					<Styled token="error">{fitCell(error, Math.max(0, width - text.length))}</Styled>
				</Text>
			</Box>
		);
	}
	if (notice) {
		return (
			<Box width={width} height={1}>
				<Styled token={notice.level === 'error' ? 'error' : 'accent'} wrap="truncate-end">
					{fitCell(`${notice.text}  (esc to dismiss)`, width)}
				</Styled>
			</Box>
		);
	}
	return (
		<Box width={width} height={1}>
			<Styled token="muted" wrap="truncate-end">
				{fitCell(footerText(scope, paused), width)}
			</Styled>
		</Box>
	);
});
