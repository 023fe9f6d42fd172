// A --demo run writes its kubeconfig into a fresh meshtop-demo-* directory; none may be left
// behind, whether the run ends by itself, is interrupted, or is killed by a signal it does not
// handle. Each run gets its own TMPDIR, so the check sees only what that run made. Several
// CLI runs per test: the timeouts allow for a loaded machine's start-up.
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli, until} from '../reliability/cli.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function tmp(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-tmpdir-'));
	made.push(dir);
	return dir;
}

const demoDirs = (tmpdir: string): string[] => readdirSync(tmpdir).filter(name => name.startsWith('meshtop-demo-'));

describe('--demo leaves no meshtop-demo-* directory behind', {timeout: 60_000}, () => {
	it('after a headless run that ends by itself', async () => {
		const tmpdir = tmp();
		for (const args of [['stat'], ['edges'], ['tap', 'deploy/web', '--max-requests', '2']]) {
			const run = runCli([...args, '--demo'], {TMPDIR: tmpdir});
			expect(await run.exit, `${args.join(' ')}: ${run.stderr()}`).toBe(0);
			expect(demoDirs(tmpdir), args.join(' ')).toEqual([]);
		}
	});

	it('after ctrl-c in tap (handled: exit 0) and in meshtop demo', async () => {
		const tmpdir = tmp();
		const tap = runCli(['tap', 'deploy/web', '--demo'], {TMPDIR: tmpdir});
		await until(tap, () => tap.stdout().includes('req id='), 'tap output');
		expect(demoDirs(tmpdir)).toHaveLength(1);
		tap.child.kill('SIGINT');
		expect(await tap.exit).toBe(0);
		expect(demoDirs(tmpdir)).toEqual([]);

		const demo = runCli(['demo'], {TMPDIR: tmpdir});
		await until(demo, () => demo.stdout().includes('Press Ctrl-C'), 'the demo banner');
		const kubeconfig = /kubeconfig: (\S+)/.exec(demo.stdout())![1]!;
		expect(existsSync(kubeconfig)).toBe(true);
		demo.child.kill('SIGINT');
		expect(await demo.exit).toBe(0);
		expect(existsSync(kubeconfig)).toBe(false);
		expect(demoDirs(tmpdir)).toEqual([]);
	});

	it('after a signal the command does not handle (it still dies of it)', async () => {
		const tmpdir = tmp();
		// stat handles no signal: killed as soon as the directory exists, before the table is printed.
		const stat = runCli(['stat', '--demo', '--time-window', '1h'], {TMPDIR: tmpdir});
		await until(stat, () => demoDirs(tmpdir).length > 0, 'the demo directory', 20_000);
		stat.child.kill('SIGTERM');
		const exit = await stat.exit;
		// Killed by the re-raised SIGTERM (or, had the run just finished, exit 0): clean either way.
		expect(['SIGTERM', 0]).toContain(exit);
		if (exit === 'SIGTERM') expect(stat.stdout()).toBe('');
		expect(demoDirs(tmpdir)).toEqual([]);
	});
});
