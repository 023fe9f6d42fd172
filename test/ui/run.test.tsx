// runTui owns the terminal: alternate screen in, and out exactly once on every exit path.
import {describe, expect, it} from 'vitest';
import {enterAltScreen, leaveAltScreen} from '../../source/ui/terminal.js';
import {runTui} from '../../source/ui/run.js';
import {FakeSources} from './fixtures.js';
import {FakeStdin, FakeStdout} from './render.js';

function count(haystack: string, needle: string): number {
	return haystack.split(needle).length - 1;
}

function start(sources = new FakeSources()) {
	const stdout = new FakeStdout(80, 24);
	const stderr = new FakeStdout(80, 24);
	const stdin = new FakeStdin();
	const exit = runTui({
		sources,
		target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
		showSecrets: false,
		color: false,
		bufferSize: 100,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
	});
	const output = () => stdout.frames.join('');
	return {stdout, stderr, stdin, exit, output, sources};
}

const turn = () => new Promise(resolve => setImmediate(resolve));

describe('runTui', () => {
	it('enters the alternate screen, and q leaves it once with exit code 0', async () => {
		const t = start();
		await turn();
		expect(t.output().startsWith(enterAltScreen)).toBe(true);
		t.stdin.write('q');
		expect(await t.exit).toBe(0);
		expect(count(t.output(), leaveAltScreen)).toBe(1);
		expect(t.output().endsWith(leaveAltScreen)).toBe(true);
		expect(t.sources.taps[0]!.stopped).toBe(true);
	});

	it('writes frames as changed cells with absolute moves; ctrl-l repaints the whole screen', async () => {
		const t = start();
		await new Promise(resolve => setTimeout(resolve, 30));
		const clear = '\u001B[H\u001B[2J';
		expect(count(t.output(), clear)).toBe(1);
		const before = t.stdout.frames.length;
		t.stdin.write('\u000C');
		await new Promise(resolve => setTimeout(resolve, 30));
		expect(count(t.output(), clear)).toBe(2);
		const redraw = t.stdout.frames.slice(before).join('');
		expect(redraw.startsWith('\u001B[?2026h\u001B[0m\u001B[H\u001B[2J\u001B[1H\u001B[1mmeshtop  ctx kind-mesh')).toBe(true);
		expect(redraw.endsWith('\u001B[?2026l')).toBe(true);
		t.stdin.write('q');
		expect(await t.exit).toBe(0);
	});

	it('ctrl-c quits through the keymap', async () => {
		const t = start();
		await turn();
		t.stdin.write('\u0003');
		expect(await t.exit).toBe(0);
		expect(count(t.output(), leaveAltScreen)).toBe(1);
	});

	it('SIGTERM and SIGHUP restore the terminal and exit 128 + signal', async () => {
		for (const [signal, code] of [
			['SIGTERM', 143],
			['SIGHUP', 129],
		] as const) {
			const t = start();
			await turn();
			process.emit(signal, signal);
			process.emit(signal, signal);
			expect(await t.exit).toBe(code);
			expect(count(t.output(), leaveAltScreen)).toBe(1);
			expect(process.listenerCount(signal)).toBe(0);
		}
	});

	it('refuses a non-interactive stdin before touching the terminal', async () => {
		const stdout = new FakeStdout(80, 24);
		const stderr = new FakeStdout(80, 24);
		const stdin = new FakeStdin();
		stdin.isTTY = false;
		const code = await runTui({
			sources: new FakeSources(),
			showSecrets: false,
			color: true,
			bufferSize: 10,
			stdout: stdout as unknown as NodeJS.WriteStream,
			stderr: stderr as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
		});
		expect(code).toBe(1);
		expect(stdout.frames).toEqual([]);
		expect(stderr.frames).toEqual([
			'meshtop: the full-screen UI needs an interactive terminal; for pipes use `meshtop tap RESOURCE -o json`\n',
		]);
	});

	it('a crash restores the terminal first, then prints the error', async () => {
		const sources = new FakeSources();
		sources.watchNamespaces = () => {
			throw new Error('boom in the sources');
		};
		const t = start(sources);
		expect(await t.exit).toBe(1);
		expect(count(t.output(), leaveAltScreen)).toBe(1);
		expect(t.stderr.frames.join('')).toMatch(/^meshtop: Error: boom in the sources\n/);
	});
});
