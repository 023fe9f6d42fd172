// A terminal for the TUI to draw into without a pty: a stdout that says it is a
// 160x45 TTY and counts what is written, and a stdin that delivers keys the way
// Ink reads them (readable + read()).
import {EventEmitter} from 'node:events';

const ansi = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

export class FakeTtyOut extends EventEmitter {
	isTTY = true;
	bytes = 0;
	writes = 0;
	/** Called with each write's text, ANSI stripped, when set. */
	watch = null;

	constructor(columns = 160, rows = 45) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write(data, encoding, callback) {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		this.bytes += Buffer.byteLength(text, 'utf8');
		this.writes++;
		if (this.watch) this.watch(text.replace(ansi, ''));
		if (typeof encoding === 'function') encoding();
		else if (typeof callback === 'function') callback();
		return true;
	}

	getColorDepth() {
		return 8;
	}

	hasColors() {
		return true;
	}

	cursorTo() {
		return true;
	}
}

export class FakeTtyIn extends EventEmitter {
	isTTY = true;
	isRaw = false;
	#pending = [];

	setEncoding() {}
	setRawMode(mode) {
		this.isRaw = mode;
	}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return this.#pending.shift() ?? null;
	}
	/** Types `data` as a terminal would send it. */
	type(data) {
		this.#pending.push(data);
		this.emit('readable');
	}
}
