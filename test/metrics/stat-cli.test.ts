// `meshtop stat` through the real CLI against the demo mesh (--demo: a real apiserver,
// port-forward and metrics-api over gRPC): pods and namespaces carry their traffic, a
// missing named resource says which namespace was searched, and every command reports an
// unreachable API server with the same one line as tap.
import net from 'node:net';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';
import {demoCaCert} from '../../source/demo/certs/demo-tls.js';
import {demoKubeconfig} from '../../source/demo/kubeconfig.js';

interface Row {
	namespace: string;
	kind: string;
	name: string;
	meshed: string;
	success: number | null;
	rps: number | null;
	latency_ms_p50: number | null;
}

async function cli(args: string[]) {
	const run = runCli(args);
	const code = await run.exit;
	return {code, stdout: run.stdout(), stderr: run.stderr()};
}

async function statJson(args: string[]): Promise<Row[]> {
	const {code, stdout, stderr} = await cli(['stat', ...args, '--demo', '-o', 'json']);
	expect(stderr).toBe('');
	expect(code).toBe(0);
	return JSON.parse(stdout) as Row[];
}

describe('stat by pod and namespace against the demo mesh', {timeout: 60_000}, () => {
	it('stat po lists each meshed pod with its share of the traffic, and stat po/NAME finds one', async () => {
		const [pods, deployments] = await Promise.all([statJson(['po']), statJson(['deploy'])]);
		const web = pods.filter(p => p.name.startsWith('web-'));
		expect(web.length).toBe(2);
		for (const pod of web) {
			expect(pod).toMatchObject({namespace: 'emojivoto', kind: 'pod', meshed: '1/1'});
			expect(pod.rps).toBeGreaterThan(0);
			expect(pod.success).toBeGreaterThan(0);
		}
		// The pods of a workload add up to the workload (counts are rounded per pod).
		const webDeployment = deployments.find(d => d.name === 'web')!;
		expect(web.reduce((sum, p) => sum + p.rps!, 0)).toBeCloseTo(webDeployment.rps!, 0);
		const one = await statJson([`po/${web[0]!.name}`]);
		expect(one).toHaveLength(1);
		expect(one[0]!.rps).toBeGreaterThan(0);

		const table = await cli(['stat', 'po', '--demo']);
		expect(table.code).toBe(0);
		expect(table.stderr).not.toContain('No traffic found');
		expect(table.stdout).toMatch(new RegExp(`^${web[0]!.name}\\s+1/1\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\drps`, 'm'));
	});

	it('stat ns/emojivoto shows the namespace\'s golden metrics, not dashes', async () => {
		const [ns] = await statJson(['ns/emojivoto']);
		expect(ns).toMatchObject({kind: 'namespace', name: 'emojivoto', meshed: '7/7'});
		expect(ns!.success).toBeGreaterThan(0.5);
		expect(ns!.rps).toBeGreaterThan(0);
		expect(ns!.latency_ms_p50).toBeGreaterThan(0);
	});
});

describe('one error path for every command', {timeout: 60_000}, () => {
	it('a named resource that is not there names the namespace, in tap and stat alike', async () => {
		const line = 'meshtop: deployment "web" not found in namespace "nope"\n';
		const [tap, stat] = await Promise.all([cli(['tap', 'deploy/web', '-n', 'nope', '--demo']), cli(['stat', 'deploy/web', '-n', 'nope', '--demo'])]);
		expect(tap.stderr).toBe(line);
		expect(tap.code).toBe(1);
		expect(stat.stderr).toBe(line);
		expect(stat.code).toBe(1);
		const pod = await cli(['stat', 'po/gone', '--demo']);
		expect(pod.stderr).toBe('meshtop: pod "gone" not found in namespace "emojivoto"\n');
	});

	it('tap, stat and edges say the same line when the API server refuses connections', async () => {
		// A port that was just free: nothing listens there now.
		const probe = net.createServer();
		await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
		const port = (probe.address() as net.AddressInfo).port;
		await new Promise<void>(resolve => probe.close(() => resolve()));
		const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-refused-'));
		const kubeconfig = path.join(dir, 'kubeconfig.yaml');
		writeFileSync(kubeconfig, demoKubeconfig({server: `https://127.0.0.1:${port}`, caPem: demoCaCert, token: 't', namespace: 'emojivoto'}));
		try {
			const runs = await Promise.all([['tap', 'deploy/web'], ['stat'], ['edges']].map(args => cli([...args, '--kubeconfig', kubeconfig])));
			for (const run of runs) {
				expect(run.stderr).toBe(`meshtop: cannot reach the Kubernetes API at https://127.0.0.1:${port}: connection refused; check the kubeconfig context and your network/VPN\n`);
				expect(run.code).toBe(1);
			}
			expect(readFileSync(kubeconfig, 'utf8')).toContain(String(port));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});

describe('explainNotFound (pure)', () => {
	it('names the type as typed and the namespace; trims server text; leaves other text alone', async () => {
		const {explainNotFound} = await import('../../source/kube/errors.js');
		const web = {type: 'deployment', name: 'web', namespace: 'nope'};
		expect(explainNotFound('deployments.apps "web" not found\n', web)).toBe('deployment "web" not found in namespace "nope"');
		expect(explainNotFound('namespaces "nope" not found', {type: 'namespace', name: 'nope', namespace: ''})).toBe('namespace "nope" not found');
		expect(explainNotFound('services "other" not found', web)).toBe('services "other" not found');
		expect(explainNotFound('no pods to tap for type="deployment" name="old-frontend"\n', web)).toBe('no pods to tap for type="deployment" name="old-frontend"');
	});
});
