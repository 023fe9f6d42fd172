// Semantic style tokens. Components name what a thing means (ok, insecure,
// selected); the theme decides how it looks. The mono theme uses no colour at
// all (NO_COLOR, --no-color) and keeps selection visible with inverse and bold.

export type Token =
	| 'ok'
	| 'warn'
	| 'error'
	| 'muted'
	| 'accent'
	| 'secure'
	| 'insecure'
	| 'selected'
	| 'focusTitle'
	| 'title'
	| 'columns'
	| 'paused'
	| 'key'
	| 'plain';

export interface Style {
	color?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
	underline?: boolean;
}

export type Theme = Record<Token, Style> & {
	/**
	 * Write attributes as raw SGR codes instead of Ink props. chalk (under Ink)
	 * drops every attribute, inverse included, when argv has --no-color; the mono
	 * theme still needs inverse and bold to show the selection. Both themes are raw:
	 * a finished string in one <Text> spares Ink a chalk pass per node per frame.
	 */
	raw?: boolean;
};

export const colorTheme: Theme = {
	ok: {color: 'green'},
	warn: {color: 'yellow'},
	error: {color: 'red', bold: true},
	muted: {color: 'gray'},
	accent: {color: 'cyan'},
	secure: {color: 'green'},
	insecure: {color: 'magenta', bold: true},
	selected: {inverse: true},
	focusTitle: {color: 'cyan', bold: true, inverse: true},
	title: {bold: true},
	columns: {bold: true, underline: false, color: 'blue'},
	paused: {color: 'yellow', bold: true, inverse: true},
	key: {color: 'cyan', bold: true},
	plain: {},
	raw: true,
};

export const monoTheme: Theme = {
	ok: {},
	warn: {bold: true},
	error: {bold: true},
	muted: {dimColor: true},
	accent: {bold: true},
	secure: {},
	insecure: {bold: true},
	selected: {inverse: true},
	focusTitle: {bold: true, inverse: true},
	title: {bold: true},
	columns: {bold: true},
	paused: {bold: true, inverse: true},
	key: {bold: true},
	plain: {},
	raw: true,
};

// The named colours the themes use, as SGR foreground codes (chalk's, so output matches Ink's).
const colorCodes: Record<string, number> = {black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90};

/** A style's attributes and colour as SGR codes around `text`. */
export function sgr(style: Style, text: string): string {
	let open = '';
	let close = '';
	const color = style.color === undefined ? undefined : colorCodes[style.color];
	if (color !== undefined) {
		open += `\u001B[${color}m`;
		close = '\u001B[39m';
	}
	if (style.bold) {
		open += '\u001B[1m';
		close = '\u001B[22m' + close;
	}
	if (style.dimColor) {
		open += '\u001B[2m';
		close = '\u001B[22m' + close;
	}
	if (style.underline) {
		open += '\u001B[4m';
		close = '\u001B[24m' + close;
	}
	if (style.inverse) {
		open += '\u001B[7m';
		close = '\u001B[27m' + close;
	}
	return open === '' ? text : open + text + close;
}

/** NO_COLOR (any non-empty value, per no-color.org) or --no-color turn colour off. */
export function colorEnabled(flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
	return flag && !(env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '');
}

export function themeFor(color: boolean): Theme {
	return color ? colorTheme : monoTheme;
}
