// The real-terminal harness: the CLI with its demo mesh inside a tmux server of its own.
// CI=false because Ink prints only the last frame when CI is set.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const hasTmux = (() => {
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

export const session = 'meshtop';
// A tmux server of our own per test, on a socket in a temporary directory: a new
// session on a shared server that is exiting after the previous test can fail.
let dir = '';
let socket = '';
let exitFile = '';

/** The test's own folder (made on first use), for files it writes. */
export function testDir(): string {
	if (!dir) dir = mkdtempSync(join(tmpdir(), 'meshtop-tmux-'));
	return dir;
}

export function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8'});
}

export async function waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let screen = '';
	while (Date.now() < deadline) {
		screen = tmux('capture-pane', '-p', '-t', session);
		if (predicate(screen)) return screen;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	let processes = '';
	try {
		processes = execFileSync('ps', ['-eo', 'pid,stat,etime,args'], {encoding: 'utf8'})
			.split('\n')
			.filter(line => line.includes('cli'))
			.join('\n');
	} catch {
		// ps is a diagnostic only.
	}
	throw new Error(`timed out waiting for ${what}; screen:\n${screen}\nprocesses:\n${processes}`);
}

/** Like waitFor, on the screen with its escape sequences (capture-pane -e). */
export async function waitForEscapes(pattern: RegExp, what: string): Promise<string> {
	const deadline = Date.now() + 15_000;
	let screen = '';
	while (Date.now() < deadline) {
		screen = tmux('capture-pane', '-p', '-e', '-t', session);
		if (pattern.test(screen)) return screen;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
}

/** The TUI is gone once tmux says the alternate screen is off. */
export async function waitForNormalScreen(): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (alternateOn() === '0') return;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error('the alternate screen is still on');
}

/** The CLI's exit code, once it has also shut its demo mesh down. */
export async function exitCode(): Promise<number> {
	const deadline = Date.now() + 40_000;
	while (Date.now() < deadline) {
		if (existsSync(exitFile)) {
			const text = readFileSync(exitFile, 'utf8');
			if (text.endsWith('\n')) return Number(text.trim());
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error('the CLI did not exit within 40 s of leaving the alternate screen');
}

export function keys(...sequence: string[]): void {
	tmux('send-keys', '-t', session, ...sequence);
}

export function alternateOn(): string {
	return tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim();
}

/** Starts `meshtop --demo TARGET` (deploy/web -n emojivoto unless `target` says) and waits for live rows. */
export async function start(columns: number, rows: number, {env = '', bytesFile = '', extraArgs = '', target = 'deploy/web -n emojivoto'} = {}): Promise<string> {
	testDir();
	socket = join(dir, 'tmux.sock');
	exitFile = join(dir, 'exit-code');
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', root,
		`${bytesFile ? 'sleep 0.3; ' : ''}env CI=false NODE_ENV=production ${env} ${command} --demo ${target} ${extraArgs}; echo "$?" > ${exitFile}; sleep 60`);
	// Every byte the program writes to the terminal, from its very first frame.
	if (bytesFile) tmux('pipe-pane', '-o', '-t', session, `cat > ${bytesFile}`);
	return waitFor(screen => /● live/.test(screen) && /\d\d:\d\d:\d\d (in |out)/.test(screen), 'live requests');
}

/** Ends this test's tmux server and forgets its folder, so the next start() gets fresh ones. */
export function restart(): void {
	try {
		tmux('kill-server');
	} catch {
		// Already gone.
	}
	rmSync(dir, {recursive: true, force: true});
	dir = '';
}

/** After each test: its tmux server and folder go. */
export function cleanUp(): void {
	if (!dir) return;
	try {
		tmux('kill-server');
	} catch {
		// Already gone.
	}
	rmSync(dir, {recursive: true, force: true});
	dir = '';
}
