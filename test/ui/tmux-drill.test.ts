// On-call drills in a real terminal (tmux) at the sizes users have: what only a terminal shows
// (cut lines, the footer, panes that cannot be reached). Skipped where tmux is not installed.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanUp, exitCode, hasTmux, keys, session, start, tmux, waitFor, waitForEscapes, waitForNormalScreen} from './tmux-harness.js';

afterEach(cleanUp);

const requestRows = (screen: string) => screen.split('\n').filter(line => /^\d\d:\d\d:\d\d (in |out)/.test(line));

async function quit(): Promise<void> {
	keys('q');
	await waitForNormalScreen();
	expect(await exitCode()).toBe(0);
}

describe.skipIf(!hasTmux)('drills in a real terminal (tmux)', () => {
	it('80x24: every pane’s footer shows whole keys, ending with : command', async () => {
		await start(80, 24);
		const footer = (screen: string) => screen.split('\n')[22] ?? '';
		// Stream, routes, mTLS, navigator: tab walks the panes of the stacked layout.
		// Each pane by what only it shows (the tab bar names them all).
		for (const pane of [/ Requests {2}\d/, / Top routes {2}\d/, /% secured \(/, / Workloads in /]) {
			const screen = await waitFor(s => pane.test(s) && footer(s).startsWith('? help'), `the pane ${pane}`);
			expect(footer(screen)).not.toContain('…');
			expect(footer(screen)).toMatch(/: command *$/);
			keys('Tab');
		}
		await quit();
	}, 90_000);

	it('the metrics-api routes can be selected and opened: enter shows the stream of that ServiceProfile route', async () => {
		await start(80, 24, {target: 'deploy/voting -n emojivoto'});
		keys('Tab');
		await waitFor(s => s.includes('metrics-api routes (1m) · deploy/voting') && s.includes('VoteDoughnut   '), 'the metrics-api section at 80x24');
		// G: the last row of the pane is the section's last route; k walks up inside it.
		keys('G', 'k', 'k', 'k');
		// The selection (inverse video) sits on the section's VoteDoughnut row, not in the tap table.
		const screen = await waitForEscapes(/\u001B\[[\d;]*7m[^\n]*VoteDoughnut {3,}voting-svc/, 'VoteDoughnut selected in the metrics-api section');
		expect(screen).not.toMatch(/\u001B\[[\d;]*7m[^\n]*POST /);
		// h (the trend) is for tap routes: said in one line that fits.
		keys('h');
		const said = await waitFor(s => s.includes('h: trends are for'), 'the h notice');
		expect(said.split('\n')[22]).toMatch(/^h: trends are for the tap routes above; enter shows this route's stream *$/);
		keys('Escape', 'Enter');
		const filtered = await waitFor(s => s.includes('route="VoteDoughnut"') && requestRows(s).length > 0, 'the stream of that route');
		expect(filtered).toContain('/dst="deploy/voting" and route="VoteDoughnut"');
		for (const row of requestRows(filtered)) expect(row).toMatch(/\/VoteDoughnut /);
		// The header's status line keeps how many the filter hides, whole, beside a long target.
		const status = (await waitFor(s => / \d+ hidden *\n/.test(s), 'the hidden count')).split('\n')[1]!;
		expect(status).toMatch(/^tap deploy\/voting -n emojivoto {2}● live {2}.* \d+ hidden *$/);
		expect(status).not.toContain('…');
		await quit();
	}, 90_000);

	it('80x24, who sends plaintext: each source shows whole (an IP, old-frontend), not cut to "old-fron…"', async () => {
		await start(80, 24);
		keys('/', 'tls!=true', 'Enter');
		const screen = await waitFor(
			s => s.includes('/tls!=true') && requestRows(s).some(row => row.includes('198.51.100.23 → web')) && requestRows(s).some(row => row.includes('old-frontend → web')),
			'plaintext rows from the IP and from old-frontend',
		);
		for (const row of requestRows(screen)) {
			expect(row).toMatch(/ plain *$/);
			// The FROM → TO cell: between DIR and METHOD.
			expect(row.slice(13, 32)).not.toContain('…');
		}
		await quit();
	}, 90_000);

	it('80x24: pause, open a request, step to the next, copy it, go back, resume: titles and notices whole', async () => {
		await start(80, 24);
		tmux('set-option', '-g', 'set-clipboard', 'on');
		// Paused on the newest request: one up, so there is a next one to step to.
		keys('Space');
		await waitFor(s => / Requests {2}\d+\/\d+ · paused/.test(s), 'the pause');
		keys('k', 'Enter');
		let screen = await waitFor(s => s.includes(' Request detail '), 'the detail view');
		const title = (s: string) => s.split('\n')[3] ?? '';
		expect(title(screen)).toMatch(/ Request detail {2}request (\d+)\/\d+ · ←→ prev\/next/);
		expect(title(screen)).not.toContain('…');
		const first = Number(/^Request #(\d+)/m.exec(screen)![1]);
		keys(']');
		screen = await waitFor(s => /^Request #\d+/m.test(s) && Number(/^Request #(\d+)/m.exec(s)![1]) > first, 'the next request');
		keys('c');
		screen = await waitFor(s => s.includes('copied request #'), 'the copy notice');
		const footer = screen.split('\n')[22] ?? '';
		expect(footer).toMatch(/^copied request #\d+ as curl \(OSC 52; tmux: set-clipboard on\)/);
		expect(footer).not.toContain('…');
		// y: the longer "as tap -o json" notice is whole at 80 columns too.
		keys('y');
		screen = await waitFor(s => s.includes('as tap -o json'), 'the json copy notice');
		expect(screen.split('\n')[22] ?? '').toMatch(/^copied request #\d+ as tap -o json \(OSC 52; tmux: set-clipboard on\)/);
		keys('Escape');
		await waitFor(s => / Requests {2}\d+\/\d+ · paused/.test(s), 'the paused stream again');
		keys('Space');
		await waitFor(s => /following live/.test(s) && !s.includes('PAUSED'), 'live again');
		await quit();
	}, 90_000);

	it('80x24: a :tap that fails says why, whole, above the old rows (not "following live")', async () => {
		await start(80, 24);
		keys(':', 'tap deploy/nope', 'Enter');
		const screen = await waitFor(s => s.includes('failed: deployment'), 'the failed tap');
		const title = screen.split('\n')[4] ?? '';
		expect(title).toMatch(/^ Requests {2}tap failed: deployment "nope" not found in namespace "emojivoto"/);
		expect(screen).not.toContain('following live');
		await quit();
	}, 90_000);

	it('120x40, who sends plaintext in the mTLS pane: each unmeshed source keeps its destination and its reason whole', async () => {
		await start(120, 40);
		const marked = (s: string) => s.split('\n').filter(line => / ! \S/.test(line));
		const screen = await waitFor(s => s.includes(' mTLS · sampled from tap') && marked(s).length >= 2, 'the unmeshed sources in the mTLS pane');
		for (const line of marked(screen)) {
			const row = line.slice(line.indexOf(' ! ') + 1);
			expect(row).toMatch(/^! \S+ → web /);
			expect(row).toMatch(/ (plain|no_tls_from_remote) ×\d+ *$/);
		}
		await quit();
	}, 90_000);

	it('80x24, e on the mTLS pane: the plaintext sources and the identities show whole; enter filters the stream to an edge', async () => {
		await start(80, 24);
		keys('Tab', 'Tab', 'e');
		const screen = await waitFor(s => s.includes('mTLS · all edges, metrics-api') && s.includes('web → emoji ') && s.includes('tap saw 2 '), 'the metrics-api edges and both plaintext sources');
		expect(screen).toMatch(/^meshed peers only; tap saw 2 without mTLS: (198\.51\.100\.23, old-frontend|old-frontend, 198\.51\.100\.23) *$/m);
		const rows = screen.split('\n').filter(line => / → \S+ +\S/.test(line) && /yes *$/.test(line));
		expect(rows.length).toBeGreaterThanOrEqual(3);
		for (const row of rows) expect(row).not.toContain('…');
		keys('j', 'Enter');
		await waitFor(s => s.includes('/src="deploy/web" and dst="deploy/emoji"') && requestRows(s).length > 0, 'the stream of that edge');
		await quit();
	}, 90_000);

	it('a workload without ServiceProfile routes says so where the metrics-api routes would be', async () => {
		await start(80, 24);
		keys('Tab');
		const screen = await waitFor(s => s.includes('metrics-api routes · deploy/web: none'), 'the note');
		expect(screen).toContain('no ServiceProfile');
		tmux('resize-window', '-t', session, '-x', '120', '-y', '40');
		await waitFor(s => s.includes('metrics-api routes · deploy/web: none') && s.includes(' Requests '), 'the note at 120x40');
		await quit();
	}, 90_000);
});
