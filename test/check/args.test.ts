// Pure parts of the Linkerd-extension commands: the program name, finding the command word,
// linkerd's flags, and the Node floor check.
import {describe, expect, it} from 'vitest';
import {nodeVersionCheck} from '../../source/check/node-version.js';
import {findExtensionCommand, parseCheckArgs, parseGoDuration} from '../../source/check-args.js';
import {programName, withProgramName} from '../../source/program-name.js';
import {UsageError} from '../../source/model/resource.js';

describe('program name', () => {
	it('comes from the basename of argv[1]', () => {
		expect(programName('/usr/local/bin/kubectl-meshtop')).toBe('kubectl meshtop');
		expect(programName('/home/me/.krew/bin/linkerd-meshtop')).toBe('linkerd meshtop');
		expect(programName('C:\\npm\\kubectl-meshtop.cmd')).toBe('kubectl meshtop');
		expect(programName('/usr/lib/node_modules/meshtop/cli.js')).toBe('meshtop');
		expect(programName('/usr/local/bin/meshtop')).toBe('meshtop');
		expect(programName(undefined)).toBe('meshtop');
	});

	it('renames usage lines and subcommand mentions once, not the product name', () => {
		const help = '    $ meshtop [RESOURCE] [flags]\n    $ meshtop tap RESOURCE\n  meshtop is top for a mesh; try meshtop --demo or meshtop tap deploy/web';
		expect(withProgramName(help, 'kubectl meshtop')).toBe(
			'    $ kubectl meshtop [RESOURCE] [flags]\n    $ kubectl meshtop tap RESOURCE\n  meshtop is top for a mesh; try kubectl meshtop --demo or kubectl meshtop tap deploy/web',
		);
		expect(withProgramName(help, 'meshtop')).toBe(help);
	});
});

describe('finding the extension command', () => {
	it('finds check/install/uninstall as the first word, skipping flag values', () => {
		expect(findExtensionCommand(['check', '--output=json'])).toEqual({command: 'check', index: 0});
		expect(findExtensionCommand(['--demo', 'check'])).toEqual({command: 'check', index: 1});
		expect(findExtensionCommand(['--kubeconfig', '/k', '-n', 'x', 'install'])).toEqual({command: 'install', index: 4});
		expect(findExtensionCommand(['--', 'uninstall'])).toEqual({command: 'uninstall', index: 1});
	});

	it('leaves the other commands, and a namespace called check, alone', () => {
		expect(findExtensionCommand(['-n', 'check', 'deploy/web'])).toBeUndefined();
		expect(findExtensionCommand(['--namespace', 'check'])).toBeUndefined();
		expect(findExtensionCommand(['tap', 'check'])).toBeUndefined();
		expect(findExtensionCommand(['--demo'])).toBeUndefined();
		expect(findExtensionCommand([])).toBeUndefined();
	});
});

describe('check flags', () => {
	it("accepts what linkerd check passes (pflag's string forms) and ignores what it does not use", () => {
		const args = parseCheckArgs(['--api-addr=', '--context=prod', '--as=alice', '--as-group=[dev,ops]', '--kubeconfig=/k', '--linkerd-namespace=linkerd', '--verbose=false', '--namespace=shop', '--proxy=false', '--wait=5m0s', '--output=json']);
		expect(args).toMatchObject({output: 'json', context: 'prod', as: 'alice', asGroups: ['dev', 'ops'], kubeconfig: '/k', namespace: 'shop', waitMs: 300_000, demo: false, help: false});
		expect(args.ignored).toEqual(['--api-addr=', '--linkerd-namespace=linkerd', '--verbose=false', '--proxy=false']);
	});

	it('reads an empty --as-group=[] as no groups, and short and space forms', () => {
		expect(parseCheckArgs(['--as-group=[]']).asGroups).toEqual([]);
		expect(parseCheckArgs(['-o', 'json', '-n', 'x', '-L', 'linkerd', '--as', 'bob', '--as-group', 'g1', '--as-group=g2'])).toMatchObject({output: 'json', namespace: 'x', as: 'bob', asGroups: ['g1', 'g2']});
		expect(parseCheckArgs(['-ojson']).output).toBe('json');
		expect(parseCheckArgs(['-h']).help).toBe(true);
		expect(parseCheckArgs(['--demo', '--no-color']).demo).toBe(true);
	});

	it('ignores unknown flags (and a value after one), but not bad values of known ones', () => {
		expect(parseCheckArgs(['--future-flag=1', '--other', 'value', '-z']).ignored).toEqual(['--future-flag=1', '--other', 'value', '-z']);
		expect(() => parseCheckArgs(['-o', 'yaml'])).toThrow(UsageError);
		expect(() => parseCheckArgs(['--wait=soon'])).toThrow(/--wait must be a duration/);
		expect(() => parseCheckArgs(['--verbose=maybe'])).toThrow(/true or false/);
		expect(() => parseCheckArgs(['deploy/web'])).toThrow(/check takes no arguments/);
		expect(() => parseCheckArgs(['--as-group=admins'])).toThrow(/--as-group needs --as/);
	});

	it("parses Go durations as time.Duration prints them", () => {
		expect(parseGoDuration('5m0s')).toBe(300_000);
		expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
		expect(parseGoDuration('300ms')).toBe(300);
		expect(parseGoDuration('0')).toBe(0);
		expect(parseGoDuration('5 m')).toBeUndefined();
		expect(parseGoDuration('')).toBeUndefined();
	});
});

describe('the Node version check', () => {
	it('passes from 22.19 on and fails below it with what to do', () => {
		expect(nodeVersionCheck('24.22.3')).toEqual({description: 'Node.js 24.22.3 is 22.19 or newer', result: 'success'});
		expect(nodeVersionCheck('22.19.0').result).toBe('success');
		expect(nodeVersionCheck('23.0.0').result).toBe('success');
		expect(nodeVersionCheck('22.18.1')).toEqual({
			description: 'Node.js 22.18.1 is 22.19 or newer',
			result: 'error',
			error: 'meshtop needs Node 22.19 or newer; this is 22.18.1',
			hint: 'install Node 24 LTS (nodejs.org, nvm or your package manager)',
		});
		expect(nodeVersionCheck('20.20.2').result).toBe('error');
	});
});
