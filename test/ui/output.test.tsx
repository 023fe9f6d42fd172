// The frame writer: exact bytes for small cases, and replays of long runs of
// changing frames (styled, shrinking, growing, scrolling, wide characters, resizes)
// through a virtual terminal, whose screen must equal each frame exactly.
import {describe, expect, it} from 'vitest';
import {encodeFrame, encodeRow, beginSync, endSync} from '../../source/ui/output-diff.js';
import {parseCells, blankCells} from '../../source/ui/output-cells.js';
import {FrameWriter, type Timer} from '../../source/ui/output-writer.js';
import {VirtualTerminal, expectedScreen} from './output-vt.js';
import {createStore} from '../../source/store/store.js';
import {App} from '../../source/ui/app.js';
import {initialUi} from '../../source/ui/ui-state.js';
import {FakeSources, ManualTime, requestEvents} from './fixtures.js';
import {renderAt} from './render.js';

const row = (before: string, after: string, gap?: number) => encodeRow(0, parseCells(before, 80), parseCells(after, 80), gap);

describe('encodeRow', () => {
	it('writes nothing for an unchanged line', () => {
		expect(row('hello world', 'hello world')).toBe('');
	});

	it('writes only the changed run, placed absolutely', () => {
		expect(row('hello world', 'hello there')).toBe('\u001B[1;7Hthere');
		expect(encodeRow(4, parseCells('abc', 80), parseCells('xbc', 80))).toBe('\u001B[5Hx');
	});

	it('erases what a shorter line leaves behind', () => {
		expect(row('hello world', 'hello')).toBe('\u001B[1;7H\u001B[K');
		expect(row('hello world', 'help')).toBe('\u001B[1;4Hp\u001B[K');
	});

	it('joins runs across short gaps and splits them across long ones', () => {
		expect(row('a-b-c', 'x-y-z')).toBe('\u001BHx-y-z'.replace('\u001BH', '\u001B[1H'));
		expect(row('a----------b', 'x----------y', 8)).toBe('\u001B[1Hx\u001B[1;12Hy');
		expect(row('a----------b', 'x----------y', 20)).toBe('\u001B[1Hx----------y');
	});

	it('starts a run in the style of its first cell and resets after it', () => {
		expect(row('\u001B[32mok\u001B[39m  x', '\u001B[31mok\u001B[39m  x')).toBe('\u001B[1H\u001B[31mok\u001B[0m');
		expect(row('ab \u001B[1m\u001B[36mcd\u001B[39m\u001B[22m', 'ab \u001B[1m\u001B[36mce\u001B[39m\u001B[22m')).toBe('\u001B[1;5H\u001B[1;36me\u001B[0m');
	});

	it('treats a restyled cell as changed even when its character is not', () => {
		expect(row('abc', 'a\u001B[7mb\u001B[27mc')).toBe('\u001B[1;2H\u001B[7mb\u001B[0m');
	});

	it('writes wide characters whole, never half of one', () => {
		expect(row('abc', 'a日c')).toBe('\u001B[1;2H日c');
		expect(row('a日c', 'abc')).toBe('\u001B[1;2Hbc\u001B[K');
		expect(row('x 🔒 y', 'x 🔒 z')).toBe('\u001B[1;6Hz');
		expect(row('日本', '日x', 0)).toBe('\u001B[1;3Hx\u001B[K');
		expect(row('ab本', 'a日x', 0)).toBe('\u001B[1;2H日x');
	});

	it('rewrites a line with zero-width characters whole', () => {
		expect(row('abc', 'ae\u0301c')).toBe('\u001B[1H\u001B[2Kae\u0301c');
	});

	it('never lets a control character or a foreign escape through', () => {
		expect(row('', 'a\u0007b\u001B]0;x')).toBe('\u001B[1H\u001B[2Ka?b]0;x');
	});

	it('cuts a line at the last column', () => {
		expect(encodeRow(0, blankCells, parseCells('abcdef', 4))).toBe('\u001B[1Habcd');
	});
});

