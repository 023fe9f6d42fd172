import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
// `meshtop check` end to end: the built CLI (node cli.js) against the demo mesh over real HTTPS,
// as `linkerd check` runs it (`check --output=json` plus its flags). Each demo fault must make
// the right check fail, and only that one (its dependents are not run).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoMesh, type DemoFault, type DemoMesh} from '../../source/demo/server.js';
import {runCli} from '../reliability/cli.js';

interface Check {
	description: string;
	result: 'success' | 'warning' | 'error';
	hint?: string;
	error?: string;
}

interface Output {
	code: number | string;
	json: {success: boolean; categories: Array<{categoryName: string; checks: Check[]}>};
	stderr: string;
}

async function check(args: string[]): Promise<Output> {
	const run = runCli(['check', '--output=json', ...args]);
	const code = await run.exit;
	expect(run.stderr(), run.stderr()).toBe('');
	return {code, json: JSON.parse(run.stdout()) as Output['json'], stderr: run.stderr()};
}

const names = ['Node.js', 'kubeconfig', 'Kubernetes API', 'viz is installed', 'APIService', 'may tap', 'metrics-api'];

/** Which of the checks ran, and each one's result. */
function outline(output: Output): string[] {
	return output.json.categories[0]!.checks.map(c => `${names.find(n => c.description.includes(n)) ?? c.description}: ${c.result}`);
}

let mesh: DemoMesh;
beforeAll(async () => {
	mesh = await startDemoMesh({rolloutEveryMs: 0});
});
afterAll(async () => mesh.close());

async function withFault<T>(fault: DemoFault, run: () => Promise<T>): Promise<T> {
	mesh.setFault(fault);
	try {
		return await run();
	} finally {
		mesh.setFault('none');
	}
}

