// Owns what is on the terminal. Ink hands it whole frames (see output-proxy.ts);
// it writes only the cells that changed since the last frame it wrote, at most
// once per `minIntervalMs`, each write one synchronized update. A resize, or a
// redraw asked for, repaints everything.
import {encodeFrame} from './output-diff.js';
import type {Cells} from './output-cells.js';

export interface Sink {
	write(data: string): unknown;
}

export type Timer = (fn: () => void, ms: number) => () => void;

export interface FrameWriterOptions {
	out: Sink;
	size(): {columns: number; rows: number};
	/** Frame cap: the least time between two writes. */
	minIntervalMs?: number;
	/** Unchanged cells rewritten rather than skipped (see output-diff.ts). */
	gap?: number;
	now?: () => number;
	timer?: Timer;
}

const defaultTimer: Timer = (fn, ms) => {
	const handle = setTimeout(fn, ms);
	return () => clearTimeout(handle);
};

export class FrameWriter {
	private screen: Cells[] | null = null;
	private pending: string | null = null;
	private last = '';
	private lastWriteAt = -Infinity;
	private cancelTimer: (() => void) | undefined;
	private closed = false;
	private expedited = false;
	private readonly now: () => number;
	private readonly timer: Timer;

	constructor(private readonly options: FrameWriterOptions) {
		this.now = options.now ?? performance.now.bind(performance);
		this.timer = options.timer ?? defaultTimer;
	}

	/**
	 * A full frame as Ink renders it: lines separated by \n, styled with SGR.
	 * Written from a timer, never synchronously, so that frames rendered in the same
	 * turn (Ink's own frame on resize, then ours for the new layout) make one write.
	 */
	frame(text: string): void {
		if (this.closed) return;
		this.pending = text;
		if (this.cancelTimer && !this.expedited) return;
		this.cancelTimer?.();
		const wait = this.expedited ? 0 : Math.max(0, this.lastWriteAt + (this.options.minIntervalMs ?? 0) - this.now());
		let fired = false;
		const cancel = this.timer(() => {
			fired = true;
			this.cancelTimer = undefined;
			this.flush();
		}, wait);
		// A timer may run at once (tests); then there is nothing left to cancel.
		if (!fired) this.cancelTimer = cancel;
	}

	/** Forget what the screen holds: the next write repaints it all (a resize). */
	invalidate(): void {
		this.screen = null;
	}

	/** Repaint everything now, from the last frame (ctrl-l). */
	redraw(): void {
		this.screen = null;
		this.pending ??= this.last === '' ? null : this.last;
		this.flush();
	}

	/** The next frame skips the frame cap: it answers a key press. Cleared by the next write. */
	expedite(): void {
		this.expedited = true;
	}

	/** Writes the pending frame now, frame cap or not. */
	flush(): void {
		this.cancelTimer?.();
		this.cancelTimer = undefined;
		const text = this.pending;
		this.pending = null;
		this.expedited = false;
		if (text === null || this.closed) return;
		const {columns, rows} = this.options.size();
		const {data, screen} = encodeFrame(this.screen, text.split('\n'), columns, rows, this.options.gap);
		this.screen = screen;
		this.last = text;
		if (data === '') return;
		this.lastWriteAt = this.now();
		this.options.out.write(data);
	}

	/** No writes after this; a pending frame is dropped. */
	close(): void {
		this.closed = true;
		this.cancelTimer?.();
		this.cancelTimer = undefined;
		this.pending = null;
	}
}
