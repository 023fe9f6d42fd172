import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const engines = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {engines: {node: string}}).engines.node;

/** Runs cli.js on this Node, told (before cli.js runs) that it is `version`. */
function runAs(version: string, args: string[]) {
	const pretend = `Object.defineProperty(process.versions, 'node', {value: ${JSON.stringify(version)}});`;
	return spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(pretend)}`, 'cli.js', ...args], {cwd: root, encoding: 'utf8'});
}

describe('the Node version floor', () => {
	it('package.json engines names the floor cli.js checks', () => {
		expect(engines).toBe('>=22.19.0');
	});

	for (const old of ['20.20.2', '22.18.0', '18.0.0']) {
		it(`Node ${old}: one line saying what to do, exit 2, nothing loaded`, () => {
			const run = runAs(old, ['--demo']);
			expect(run.status).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
			expect(run.stderr).toContain(`meshtop needs Node 22.19 or newer; this is ${old}.`);
			expect(run.stderr).not.toMatch(/at |undici|Error/);
		});
	}

	for (const ok of ['22.19.0', '24.0.0', '26.1.0']) {
		it(`Node ${ok} passes the check`, () => {
			expect(runAs(ok, ['--version'])).toMatchObject({status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/)});
		});
	}

	it("a system Node older than the floor, where the machine has one, gets the same line", () => {
		let system: string;
		try {
			system = execFileSync('/usr/bin/node', ['--version'], {encoding: 'utf8'}).trim().slice(1);
		} catch {
			return; // no /usr/bin/node on this machine: the pretend cases above cover the check
		}
		const [major, minor] = system.split('.').map(Number) as [number, number];
		if (major > 22 || (major === 22 && minor >= 19)) return;
		const run = spawnSync('/usr/bin/node', ['cli.js', 'tap', 'deploy/web'], {cwd: root, encoding: 'utf8'});
		expect(run.status).toBe(2);
		expect(run.stderr).toBe(`meshtop needs Node 22.19 or newer; this is ${system}. Install Node 24 LTS (nodejs.org, nvm or your package manager); from a clone of meshtop, \`npm install && npx meshtop\` runs it on the Node it brings.\n`);
	});
});
