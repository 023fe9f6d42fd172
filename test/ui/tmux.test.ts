// Real-terminal tests: the CLI with its demo mesh inside tmux (raw mode, the alternate
// screen, resize, pause, detail, quit); the harness is tmux-harness.ts. Skipped, with a
// message, where tmux is not installed.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {alternateOn, cleanUp, exitCode, hasTmux, keys, restart, session, start, testDir, tmux, waitFor, waitForEscapes, waitForNormalScreen} from './tmux-harness.js';

afterEach(cleanUp);

describe.skipIf(!hasTmux)('in a real terminal (tmux)', () => {
	it('runs in raw mode on the alternate screen: pause, inspect, resume, quit', async () => {
		await start(120, 40);
		expect(alternateOn()).toBe('1');
		keys('Space');
		let screen = await waitFor(s => /PAUSED \+\d+ new/.test(s), 'the pause badge');
		expect(screen).toMatch(/ Requests {2}\d+\/\d+ · paused/);
		keys('Enter');
		screen = await waitFor(s => s.includes(' Request detail '), 'the detail view');
		expect(screen).toMatch(/^Request #\d+ {2}(inbound|outbound)/m);
		keys('Escape');
		await waitFor(s => / Requests {2}\d+\/\d+ · paused/.test(s), 'the stream again');
		keys('Space');
		await waitFor(s => !s.includes('PAUSED') && /following live/.test(s), 'live again');
		keys('q');
		await waitForNormalScreen();
		expect(tmux('capture-pane', '-p', '-t', session)).not.toContain('meshtop  ctx');
		expect(await exitCode()).toBe(0);
	}, 90_000);

	it('no warning reaches the terminal while the TUI runs; it is printed after the screen is restored', async () => {
		const dir = testDir();
		// A dependency that warns while the TUI is up (as client-node 1.4 did on Node 22/24).
		const preload = join(dir, 'warn.mjs');
		writeFileSync(preload, "setTimeout(() => process.emitWarning('the test module is deprecated', 'DeprecationWarning', 'DEP9999'), 1500);\n");
		const bytesFile = join(dir, 'bytes');
		await start(120, 40, {env: `NODE_OPTIONS=--import=${preload}`, bytesFile});
		await new Promise(resolve => setTimeout(resolve, 2500));
		const screen = tmux('capture-pane', '-p', '-t', session);
		expect(screen).toMatch(/● live/);
		expect(screen).not.toMatch(/Warning|DEP\d{4}/);
		keys('q');
		await waitForNormalScreen();
		expect(await exitCode()).toBe(0);
		const bytes = readFileSync(bytesFile, 'utf8');
		const restored = bytes.lastIndexOf('\u001B[?1049l');
		expect(restored).toBeGreaterThan(0);
		// Nothing warned into the UI's bytes; the held warning comes after the alternate screen is left.
		expect(bytes.slice(0, restored)).not.toMatch(/Warning|DEP\d{4}/);
		expect(bytes.slice(restored)).toContain('meshtop: warned while the screen was up: [DEP9999] DeprecationWarning: the test module is deprecated');
	}, 90_000);

	it('draws in colour by default, and in none with NO_COLOR or --no-color', async () => {
		// Foreground colours are SGR 30-37, 90-97 or 38;…; the mono theme uses only bold, dim and inverse.
		const colour = /\u001B\[(?:[\d;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]/;
		await start(160, 45);
		await waitFor(s => s.includes(' Top routes '), 'the wide layout');
		expect(tmux('capture-pane', '-p', '-e', '-t', session)).toMatch(colour);
		keys('q');
		await waitForNormalScreen();
		restart();
		for (const [env, flag] of [['NO_COLOR=1', ''], ['', '--no-color']] as const) {
			await start(160, 45, {env, extraArgs: flag});
			await waitFor(s => s.includes(' Top routes ') && /\d\d:\d\d:\d\d (in |out)/.test(s), 'the wide layout with requests');
			// The selection still shows without colour: inverse video (alone or with bold).
			const screen = await waitForEscapes(/\u001B\[(?:[\d;]*;)?7m/, 'the inverse selection');
			expect(screen).not.toMatch(colour);
			keys('q');
			await waitForNormalScreen();
			restart();
		}
	}, 120_000);

	it('on-call drills: only failures (x), only slow ones, who sends plaintext, a tap change keeps history, esc back to everything', async () => {
		await start(120, 40);
		const rows = (screen: string) => screen.split('\n').filter(line => /^\d\d:\d\d:\d\d (in |out)/.test(line));
		// Only failures: every row's status is a failure (5xx, a gRPC error, a reset), never 200 or OK.
		keys('x');
		let screen = await waitFor(s => s.includes('failures only') && rows(s).length > 0, 'failures only');
		for (const row of rows(screen)) expect(row).not.toMatch(/ (200|OK) /);
		// Only slow ones, on top: the filter line shows both.
		keys('/', 'latency>200ms', 'Enter');
		screen = await waitFor(s => s.includes('/latency>200ms'), 'the latency filter');
		expect(screen).toMatch(/filters:.*failures only.*\/latency>200ms/);
		// esc removes the newest filter first, then the next.
		keys('Escape');
		screen = await waitFor(s => !s.includes('/latency>200ms'), 'the latency filter removed');
		expect(screen).toContain('failures only');
		keys('Escape');
		await waitFor(s => /filters: none/.test(s), 'back to everything');
		// Who sends plaintext: no row with the lock.
		keys('/', 'tls!=true', 'Enter');
		screen = await waitFor(s => s.includes('/tls!=true') && rows(s).length > 0, 'plaintext requests');
		for (const row of rows(screen)) expect(row).not.toContain('🔒');
		keys('Escape');
		await waitFor(s => /filters: none/.test(s), 'no filter again');
		// A server-side change restarts the tap but keeps what was captured, with a marker row.
		keys(':', 'method GET', 'Enter');
		screen = await waitFor(s => s.includes('tap restarted: +method=GET'), 'the marker row');
		const before = screen.split('\n').findIndex(line => line.includes('tap restarted: +method=GET'));
		expect(rows(screen.split('\n').slice(0, before).join('\n')).length).toBeGreaterThan(0);
		keys('q');
		await waitForNormalScreen();
		expect(await exitCode()).toBe(0);
	}, 120_000);

	it('honest sampling: the header says what share of the real traffic the tap sees, the budget split and the untapped pods', async () => {
		await start(200, 50);
		// emojivoto/web: 2 tap-enabled pods share max-rps 100; metrics-api gives the real inbound rate.
		let screen = await waitFor(s => /seeing (all )?~/.test(s), 'the sampling share', 30_000);
		expect(screen.split('\n')[1]).toMatch(/seeing (~\d+% of |all ~)[\d.]+ inbound rps · max-rps 100: 50\/pod × 2/);
		// booksapp/books: one of its two pods predates the tap injector. The navigator follows the tap.
		keys(':', 'tap deploy/books -n booksapp', 'Enter');
		screen = await waitFor(s => s.includes('1 pod not tap-enabled yet (restart needed)'), 'the untapped pod', 30_000);
		expect(screen.split('\n')[0]).toContain('ns booksapp');
		expect(screen.split('\n')[1]).toContain('max-rps 100 (1 pod)');
		keys('q');
		await waitForNormalScreen();
	}, 120_000);

	it('P: the policy view shows the tapped workload\'s policy routes (Prometheus) and authorization (Authz), denials first', async () => {
		await start(120, 40);
		keys('P');
		// emojivoto/web calls emoji-svc through a GRPCRoute; voting-svc is still on a ServiceProfile.
		let screen = await waitFor(s => s.includes('emoji-grpc') && s.includes('web-http:8080') && s.includes('ap/web-'), 'the policy view', 30_000);
		expect(screen).toMatch(/emoji-svc:8080 +emoji-grpc +GRPCRoute +\d+\.\d\d%/);
		expect(screen).toContain('└─► emoji-svc:8080');
		expect(screen).toContain('voting-svc.emojivoto:8080: routed by a ServiceProfile');
		keys('Escape');
		await waitFor(s => !s.includes('Outbound routes'), 'the view closed');
		// payments-api's policies leave node-agent out: its requests are denied, in a row of their own.
		keys(':', 'tap deploy/payments-api -n payments', 'Enter');
		await waitFor(s => s.includes('tap deploy/payments-api -n payments'), 'the new tap');
		keys('P');
		screen = await waitFor(s => s.includes('denied: no policy matched'), 'the denial row', 30_000);
		const rows = screen.split('\n');
		const denied = rows.findIndex(line => line.includes('denied: no policy matched'));
		expect(rows[denied]).toMatch(/payments-api-http +\S+ +denied: no policy matched +[1-9]\d*\.\d\d/);
		expect(denied).toBeLessThan(rows.findIndex(line => line.includes('ap/payments-api')));
		keys('q');
		await waitForNormalScreen();
	}, 120_000);

	it('c in the detail copies the request as curl through OSC 52, which tmux takes into its paste buffer', async () => {
		await start(120, 40);
		tmux('set-option', '-g', 'set-clipboard', 'on');
		keys('Space', 'Enter');
		await waitFor(s => s.includes(' Request detail '), 'the detail view');
		keys('c');
		const screen = await waitFor(s => s.includes('copied request #'), 'the copy notice');
		expect(screen).toMatch(/copied request #\d+ as curl \(OSC 52/);
		let buffer = '';
		const deadline = Date.now() + 10_000;
		while (!buffer.startsWith('curl ') && Date.now() < deadline) {
			try {
				buffer = tmux('show-buffer');
			} catch {
				// No buffer yet.
			}
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		expect(buffer).toMatch(/^curl .*'https?:\/\/[^']+'/);
		keys('q');
		await waitForNormalScreen();
		expect(await exitCode()).toBe(0);
	}, 90_000);

	it('handles keys that arrive in one write: j and Enter open the detail of the request below', async () => {
		await start(120, 40);
		// One send-keys call: tmux writes "j\r" to the terminal at once, as a fast typist over SSH would.
		keys('j', 'Enter');
		const screen = await waitFor(s => s.includes(' Request detail '), 'the detail view');
		expect(screen).toMatch(/^Request #\d+ {2}(inbound|outbound)/m);
		keys('Escape', 'q');
		await waitForNormalScreen();
		expect(await exitCode()).toBe(0);
	}, 90_000);

	it('re-lays out when the terminal shrinks to 80x24, and ctrl-c quits', async () => {
		await start(160, 45);
		let screen = await waitFor(s => s.includes(' Top routes ') && s.includes(' mTLS '), 'the wide layout');
		tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
		// Whole, footer included: the capture can land while the new size's frame is being written.
		screen = await waitFor(s => !s.includes(' Top routes ') && / Requests {2}/.test(s) && /^\? help {2}/.test(s.split('\n')[22] ?? ''), 'the stacked layout');
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^meshtop {2}ctx meshtop-demo/);
		// The footer fits: whole keys, none cut in the middle.
		expect(lines[22]).toMatch(/^\? help {2}.*: command *$/);
		expect(lines[22]).not.toContain('…');
		keys('Tab');
		await waitFor(s => s.includes(' Top routes '), 'tab to the routes pane');
		keys('C-c');
		await waitForNormalScreen();
		expect(await exitCode()).toBe(0);
	}, 90_000);
});