describe('encodeFrame', () => {
	it('clears and paints everything when the screen is unknown, in one synchronized update', () => {
		const {data} = encodeFrame(null, ['ab', '', 'c'], 10, 3);
		expect(data).toBe(`${beginSync}\u001B[0m\u001B[H\u001B[2J\u001B[1Hab\u001B[3Hc${endSync}`);
	});

	it('writes nothing at all for an identical frame', () => {
		const first = encodeFrame(null, ['ab', 'cd'], 10, 3);
		expect(encodeFrame(first.screen, ['ab', 'cd'], 10, 3).data).toBe('');
	});
});

// A deterministic generator of frames that change the way the TUI's do.
function random(seed: number) {
	let state = seed >>> 0;
	return (n: number) => {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		return state % n;
	};
}

const styles = [
	['', ''],
	['\u001B[32m', '\u001B[39m'],
	['\u001B[1m\u001B[36m', '\u001B[39m\u001B[22m'],
	['\u001B[7m', '\u001B[27m'],
	['\u001B[2m', '\u001B[22m'],
	['\u001B[41m\u001B[97m', '\u001B[39m\u001B[49m'],
	['\u001B[38;5;208m', '\u001B[39m'],
	['\u001B[4m\u001B[38;2;10;20;30m', '\u001B[39m\u001B[24m'],
];
const words = ['GET', 'POST', '/api/list', '200', '503', 'web', 'emoji-svc', '● live', '·', '↑', '12ms', '  ', 'voting', 'x'];

function makeLine(next: (n: number) => number, width: number): string {
	let line = '';
	let used = 0;
	const target = next(width + 10);
	while (used < target) {
		const word = next(40) === 0 ? '日本' : words[next(words.length)]!;
		const [open, close] = styles[next(styles.length)]!;
		line += `${open}${word}${close} `;
		used += word.length + 1 + (word === '日本' ? 2 : 0);
	}
	return line.trimEnd();
}

