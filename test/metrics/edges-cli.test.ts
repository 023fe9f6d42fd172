// `meshtop edges` through the real CLI against the demo mesh: linkerd viz edges' RESOURCETYPE
// (edges deploy -n NS) and meshtop's NAMESPACE word give the same edges; unsupported types are
// one line and exit 2.
import {describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';

async function cli(args: string[]) {
	const run = runCli(args);
	const code = await run.exit;
	return {code, stdout: run.stdout(), stderr: run.stderr()};
}

describe('edges RESOURCETYPE as linkerd viz edges takes it', {timeout: 60_000}, () => {
	it('edges deploy -n emojivoto lists the same edges as edges emojivoto (not "No edges found.")', async () => {
		const [byType, byNamespace] = await Promise.all([
			cli(['edges', 'deploy', '-n', 'emojivoto', '--demo', '-o', 'json']),
			cli(['edges', 'emojivoto', '--demo', '-o', 'json']),
		]);
		expect(byType.stderr).toBe('');
		expect(byType.code).toBe(0);
		const edges = JSON.parse(byType.stdout) as Array<{src: string; dst: string}>;
		expect(edges.map(edge => `${edge.src}>${edge.dst}`)).toContain('web>emoji');
		expect(byType.stdout).toBe(byNamespace.stdout);
	});

	it('a type linkerd viz edges rejects, or a named resource: one meshtop: line, exit 2', async () => {
		const [service, named] = await Promise.all([cli(['edges', 'svc', '--demo']), cli(['edges', 'deploy/web', '--demo'])]);
		expect(service.code).toBe(2);
		expect(service.stderr).toBe('meshtop: edges does not support the resource type "svc" (as linkerd viz edges); use deploy, po, sts, ds, rs, rc, job or cj\n');
		expect(named.code).toBe(2);
		expect(named.stderr.trim().split('\n')).toHaveLength(1);
		expect(named.stderr).toMatch(/^meshtop: edges takes one RESOURCETYPE/);
	});
});