describe('meshtop check', () => {
	it('--demo -o json: every check passes, in linkerd-meshtop, exit 0', async () => {
		const run = runCli(['check', '--demo', '-o', 'json']);
		expect(await run.exit).toBe(0);
		const json = JSON.parse(run.stdout()) as Output['json'];
		expect(json.success).toBe(true);
		expect(json.categories.map(c => c.categoryName)).toEqual(['linkerd-meshtop']);
		expect(outline({code: 0, json, stderr: ''})).toEqual(names.map(n => `${n}: success`));
		// Success lines carry neither hint nor error.
		expect(json.categories[0]!.checks.every(c => Object.keys(c).join() === 'description,result')).toBe(true);
	});

	it('--demo prints the table, ending in the verdict', async () => {
		const run = runCli(['check', '--demo']);
		expect(await run.exit).toBe(0);
		const lines = run.stdout().split('\n');
		expect(lines.slice(0, 2)).toEqual(['linkerd-meshtop', '---------------']);
		expect(lines.slice(2, 9).every(l => l.startsWith('√ '))).toBe(true);
		expect(lines.slice(9)).toEqual(['', 'Status check results are √', '']);
	});

	it("accepts linkerd's flags as `linkerd check` passes them, and impersonates --as/--as-group", async () => {
		const before = mesh.requestLog.length;
		const output = await check([
			'--api-addr=', `--kubeconfig=${mesh.kubeconfigPath}`, '--as=alice', '--as-group=[dev,ops]', '--linkerd-namespace=linkerd',
			'--verbose=false', '--proxy=false', '--wait=5m0s', '--namespace=booksapp', '--some-future-flag=1',
		]);
		expect(output.code).toBe(0);
		expect(output.json.success).toBe(true);
		expect(output.json.categories[0]!.checks.find(c => c.description.includes('may tap'))!.description).toBe('user alice may tap deployments in namespace booksapp');
		const log = mesh.requestLog.slice(before);
		const review = log.find(e => e.path.endsWith('/selfsubjectaccessreviews'));
		expect(review?.impersonate).toEqual(['alice', 'group:dev', 'group:ops']);
		// Every request of the run carries it: raw requests, client-node's API calls, the port-forward.
		expect(log.length).toBeGreaterThan(5);
		expect(log.filter(e => !e.impersonate)).toEqual([]);
		expect(log.some(e => e.upgrade)).toBe(true);
		expect(log.some(e => e.path === '/api/v1/namespaces')).toBe(true);
	});

	it('is read-only: GETs, the port-forward upgrade, and one SelfSubjectAccessReview (evaluated, never stored)', async () => {
		const before = mesh.requestLog.length;
		expect((await check([`--kubeconfig=${mesh.kubeconfigPath}`])).code).toBe(0);
		const writes = mesh.requestLog.slice(before).filter(e => e.method !== 'GET');
		expect(writes.map(e => `${e.method} ${e.path}`)).toEqual(['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews']);
	});

	it('accepts the empty --as-group=[] linkerd passes when there is no impersonation', async () => {
		const before = mesh.requestLog.length;
		const output = await check([`--kubeconfig=${mesh.kubeconfigPath}`, '--as-group=[]', '--verbose=false', '--proxy=false', '--wait=5m0s']);
		expect(output.json.success).toBe(true);
		expect(mesh.requestLog.slice(before).filter(e => e.impersonate)).toEqual([]);
	});

	it('unauthorized: the API check fails with the credentials message; nothing after it runs', async () => {
		const output = await withFault('unauthorized', () => check([`--kubeconfig=${mesh.kubeconfigPath}`]));
		expect(output.code).toBe(1);
		expect(output.json.success).toBe(false);
		expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: success', 'Kubernetes API: error']);
		const api = output.json.categories[0]!.checks[2]!;
		expect(api.error).toContain('rejected the credentials (Unauthorized (HTTP 401))');
		expect(api.hint).toMatch(/log in again or refresh the token/);
	});

	it('no-viz: the viz check fails with the install hint; the tap and metrics checks are not run', async () => {
		const output = await withFault('no-viz', () => check([`--kubeconfig=${mesh.kubeconfigPath}`]));
		expect(output.code).toBe(1);
		expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: success', 'Kubernetes API: success', 'viz is installed: error']);
		expect(output.json.categories[0]!.checks[3]).toEqual({
			description: 'Linkerd viz is installed (the API server serves tap.linkerd.io)',
			hint: 'install viz: linkerd viz install | kubectl apply -f -',
			error: 'the API server does not serve tap.linkerd.io',
			result: 'error',
		});
	});

	it('unavailable: the APIService check fails with its Available=False condition; RBAC and metrics still pass', async () => {
		const output = await withFault('unavailable', () => check([`--kubeconfig=${mesh.kubeconfigPath}`]));
		expect(output.code).toBe(1);
		expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: success', 'Kubernetes API: success', 'viz is installed: success', 'APIService: error', 'may tap: success', 'metrics-api: success']);
		const service = output.json.categories[0]!.checks[4]!;
		expect(service.error).toMatch(/^APIService v1alpha1\.tap\.linkerd\.io is not available: Available=False \(FailedDiscoveryCheck\): failing or missing response from https:\/\/10\.96\./);
		expect(service.hint).toContain('kubectl get apiservice v1alpha1.tap.linkerd.io -o yaml');
	});

	it('apiservice-forbidden: a warning, not an error; the run still succeeds', async () => {
		const output = await withFault('apiservice-forbidden', () => check([`--kubeconfig=${mesh.kubeconfigPath}`]));
		expect(output.code).toBe(0);
		expect(output.json.success).toBe(true);
		expect(outline(output)).toContain('APIService: warning');
		const service = output.json.categories[0]!.checks[4]!;
		expect(service.error).toMatch(/^not allowed to read APIServices \(apiservices\.apiregistration\.k8s\.io "v1alpha1\.tap\.linkerd\.io" is forbidden: .* \(HTTP 403\)\), so its availability is unknown$/);
	});

	for (const fault of ['forbidden', 'tap-forbidden'] as const) {
		it(`${fault}: the RBAC check fails with the clusterrolebinding hint`, async () => {
			const output = await withFault(fault, () => check([`--kubeconfig=${mesh.kubeconfigPath}`]));
			expect(output.code).toBe(1);
			expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: success', 'Kubernetes API: success', 'viz is installed: success', 'APIService: success', 'may tap: error', 'metrics-api: success']);
			const rbac = output.json.categories[0]!.checks[5]!;
			const reason = fault === 'tap-forbidden' ? ': RBAC: clusterrole.rbac.authorization.k8s.io "linkerd-linkerd-viz-tap-admin" not found' : '';
			expect(rbac).toEqual({
				description: 'you may tap deployments in namespace emojivoto',
				// The role name comes from the APIService's viz namespace.
				hint: 'an admin can grant it: kubectl create clusterrolebinding your-user-tap-admin --clusterrole linkerd-linkerd-viz-tap-admin --user YOUR-USER',
				error: `RBAC does not allow watch on deployments/tap in tap.linkerd.io in namespace emojivoto${reason}`,
				result: 'error',
			});
		});
	}

	it('a metrics-api that cannot be found fails the metrics check with its own message', async () => {
		const output = await check([`--kubeconfig=${mesh.kubeconfigPath}`, '--viz-namespace', 'nowhere']);
		expect(output.code).toBe(1);
		const metrics = output.json.categories[0]!.checks[6]!;
		expect(metrics.result).toBe('error');
		expect(metrics.error).toMatch(/^No Running and Ready metrics-api pod in namespace nowhere/);
		expect(metrics.hint).toBe('kubectl get pods -n nowhere -l component=metrics-api; linkerd viz check');
	});

	it('a kubeconfig that does not load fails that check; nothing after it runs', async () => {
		const output = await check(['--kubeconfig=/nonexistent/kubeconfig']);
		expect(output.code).toBe(1);
		expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: error']);
		expect(output.json.categories[0]!.checks[1]!.error).toBe('kubeconfig /nonexistent/kubeconfig does not exist; fix --kubeconfig/KUBECONFIG or try meshtop --demo');
	});

	it('an API server that is gone fails the reachability check', async () => {
		const dead = await startDemoMesh({rolloutEveryMs: 0});
		// close() removes the demo's folder with its kubeconfig: keep a copy that points at the dead server.
		const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'meshtop-dead-')), 'kubeconfig.yaml');
		writeFileSync(kubeconfig, readFileSync(dead.kubeconfigPath));
		await dead.close();
		const output = await check([`--kubeconfig=${kubeconfig}`]);
		expect(outline(output)).toEqual(['Node.js: success', 'kubeconfig: success', 'Kubernetes API: error']);
		expect(output.json.categories[0]!.checks[2]!.error).toMatch(/connection refused/);
	});

	it('a bad value of a flag it knows is a usage error (exit 2), naming check --help', async () => {
		const run = runCli(['check', '-o', 'yaml']);
		expect(await run.exit).toBe(2);
		expect(run.stderr()).toBe('meshtop: -o must be json or table, got "yaml" (see meshtop check --help)\n');
	});

	it('other commands still reject unknown flags', async () => {
		const run = runCli(['stat', '--verbose=false']);
		expect(await run.exit).toBe(2);
		expect(run.stderr()).toBe('meshtop: unknown flag --verbose (see meshtop --help)\n');
	});
});

describe('install and uninstall', () => {
	it('say in one line (a YAML comment, safe to pipe to kubectl) that meshtop installs nothing', async () => {
		for (const [command, text] of [['install', 'installs nothing in the cluster'], ['uninstall', 'nothing to uninstall']] as const) {
			const run = runCli([command, '--some-flag=1']);
			expect(await run.exit).toBe(0);
			expect(run.stdout()).toMatch(new RegExp(`^# meshtop .*${text}.*\\n$`));
			expect(run.stdout().split('\n')).toHaveLength(2);
			expect(run.stderr()).toBe('');
		}
	});
});
