import {memo} from 'react';
import {Box, Text} from 'ink';
import {fitCell} from '../../model/sanitize.js';
import type {Notice} from '../../store/state.js';
import {footerBindings, type Command, type Scope} from '../keymap.js';
import stringWidth from 'string-width';
import {Styled} from '../theme-context.js';
import type {Overlay} from '../ui-state.js';
import {withCursor} from '../line-editor.js';

/**
 * Which footer keys stay when the line is too narrow for all of them, most important first.
 * Keys not listed (new ones) rank between the scoped actions and the rest.
 */
const keepOrder: Command[] = [
	'help',
	'back',
	'open',
	'pause',
	'search',
	'failuresOnly',
	'commandLine',
	'focusNext',
	'copyCurl',
	'prevRequest',
	'nextRequest',
	'edges',
	'routeDetail',
	'down',
	'toggleTo',
	'toggleFrom',
	'sort',
	'quit',
	'ports',
	'follow',
];

function rank(command: Command): number {
	const at = keepOrder.indexOf(command);
	return at === -1 ? keepOrder.indexOf('down') - 0.5 : at;
}

/**
 * The keys that matter here, `KEY word` two spaces apart, in keymap order. Narrower than
 * all of them, the least important go whole (? help lists every key) rather than the
 * line being cut in the middle of a word.
 */
export function footerText(scope: Scope, paused = false, width = Infinity): string {
	const entries = footerBindings(scope).map(binding => ({
		command: binding.command,
		text: `${binding.label.split(' ')[0]} ${binding.command === 'pause' && paused ? 'resume' : binding.short}`,
	}));
	const length = (list: typeof entries) => list.reduce((sum, entry) => sum + stringWidth(entry.text), 0) + 2 * Math.max(0, list.length - 1);
	let shown = entries;
	const dropOrder = [...entries].sort((a, b) => rank(b.command) - rank(a.command));
	for (const entry of dropOrder) {
		if (length(shown) <= width || shown.length <= 1) break;
		shown = shown.filter(other => other !== entry);
	}
	return shown.map(entry => entry.text).join('  ');
}

/** A notice and how to dismiss it; the hint goes first when the line is too narrow for both. */
export function noticeText(text: string, width: number): string {
	const withHint = `${text}  (esc to dismiss)`;
	return stringWidth(withHint) <= width ? withHint : text;
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
		// The reason first; what happens meanwhile only when there is room for both.
		const meanwhile = overlay.kind === 'search' ? ' (the filter in force stays until this parses)' : '';
		const fits = stringWidth(`${text}  ${overlay.error ?? ''}${meanwhile}`) <= width;
		const problem = overlay.error ? overlay.error + (fits ? meanwhile : '') : '';
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
					{fitCell(noticeText(notice.text, width), width)}
				</Styled>
			</Box>
		);
	}
	return (
		<Box width={width} height={1}>
			<Styled token="muted" wrap="truncate-end">
				{fitCell(footerText(scope, paused, width), width)}
			</Styled>
		</Box>
	);
});
