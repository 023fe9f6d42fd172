// Where panes go for a terminal size. Pure. The root is one row shorter than the
// terminal: Ink 6.8 clears the whole screen on frames as tall as the terminal.
import type {PaneId} from './ui-state.js';

export interface Rect {
	width: number;
	height: number;
}

export interface Layout {
	width: number;
	/** rows − 1. */
	height: number;
	wide: boolean;
	headerHeight: number;
	footerHeight: number;
	mainHeight: number;
	/** Visible panes and their sizes (title row included). */
	panes: Partial<Record<PaneId, Rect>>;
	/** Wide: the navigator column width; the rest sits right of it. */
	navigatorWidth: number;
	streamHeight: number;
	routesWidth: number;
}

export const headerHeight = 3;
export const footerHeight = 1;

export function computeLayout(columns: number, rows: number, focus: PaneId): Layout {
	const width = Math.max(20, columns);
	const height = Math.max(headerHeight + footerHeight + 3, rows - 1);
	const mainHeight = height - headerHeight - footerHeight;
	const wide = columns >= 160 && rows >= 45;
	if (!wide) {
		return {
			width,
			height,
			wide,
			headerHeight,
			footerHeight,
			mainHeight,
			panes: {[focus]: {width, height: mainHeight}},
			navigatorWidth: 0,
			streamHeight: mainHeight,
			routesWidth: 0,
		};
	}
	// A quarter of the width: room for the workload name beside SR, RPS and p99.
	const navigatorWidth = Math.min(52, Math.max(30, Math.floor(width * 0.25)));
	// One column of space between side-by-side panes.
	const right = width - navigatorWidth - 1;
	const streamHeight = Math.floor(mainHeight * 0.55);
	const bottom = mainHeight - streamHeight;
	const routesWidth = Math.floor((right - 1) * 0.64);
	return {
		width,
		height,
		wide,
		headerHeight,
		footerHeight,
		mainHeight,
		panes: {
			navigator: {width: navigatorWidth, height: mainHeight},
			stream: {width: right, height: streamHeight},
			routes: {width: routesWidth, height: bottom},
			mtls: {width: right - 1 - routesWidth, height: bottom},
		},
		navigatorWidth,
		streamHeight,
		routesWidth,
	};
}
