// Real-terminal tests: the CLI with its demo mesh inside tmux (raw mode, the alternate
// screen, resize, pause, detail, quit). CI=false because Ink prints only the last
// frame when CI is set. Skipped, with a message, where tmux is not installed.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasTmux = (() => {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();
if (!hasTmux) console.warn('tmux is not installed: skipping the real-terminal TUI tests (apt-get install tmux)');

const built = existsSync(`${root}/dist/cli.js`);
// The built CLI when there is one, else the sources through tsx.
const command = built ? 'node cli.js' : 'node --import tsx source/cli.tsx';

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

let session = '';

async function waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let screen = '';
	while (Date.now() < deadline) {
		screen = tmux('capture-pane', '-p', '-t', session);
		if (predicate(screen)) return screen;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
}

function keys(...sequence: string[]): void {
	tmux('send-keys', '-t', session, ...sequence);
}

function alternateOn(): string {
	return tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim();
}

async function start(columns: number, rows: number): Promise<string> {
	session = `meshtop-test-${process.pid}-${Date.now()}`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', root,
		`env CI=false NODE_ENV=production ${command} --demo deploy/web -n emojivoto; echo "EXIT=$?"; sleep 60`);
	return waitFor(screen => /● live/.test(screen) && /\d\d:\d\d:\d\d (in |out)/.test(screen), 'live requests');
}

afterEach(() => {
	if (session) {
		try {
			tmux('kill-session', '-t', session);
		} catch {
			// Already gone.
		}
		session = '';
	}
});

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
		screen = await waitFor(s => s.includes('EXIT='), 'the exit');
		expect(screen).toMatch(/^EXIT=0$/m);
		expect(alternateOn()).toBe('0');
		expect(screen).not.toContain('meshtop  ctx');
	}, 60_000);

	it('re-lays out when the terminal shrinks to 80x24, and ctrl-c quits', async () => {
		await start(160, 45);
		let screen = await waitFor(s => s.includes(' Top routes ') && s.includes(' mTLS '), 'the wide layout');
		tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
		screen = await waitFor(s => !s.includes(' Top routes ') && / Requests {2}/.test(s), 'the stacked layout');
		const lines = screen.split('\n');
		expect(lines[0]).toMatch(/^meshtop {2}ctx meshtop-demo/);
		expect(lines[22]).toMatch(/^\? help {2}q quit/);
		keys('Tab');
		await waitFor(s => s.includes(' Top routes '), 'tab to the routes pane');
		keys('C-c');
		screen = await waitFor(s => s.includes('EXIT='), 'the exit');
		expect(screen).toMatch(/^EXIT=0$/m);
		expect(alternateOn()).toBe('0');
	}, 60_000);
});
