// meshtop as a kubectl plugin and a Linkerd extension: `_extension-metadata` answers at once
// from cli.js (no bundle, so no Ink, React, meow or client-node; even on a Node below the floor),
// and help and usage hints name the command the user typed.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {root} from '../reliability/cli.js';

const metadata = '{"name":"linkerd-meshtop","checks":"always"}\n';
const bin = mkdtempSync(path.join(os.tmpdir(), 'meshtop-bin-'));
for (const name of ['kubectl-meshtop', 'linkerd-meshtop']) symlinkSync(path.join(root, 'cli.js'), path.join(bin, name));

function run(script: string, args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}) {
	return spawnSync(process.execPath, [...nodeArgs, script, ...args], {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1', ...env}});
}

// A module hook (module.registerHooks: synchronous, on the main thread, sees import() and
// require() alike) records every module the process resolves, and writes the list at exit.
const hook = path.join(bin, 'record-modules.mjs');
writeFileSync(hook, `import {registerHooks} from 'node:module';
import {writeFileSync} from 'node:fs';
const seen = [];
registerHooks({resolve(specifier, context, next) { const result = next(specifier, context); seen.push(result.url); return result; }});
process.on('exit', () => writeFileSync(process.env.MESHTOP_MODULE_LOG, JSON.stringify(seen)));
`);

/** Modules a run loaded, and the npm packages inside them (esbuild marks each bundled file with a `// node_modules/…` line). */
function loaded(args: string[], script = 'cli.js'): {urls: string[]; packages: Set<string>; stdout: string; status: number | null} {
	const log = path.join(bin, `modules-${Math.random().toString(36).slice(2)}.json`);
	const result = run(script, args, ['--import', hook], {MESHTOP_MODULE_LOG: log});
	const urls = JSON.parse(readFileSync(log, 'utf8')) as string[];
	const packages = new Set<string>();
	for (const url of urls.filter(u => u.startsWith('file:'))) {
		for (const m of readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]!);
	}
	return {urls, packages, stdout: result.stdout, status: result.status};
}

const heavy = ['ink', 'react', 'meow', '@kubernetes/client-node', '@grpc/grpc-js'];

describe('_extension-metadata', () => {
	it('prints exactly the metadata linkerd check reads, under any program name', () => {
		for (const script of ['cli.js', path.join(bin, 'linkerd-meshtop'), path.join(bin, 'kubectl-meshtop')]) {
			const result = run(script, ['_extension-metadata']);
			expect(result).toMatchObject({status: 0, stdout: metadata, stderr: ''});
		}
	});

	it('loads nothing but cli.js: not the bundle, so none of Ink, React, meow or client-node', () => {
		const run = loaded(['_extension-metadata'], path.join(bin, 'linkerd-meshtop'));
		expect(run.stdout).toBe(metadata);
		expect(run.urls).toEqual([`file://${path.join(root, 'cli.js')}`]);
		expect([...run.packages]).toEqual([]);
	});

	it('(the recorder does see them when they load: check --demo loads client-node and grpc-js, --help loads meow)', () => {
		const check = loaded(['check', '--demo', '-o', 'json']);
		expect(check.status).toBe(0);
		expect(check.packages).toContain('@kubernetes/client-node');
		expect(check.packages).toContain('@grpc/grpc-js');
		expect(check.packages).not.toContain('ink');
		expect(loaded(['--help']).packages).toContain('meow');
	});

	it('install and check --help stay light too', () => {
		for (const args of [['install'], ['check', '--help']]) {
			const run = loaded(args);
			expect(run.status).toBe(0);
			expect(heavy.filter(p => run.packages.has(p))).toEqual([]);
		}
	});

	it('answers even on a Node below the floor, so linkerd check goes on to show why check fails', () => {
		const pretend = `Object.defineProperty(process.versions, 'node', {value: '20.20.2'});`;
		const old = ['--import', `data:text/javascript,${encodeURIComponent(pretend)}`];
		expect(run('cli.js', ['_extension-metadata'], old)).toMatchObject({status: 0, stdout: metadata});
		const check = run('cli.js', ['check', '--output=json'], old);
		expect(check.status).toBe(2);
		expect(check.stderr).toContain('meshtop needs Node 22.19 or newer; this is 20.20.2.');
	});
});

describe('the program name', () => {
	it('kubectl-meshtop --help says "kubectl meshtop"', () => {
		const result = run(path.join(bin, 'kubectl-meshtop'), ['--help']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('\n    $ kubectl meshtop [RESOURCE] [flags]');
		expect(result.stdout).toContain('\n    $ kubectl meshtop tap RESOURCE [flags]');
		expect(result.stdout).toContain('\n    $ kubectl meshtop check [-o json]');
		expect(result.stdout).not.toMatch(/\$ meshtop|kubectl kubectl/);
	});

	it('linkerd-meshtop names itself in usage errors and in check --help', () => {
		const usage = run(path.join(bin, 'linkerd-meshtop'), ['tap']);
		expect(usage.status).toBe(2);
		expect(usage.stderr).toBe('meshtop: linkerd meshtop tap needs a RESOURCE, e.g. linkerd meshtop tap deploy/web -n emojivoto (see linkerd meshtop --help)\n');
		const help = run(path.join(bin, 'linkerd-meshtop'), ['check', '--help']);
		expect(help.stdout).toContain('\n    $ linkerd meshtop check [flags]\n');
	});

	it('meshtop itself stays meshtop', () => {
		expect(run('cli.js', ['--help']).stdout).toContain('\n    $ meshtop tap RESOURCE [flags]');
	});
});
