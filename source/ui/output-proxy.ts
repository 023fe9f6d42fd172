// The stdout Ink renders into. Ink runs in debug mode, where each render writes
// the whole frame and nothing else (no cursor moves, no erasing); this stream
// hands those frames to our FrameWriter, which decides what reaches the terminal.
// Size and resize events are the real terminal's.
import type {FrameWriter} from './output-writer.js';

export interface TerminalStream {
	columns?: number;
	rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

export interface FrameStream {
	readonly columns: number;
	readonly rows: number;
	readonly isTTY: true;
	write(frame: string): boolean;
	on(event: string, listener: (...args: unknown[]) => void): FrameStream;
	off(event: string, listener: (...args: unknown[]) => void): FrameStream;
	removeListener(event: string, listener: (...args: unknown[]) => void): FrameStream;
}

export function frameStream(terminal: TerminalStream, writer: FrameWriter): FrameStream {
	const stream: FrameStream = {
		get columns() {
			return terminal.columns || 80;
		},
		get rows() {
			return terminal.rows || 24;
		},
		isTTY: true,
		write(frame: string) {
			// Ink's own housekeeping writes (an empty erase on resize) carry no frame.
			if (frame !== '') writer.frame(frame);
			return true;
		},
		on(event, listener) {
			if (event === 'resize') terminal.on('resize', listener as () => void);
			return stream;
		},
		off(event, listener) {
			if (event === 'resize') terminal.off('resize', listener as () => void);
			return stream;
		},
		removeListener(event, listener) {
			return stream.off(event, listener);
		},
	};
	return stream;
}
