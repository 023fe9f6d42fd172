// The one way UI tests render: Ink into a fake terminal of FIXED columns and rows
// (ink-testing-library's stdout is 100 columns with no rows), frames read back as
// lines with ANSI stripped. Keys are written to a fake stdin the way a terminal sends them.
import {EventEmitter} from 'node:events';
import React from 'react';
import {render as inkRender, type Instance} from 'ink';
import stripAnsi from 'strip-ansi';
import {ThemeContext} from '../../source/ui/theme-context.js';
import {themeFor} from '../../source/ui/theme.js';

export class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = false;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (frame: string): boolean => {
		this.frames.push(frame);
		return true;
	};
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	space: ' ',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	backspace: '\u007F',
	ctrlC: '\u0003',
};

export interface Rendered {
	stdout: FakeStdout;
	instance: Instance;
	/** The last frame as lines, ANSI stripped, trailing spaces trimmed. */
	lines(): string[];
	/** The last frame with ANSI codes, for colour assertions. */
	raw(): string;
	press(...sequence: string[]): Promise<void>;
	settle(): Promise<void>;
	unmount(): void;
}

/** Longer than Ink's pending-ESC timeout (20 ms in Ink 8). */
export const loneEscapeMs = 30;

const tick = () => new Promise<void>(resolve => setImmediate(resolve));
// React schedules updates from stdin events outside its batching; a few macrotask turns let them commit.
const settle = async () => {
	for (let i = 0; i < 4; i++) await tick();
};

export function renderAt(
	node: React.ReactElement | ((stdout: FakeStdout) => React.ReactElement),
	columns: number, rows: number, options: {color?: boolean} = {}): Rendered {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const stderr = new FakeStdout(columns, rows);
	const element = typeof node === 'function' ? node(stdout) : node;
	const tree = <ThemeContext.Provider value={themeFor(options.color ?? false)}>{element}</ThemeContext.Provider>;
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const raw = () => stdout.frames.at(-1) ?? '';
	return {
		stdout,
		instance,
		raw,
		lines: () =>
			stripAnsi(raw())
				.split('\n')
				.map(line => line.trimEnd()),
		async press(...sequence) {
			for (const data of sequence) {
				stdin.write(data);
				// Ink 7+ holds a lone ESC for ~20 ms (it may start an escape sequence or a paste)
				// before it reports the key: wait that out, or the next key arrives first.
				if (data === keys.escape) await new Promise(resolve => setTimeout(resolve, loneEscapeMs));
				await settle();
			}
		},
		settle,
		unmount: () => instance.unmount(),
	};
}
