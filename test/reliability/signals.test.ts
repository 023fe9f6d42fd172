// Signals. Headless `meshtop tap` exits 0 on SIGINT, SIGTERM and SIGHUP with every line of
// output whole. The TUI (in tmux) leaves the alternate screen on SIGTERM, SIGHUP (the SSH link
// dropped) and an uncaught exception, whose message prints after the restore. q and ctrl-c are
// covered by test/ui/tmux.test.ts.
import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {root, runCli, until} from './cli.js';

function parseJsonStream(out: string, format: string): unknown[] {
	if (format === 'jsonl') return out.slice(0, -1).split('\n').map(line => JSON.parse(line));
	// Pretty objects: each starts with "{" and ends with "}" alone on their lines.
	return out.slice(0, -1).split(/\n(?=\{$)/m).map(text => JSON.parse(text));
}

describe('headless tap on a signal', () => {
	const cases = [
		['SIGINT', 'json'],
		['SIGTERM', 'jsonl'],
		['SIGHUP', 'text'],
		['SIGINT', 'wide'],
	] as const;
	it('exits 0 with nothing half-written', {timeout: 60_000}, async () => {
		await Promise.all(cases.map(async ([signal, format]) => {
			const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto', '--demo', '-o', format]);
			await until(run, () => run.stdout().split('\n').length > 40, `output before ${signal}`);
			run.child.kill(signal);
			const code = await run.exit;
			const out = run.stdout();
			// Said on failure: which case, and how the output ended.
			const tail = `${signal} ${format}, output ends ${JSON.stringify(out.slice(-120))}`;
			expect(code, `${signal} ${format}: ${run.stderr()}`).toBe(0);
			expect(run.stderr(), tail).toBe('');
			expect(out.endsWith('\n'), tail).toBe(true);
			if (format === 'json' || format === 'jsonl') {
				let objects: unknown[] = [];
				expect(() => (objects = parseJsonStream(out, format)), tail).not.toThrow();
				// The signal went out once 40 whole lines were written: 40 objects in jsonl, and in pretty
				// json (an event with headers spans ~40 lines) at least one.
				expect(objects.length).toBeGreaterThanOrEqual(format === 'json' ? 1 : 40);
				for (const o of objects) expect(o).toHaveProperty('proxyDirection');
			} else {
				for (const line of out.slice(0, -1).split('\n')) expect(line, `${signal} ${format}`).toMatch(/^(req|rsp|end) id=\d+:\d+ proxy=(in |out) .* tls=\S*/);
			}
		}));
	});
});

const hasTmux = (() => {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();
if (!hasTmux) console.warn('tmux is not installed: skipping the TUI signal tests (apt-get install tmux)');

let socket = '';
const session = 'meshtop-signals';
function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
}
afterEach(() => {
	if (!socket) return;
	try {
		tmux('kill-server');
	} catch {
		// Already gone.
	}
	socket = '';
});

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 40_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${tmux('capture-pane', '-p', '-t', session)}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** Starts the TUI on the demo in a 120x40 tmux pane and returns the node process id once it is live. */
async function startTui(extraNodeArgs = ''): Promise<number> {
	socket = `meshtop-signals-${process.pid}-${Date.now()}`;
	tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-c', root,
		`env CI=false NODE_ENV=production node ${extraNodeArgs} cli.js --demo deploy/web -n emojivoto; echo "EXIT=$?"; sleep 60`);
	await waitFor(() => tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim() === '1'
		&& /● live/.test(tmux('capture-pane', '-p', '-t', session)), 'the TUI to go live');
	const shell = tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim();
	const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'}).trim().split('\n')[0]);
	expect(pid).toBeGreaterThan(0);
	return pid;
}

async function exitLine(): Promise<string> {
	let screen = '';
	await waitFor(() => /EXIT=\d+/.test((screen = tmux('capture-pane', '-p', '-t', session))), 'the exit code');
	return screen;
}

describe.skipIf(!hasTmux)('TUI in a real terminal (tmux)', () => {
	for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
		it(`${signal} restores the terminal and exits ${code}`, {timeout: 90_000}, async () => {
			const pid = await startTui();
			process.kill(pid, signal);
			const screen = await exitLine();
			expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
			expect(screen).toContain(`EXIT=${code}`);
			// The TUI's frame is gone with the alternate screen: nothing of it on the shell's screen.
			expect(screen).not.toMatch(/● live|Requests {2}\d/);
		});
	}

	it('an uncaught exception restores the terminal first, then prints the error, and exits 1', {timeout: 90_000}, async () => {
		const pid = await startTui(`--import ${root}/test/reliability/fixtures/crash-on-usr2.mjs`);
		process.kill(pid, 'SIGUSR2');
		const screen = await exitLine();
		expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
		expect(screen).toContain('meshtop: Error: injected crash for the signal test');
		expect(screen).toContain('EXIT=1');
		expect(screen).not.toMatch(/● live/);
	});
});