function evolve(next: (n: number) => number, lines: string[], width: number): string[] {
	const out = [...lines];
	const kind = next(4);
	if (kind === 0) {
		// Scroll a block by a few rows, as the live stream does.
		const by = 1 + next(4);
		for (let i = out.length - 1; i >= 3 + by; i--) out[i] = out[i - by]!;
		for (let i = 3; i < 3 + by; i++) out[i] = makeLine(next, width);
	}
	const changes = next(6);
	for (let k = 0; k < changes; k++) {
		const at = next(out.length);
		const line = out[at]!;
		const mode = next(3);
		if (mode === 0) out[at] = makeLine(next, width);
		else if (mode === 1) out[at] = line.slice(0, next(line.length + 1)).replace(/\u001B(\[[0-9;]*)?$/, '');
		else out[at] = line.replace(/[a-ln-z]/, 'Z');
	}
	return out;
}

function replay(seed: number, gap: number) {
	const next = random(seed);
	let columns = 60;
	let rows = 20;
	const terminal = new VirtualTerminal(columns, rows);
	const queue: Array<() => void> = [];
	const timer: Timer = fn => {
		queue.push(fn);
		return () => queue.splice(queue.indexOf(fn) >>> 0, 1);
	};
	const writer = new FrameWriter({out: {write: data => terminal.write(data)}, size: () => ({columns, rows}), gap, timer, now: () => 0});
	let lines = Array.from({length: rows - 1}, () => makeLine(next, columns));
	let bytes = 0;
	for (let frame = 0; frame < 400; frame++) {
		if (frame % 97 === 96) {
			columns = 30 + next(60);
			rows = 8 + next(20);
			terminal.resize(columns, rows);
			writer.invalidate();
			lines = Array.from({length: rows - 1}, (_, i) => lines[i] ?? makeLine(next, columns));
		} else {
			lines = evolve(next, lines, columns);
		}
		const text = lines.join('\n');
		writer.frame(text);
		while (queue.length > 0) queue.shift()!();
		expect(terminal.dump(), `frame ${frame} (seed ${seed}, gap ${gap})`).toEqual(expectedScreen(text, columns, rows));
	}
	return bytes;
}

describe('FrameWriter replayed through a virtual terminal', () => {
	for (const gap of [0, 8, 1000]) {
		it(`leaves exactly each frame on screen over 400 changing frames and 4 resizes (gap ${gap})`, () => {
			replay(1, gap);
			replay(7, gap);
		});
	}

	it('caps the frame rate, keeps only the newest frame, and lets a key press through at once', () => {
		const written: string[] = [];
		let now = 0;
		const timers: Array<{fn: () => void; at: number}> = [];
		const timer: Timer = (fn, ms) => {
			const entry = {fn, at: now + ms};
			timers.push(entry);
			return () => timers.splice(timers.indexOf(entry), 1);
		};
		const run = (until: number) => {
			now = until;
			for (const entry of timers.filter(t => t.at <= until)) {
				timers.splice(timers.indexOf(entry), 1);
				entry.fn();
			}
		};
		const writer = new FrameWriter({out: {write: data => written.push(data)}, size: () => ({columns: 10, rows: 2}), minIntervalMs: 50, now: () => now, timer});
		writer.frame('a');
		run(0);
		expect(written).toHaveLength(1);
		writer.frame('b');
		writer.frame('c');
		run(49);
		expect(written).toHaveLength(1);
		run(50);
		expect(written).toEqual([written[0], `${beginSync}\u001B[1Hc${endSync}`]);
		writer.frame('d');
		writer.expedite();
		writer.frame('e');
		run(51);
		expect(written.at(-1)).toBe(`${beginSync}\u001B[1He${endSync}`);
		writer.redraw();
		expect(written.at(-1)).toBe(`${beginSync}\u001B[0m\u001B[H\u001B[2J\u001B[1He${endSync}`);
		writer.close();
		writer.frame('f');
		run(1000);
		expect(written).toHaveLength(4);
	});
});

describe('FrameWriter on the real App', () => {
	it('leaves each frame Ink renders exactly on screen: live traffic, keys, overlays, a resize', async () => {
		const sources = new FakeSources();
		const time = new ManualTime();
		const store = createStore({sources, model: {bufferSize: 1000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000}, clock: time.clock, schedule: time.schedule, refreshMs: 100});
		const view = renderAt(
			stdout => <App store={store} initialUi={initialUi(true)} showSecrets={false} stdout={stdout} onQuit={() => {}} />,
			160,
			45,
			{color: true},
		);
		store.start({namespace: 'emojivoto', type: 'deployment', name: 'web'});
		let stream = 0;
		const traffic = async (n: number) => {
			const events = [];
			for (let i = 0; i < n; i++, stream++) {
				events.push(...requestEvents({stream, path: `/api/r${stream % 40}`, status: stream % 7 === 0 ? 503 : 200, latencyMs: 1 + (stream % 90), tls: stream % 5 === 0 ? 'no_tls_from_remote' : 'true', from: `client-${stream % 6}`}));
			}
			sources.lastTap.handlers.onEvents(events);
			time.advance(100);
			await view.settle();
		};
		const keys = ['j', 'j', 'k', '\r', '\u001B', '\t', 's', '\t', '?', '?', ' ', ' ', 'G'];
		for (let i = 0; i < 30; i++) {
			await traffic(1 + (i % 7));
			if (i < keys.length) await view.press(keys[i]!);
		}
		const wide = view.stdout.frames.length;
		view.stdout.resize(80, 24);
		await view.settle();
		for (let i = 0; i < 10; i++) await traffic(3);
		view.unmount();
		store.close();

		const terminal = new VirtualTerminal(160, 45);
		let size = {columns: 160, rows: 45};
		const writer = new FrameWriter({out: {write: data => terminal.write(data)}, size: () => size, timer: fn => (fn(), () => {})});
		const frames = view.stdout.frames;
		expect(frames.length).toBeGreaterThan(50);
		frames.forEach((frame, index) => {
			if (index === wide) {
				size = {columns: 80, rows: 24};
				terminal.resize(80, 24);
				writer.invalidate();
			}
			writer.frame(frame);
			expect(terminal.dump(), `frame ${index}`).toEqual(expectedScreen(frame, size.columns, size.rows));
		});
	});
});
