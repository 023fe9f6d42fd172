// Terminal injection through the TUI: hostile strings in every field of tapped requests and in
// status texts, rendered by the real App through the UI tests' own harness (test/ui). The frame
// Ink writes must carry no raw control or bidi character (only its own SGR colour codes), no
// line may exceed the terminal width, and the escaped forms must be what is shown.
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {afterEach, describe, expect, it} from 'vitest';
import {sanitize} from '../../source/model/sanitize.js';
import {type Harness, startApp} from '../ui/app-harness.js';
import {keys} from '../ui/render.js';
import {findRawControl, hostileCorpus} from './corpus.js';
import {hostileEvents, hostileFields} from './hostile-event.js';

const corpus = hostileCorpus(66, 120);

let app: Harness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

async function send(h: Harness, first: number, count: number): Promise<void> {
	h.sources.lastTap.handlers.onEvents(
		Array.from({length: count}, (_, i) => hostileEvents(hostileFields(corpus, first + i), first + i)).flat(),
	);
	h.time.advance(100);
	await h.settle();
}

/** Only Ink's own SGR sequences may carry ESC; anything else raw means the network drove the terminal. */
function checkFrame(h: Harness, columns: number, what: string): string {
	const raw = h.raw();
	expect(findRawControl(raw.replace(/\u001b\[[0-9;]*m/g, '')), what).toBeUndefined();
	const lines = stripAnsi(raw).split('\n');
	for (const line of lines) expect(stringWidth(line), `${what}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(columns);
	return lines.join('\n');
}

/** The first few characters of the escaped form: enough to prove it is shown, short enough not to be cut. */
const head = (s: string) => Array.from(sanitize(s)).slice(0, 6).join('');

describe('TUI with hostile traffic', () => {
	it('stream view at 80x24 and 120x40: escaped, within the width', async () => {
		for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
			app = startApp({columns, rows});
			for (let first = 0; first < corpus.length; first += 20) {
				await send(app, first, 20);
				checkFrame(app, columns, `stream ${columns}x${rows} after ${first + 20}`);
			}
			app.unmount();
			app = undefined;
		}
	});

	it('detail view of each hostile request: every field escaped and shown, within the width', async () => {
		app = startApp({columns: 100, rows: 70});
		// Detail of the newest request, for several different hostile requests.
		for (const [n, first] of [0, 5, 9, 13, 17, 21, 25].entries()) {
			await send(app, first, 1);
			// F: follow, so enter opens the newest request.
			await app.press('F', keys.enter);
			expect(app.lines()[4]).toBe(`Request #${n + 1}  outbound  done`);
			const f = hostileFields(corpus, first);
			const screen = checkFrame(app, 100, `detail of ${first}`);
			for (const value of [f.path, f.authority, f.method, f.requestHeaders[1]!.valueStr!, f.responseHeaders[0]!.valueStr!]) {
				expect(screen, `detail of ${first}: ${JSON.stringify(value)}`).toContain(head(value));
			}
			await app.press(keys.escape);
		}
	});

	it('status texts from the server (failed, reconnecting, bad frames) are escaped', async () => {
		app = startApp({columns: 80, rows: 24});
		const handlers = app.sources.lastTap.handlers;
		for (const text of corpus.slice(0, 30)) {
			handlers.onStatus({state: 'reconnecting', attempt: 2, retryAt: app.time.now + 4000, reason: text});
			app.time.advance(100);
			await app.settle();
			checkFrame(app, 80, `reconnecting: ${JSON.stringify(text)}`);
			handlers.onBadFrame?.(text);
			handlers.onStatus({state: 'failed', message: text});
			app.time.advance(100);
			await app.settle();
			checkFrame(app, 80, `failed: ${JSON.stringify(text)}`);
		}
	});
});
