// The real TUI (dist/ui/run.js's runTui with its own render options) drawing into a
// fake 160x45 TTY whose writes are also replayed onto a Screen, so a bench can ask
// what the user would see right now, not only how many bytes went out.
import {runTui} from '../../dist/ui/run.js';
import {FakeTtyIn, FakeTtyOut} from './fake-tty.js';
import {Screen} from './screen.js';
import {sleep} from './stats.js';

class ScreenTty extends FakeTtyOut {
	/** Called after each write has reached the screen, when set. */
	onScreen = null;

	constructor(columns, rows) {
		super(columns, rows);
		this.screen = new Screen(columns, rows);
	}

	write(data, encoding, callback) {
		const result = super.write(data, encoding, callback);
		this.screen.feed(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
		this.onScreen?.(this.screen);
		return result;
	}
}

export function startTui(sources, {bufferSize = 10_000, columns = 160, rows = 45, refreshMs} = {}) {
	const stdout = new ScreenTty(columns, rows);
	const stdin = new FakeTtyIn();
	const done = runTui({
		sources,
		target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
		showSecrets: false,
		color: true,
		bufferSize,
		refreshMs,
		stdin,
		stdout,
		stderr: new FakeTtyOut(columns, rows),
	});
	return {
		stdout,
		stdin,
		screen: stdout.screen,
		done,
		/** Types q and waits for runTui to return its exit code ('timeout' if it does not). */
		async quit() {
			stdin.type('q');
			return Promise.race([done, sleep(3000).then(() => 'timeout')]);
		},
	};
}

/** What the header and the stream pane say about the buffer and the tap (NaN when not shown). */
export function headerFigures(screen) {
	const text = screen.text();
	const num = re => {
		const m = re.exec(text);
		return m ? Number(m[1]) : NaN;
	};
	const buffer = /Requests\s+(\d+)\/(\d+)/.exec(text);
	return {
		eventsPerSecond: num(/(\d+) ev\/s/),
		unfinished: num(/(\d+) unfinished/),
		dropped: num(/(\d+) dropped/),
		buffered: buffer ? Number(buffer[1]) : NaN,
		bufferSize: buffer ? Number(buffer[2]) : NaN,
	};
}
