// Issue 12: the screen redraws for data at most once per refresh interval, only when what it
// shows changed, and at once for keys. Frames are counted as Ink writes them (debug mode: one
// write per React commit); time is the harness's manual clock, so nothing here is timed.
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, type Harness} from './app-harness.js';
import {keys} from './render.js';
import {requestEvents} from './fixtures.js';

let app: Harness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const frames = () => app!.stdout.frames.length;

/** Ingest ticks of 100 ms, letting React commit after each. */
async function ticks(count: number, perTick?: (i: number) => void) {
	for (let i = 0; i < count; i++) {
		perTick?.(i);
		app!.time.advance(100);
		await app!.settle();
	}
}

function send(stream: number, parts: 'all' | 'request' | 'response' = 'all') {
	const [req, rsp, end] = requestEvents({stream, path: `/api/r${stream % 7}`});
	const events = parts === 'all' ? [req!, rsp!, end!] : parts === 'request' ? [req!] : [rsp!, end!];
	app!.sources.lastTap.handlers.onEvents(events);
}

describe('data refresh', () => {
	it('draws traffic at most once per refresh interval, however many ticks ingest it', async () => {
		app = startApp({columns: 160, rows: 45, refreshMs: 1000});
		await ticks(10);
		const before = frames();
		// 3 s of traffic on every 100 ms tick: 30 ingest ticks, 3 refreshes.
		await ticks(30, i => send(i));
		expect(frames() - before).toBeLessThanOrEqual(3);
		expect(frames() - before).toBeGreaterThanOrEqual(2);
		await ticks(10);
		expect(app.lines().join('\n')).toContain('30/30 · following live');
	});

	it('a paused, quiet view renders no frames over many ticks', async () => {
		app = startApp({columns: 160, rows: 45, refreshMs: 1000});
		await ticks(10, i => send(i));
		await app.press(' ');
		expect(app.lines()[0]).toContain('PAUSED +0 new');
		const before = frames();
		await ticks(50);
		expect(frames()).toBe(before);
		// Responses to requests already in the frozen view arrive: nothing new to count, nothing drawn.
		await ticks(20, i => i < 10 && send(100 + i, 'request'));
		const counted = frames();
		expect(app.lines()[0]).toContain('PAUSED +10 new');
		await ticks(20, i => i < 10 && send(100 + i, 'response'));
		expect(frames()).toBe(counted);
	});

	it('while paused, only the +N counter is drawn, once per refresh', async () => {
		app = startApp({columns: 160, rows: 45, refreshMs: 1000});
		await ticks(10, i => send(i));
		await app.press(' ');
		const before = frames();
		await ticks(40, i => send(1000 + i));
		// 4 refreshes, each with a new count; no other data frame.
		expect(frames() - before).toBe(4);
		expect(app.lines()[0]).toContain('PAUSED +40 new');
	});

	it('an idle refresh that changes nothing on screen draws nothing', async () => {
		// 80x24 shows the stream alone: no rates that decay with time.
		app = startApp({columns: 80, rows: 24, refreshMs: 1000});
		await ticks(10, i => i < 5 && send(i));
		await ticks(20);
		const before = frames();
		await ticks(100);
		expect(frames()).toBe(before);
	});

	it('a key always draws at once, between refreshes and while paused', async () => {
		app = startApp({columns: 160, rows: 45, refreshMs: 5000});
		await ticks(60, i => i < 5 && send(i));
		await app.press(' ');
		let before = frames();
		await app.press('?');
		expect(frames()).toBeGreaterThan(before);
		expect(app.lines().join('\n')).toContain('help: list every key');
		before = frames();
		await app.press(keys.escape);
		expect(frames()).toBeGreaterThan(before);
		// A key that changes nothing (no binding, nothing new published) draws nothing.
		before = frames();
		await app.press('z');
		expect(frames()).toBe(before);
	});

	it('+ and - step the refresh interval, shown in the header', async () => {
		app = startApp({columns: 160, rows: 45, refreshMs: 1000});
		await ticks(2);
		expect(app.lines()[0]).toContain('refresh 1s');
		await app.press('+');
		expect(app.lines()[0]).toContain('refresh 2s');
		expect(app.store.getState().refreshMs).toBe(2000);
		await app.press('-', '-', '-');
		expect(app.lines()[0]).toContain('refresh 0.25s');
		const before = frames();
		await ticks(10, i => send(i));
		// 1 s at 250 ms: four data frames.
		expect(frames() - before).toBe(4);
	});
});
