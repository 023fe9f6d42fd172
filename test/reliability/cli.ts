// Runs the built CLI (node cli.js) as a user would, for end-to-end tests.
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
	child: ChildProcess;
	stdout(): string;
	stderr(): string;
	/** Resolves with the exit code (or the signal name when killed by one). */
	exit: Promise<number | string>;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
	const child = spawn(process.execPath, ['cli.js', ...args], {
		cwd: root,
		env: {...process.env, NO_COLOR: '1', ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout!.setEncoding('utf8').on('data', chunk => (out += chunk));
	child.stderr!.setEncoding('utf8').on('data', chunk => (err += chunk));
	const exit = new Promise<number | string>(resolve => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
	return {child, stdout: () => out, stderr: () => err, exit};
}

/** Waits (polling, no fixed sleep) until `predicate` holds or the process ends. */
export async function until(run: CliRun, predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let ended = false;
	void run.exit.then(() => (ended = true));
	while (!predicate()) {
		if (ended) throw new Error(`the CLI exited before ${what}; stderr: ${run.stderr()}`);
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${run.stderr()}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}
