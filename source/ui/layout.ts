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
	/**
	 * wide: navigator | stream over routes and mTLS (from 160x45). medium: the stream (or the
	 * navigator while it has focus) over routes and mTLS (from 110x30, common SSH sizes such as
	 * 120x40). stacked: one pane at a time under a tab bar naming them all.
	 */
	mode: 'wide' | 'medium' | 'stacked';
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
/** The stacked layout's tab bar. */
export const tabBarHeight = 1;

export function computeLayout(columns: number, rows: number, focus: PaneId): Layout {
	const width = Math.max(20, columns);
	const height = Math.max(headerHeight + footerHeight + 3, rows - 1);
	const mainHeight = height - headerHeight - footerHeight;
	const wide = columns >= 160 && rows >= 45;
	if (!wide && columns >= 110 && rows >= 30) {
		const top = focus === 'navigator' ? 'navigator' : 'stream';
		const streamHeight = Math.floor(mainHeight * 0.55);
		// The focused one of routes and mTLS gets the larger share: reasons and paths need the room.
		const routesWidth = Math.floor((width - 1) * (focus === 'mtls' ? 0.4 : 0.6));
		return {
			width,
			height,
			wide,
			mode: 'medium',
			headerHeight,
			footerHeight,
			mainHeight,
			panes: {
				[top]: {width, height: streamHeight},
				routes: {width: routesWidth, height: mainHeight - streamHeight},
				mtls: {width: width - 1 - routesWidth, height: mainHeight - streamHeight},
			},
			navigatorWidth: 0,
			streamHeight,
			routesWidth,
		};
	}
	if (!wide) {
		return {
			width,
			height,
			wide,
			mode: 'stacked',
			headerHeight,
			footerHeight,
			mainHeight,
			panes: {[focus]: {width, height: mainHeight - tabBarHeight}},
			navigatorWidth: 0,
			streamHeight: mainHeight - tabBarHeight,
			routesWidth: 0,
		};
	}
	// A quarter of the width: room for the workload name beside SR, RPS and p99.
	const navigatorWidth = Math.min(52, Math.max(30, Math.floor(width * 0.25)));
	// One column of space between side-by-side panes.
	const right = width - navigatorWidth - 1;
	const streamHeight = Math.floor(mainHeight * 0.55);
	const bottom = mainHeight - streamHeight;
	const routesWidth = Math.floor((right - 1) * (focus === 'mtls' ? 0.36 : 0.64));
	return {
		width,
		height,
		wide,
		mode: 'wide',
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
