// The command line as a user meets it, through the built cli.js: every --help prints that
// command's usage and exits 0 without touching a cluster; usage errors are one `meshtop:`
// line and exit 2, quoting what was typed.
import {describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';

// A kubeconfig that does not exist: any attempt to load it (or reach a cluster) exits 1.
const noCluster = {KUBECONFIG: '/nonexistent/meshtop-kubeconfig', HOME: '/nonexistent'};

async function run(args: string[]) {
	const cli = runCli(args, noCluster);
	const code = await cli.exit;
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

describe('--help', () => {
	const cases: Array<[string[], RegExp, RegExp[]]> = [
		[['--help'], /\$ meshtop \[RESOURCE\] \[flags\]/, [/--request-timeout D/, /edges: table, wide, json/]],
		[['-h'], /\$ meshtop \[RESOURCE\] \[flags\]/, []],
		[['tap', '--help'], /\$ meshtop tap RESOURCE \[flags\]/, [/-o, --output FORMAT\s+text \(default\), wide, json, jsonl, har/, /--max-requests N/, /-o har --max-requests 100 > web.har/]],
		[['stat', '--help'], /\$ meshtop stat \[RESOURCE\] \[flags\]/, [/table \(default\), json/, /--time-window W/]],
		[['edges', '--help'], /\$ meshtop edges \[RESOURCETYPE \| NAMESPACE\] \[flags\]/, [/table \(default\), wide \(with identities\), json/]],
		[['demo', '--help'], /\$ meshtop demo \[--demo-port N\]/, []],
		[['stat', 'po', '-n', 'emojivoto', '--help'], /\$ meshtop stat \[RESOURCE\]/, []],
	];
	for (const [args, usage, more] of cases) {
		it(`meshtop ${args.join(' ')} prints its usage and exits 0 with no cluster`, async () => {
			const {code, stdout, stderr} = await run(args);
			expect(stderr).toBe('');
			expect(code).toBe(0);
			expect(stdout).toMatch(usage);
			for (const pattern of more) expect(stdout).toMatch(pattern);
		});
	}
});

describe('usage errors', () => {
	const cases: Array<[string[], string]> = [
		[['--foo'], 'meshtop: unknown flag --foo (see meshtop --help)'],
		[['tap', 'deploy/web', '--fooBar', '1'], 'meshtop: unknown flag --fooBar (see meshtop --help)'],
		[['stat', '-x'], 'meshtop: unknown flag -x (see meshtop --help)'],
		[['tap', 'deploy/web', '--port', 'abc'], 'meshtop: --port must be a whole number from 1 to 65535, got "abc" (see meshtop --help)'],
		[['tap', 'deploy/web', '--port'], 'meshtop: --port needs a value (see meshtop --help)'],
		[['tap', 'deploy/web', '--port', '--show-secrets'], 'meshtop: --port needs a value (see meshtop --help)'],
		[['tap', 'deploy/web', '--max-requests', '-1'], 'meshtop: --max-requests must be a whole number of at least 1, got "-1" (see meshtop --help)'],
		[['tap', 'deploy/web', '--max-requests=0'], 'meshtop: --max-requests must be a whole number of at least 1, got "0" (see meshtop --help)'],
		[['tap', 'deploy/web', '--max-rps', 'fast'], 'meshtop: --max-rps must be a number ≥ 0, got "fast" (see meshtop --help)'],
		[['tap', 'deploy/web', '-n'], 'meshtop: --namespace needs a value (see meshtop --help)'],
		[['tap', 'deploy/web', '--request-timeout', 'soon'], 'meshtop: --request-timeout must be 0 (none), seconds or a duration like 30s or 1m, got "soon" (see meshtop --help)'],
		[['demo', '--demo-port', '99999'], 'meshtop: --demo-port must be a whole number from 0 to 65535, got "99999" (see meshtop --help)'],
		[['tap', 'deploy/web', '--port', '1', '--port', '2'], 'meshtop: the flag --port can only be set once (see meshtop --help)'],
	];
	for (const [args, line] of cases) {
		it(`meshtop ${args.join(' ')}`, async () => {
			const {code, stdout, stderr} = await run(args);
			expect(stdout).toBe('');
			expect(stderr).toBe(`${line}\n`);
			expect(code).toBe(2);
		});
	}
});
