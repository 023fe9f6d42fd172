// `meshtop check`: can meshtop work here? Runs the checks (check/run.ts) against the kubeconfig's
// cluster or the demo mesh and prints linkerd's table or check JSON. Exit 0 when nothing failed
// (warnings allowed), 1 otherwise; `linkerd check` ignores the code and reads the JSON.
import {allPassed} from '../model/check-result.js';
import {formatCheckJson, formatCheckTable} from '../output/check.js';
import {parseCheckArgs} from '../check-args.js';
import type {ExtensionIo} from './extension.js';

const defaultTimeoutMs = 10_000;

export function checkHelp(name: string): string {
	return `
  Usage
    $ ${name} check [flags]

  Checks that meshtop can work here, in order: Node.js version, the kubeconfig, the Kubernetes API,
  Linkerd viz (the tap.linkerd.io API), the tap APIService, your tap RBAC (as kubectl auth can-i
  does) and the viz metrics-api. A check whose prerequisite failed is not run. Read-only.

  Flags
    -o, --output FORMAT     table (default) or json (the check JSON linkerd check reads)
    --kubeconfig PATH       --context NAME       -n, --namespace NS (for the RBAC check)
    --as USER               --as-group GROUP     impersonate, as kubectl does
    --viz-namespace NS      --metrics-addr H:P   as for meshtop stat
    --wait DURATION         longest any one check may take (default 10s)
    --demo                  check the built-in demo mesh

  linkerd check runs ${'`'}linkerd-meshtop check --output=json${'`'} with its own flags; those meshtop does not
  use (-L/--linkerd-namespace, --api-addr, --verbose, --proxy) and any unknown flag are ignored here.

  Exit codes: 0 no check failed, 1 a check failed, 2 usage error.
`;
}

export async function runCheckCommand(args: string[], name: string, io: ExtensionIo): Promise<number> {
	const parsed = parseCheckArgs(args);
	if (parsed.help) {
		io.stdout.write(checkHelp(name));
		return 0;
	}
	// client-node and grpc-js load only now, so --help stays light.
	const {runChecks} = await import('../check/run.js');
	const timeoutMs = Math.max(1, Math.min(defaultTimeoutMs, parsed.waitMs ?? defaultTimeoutMs));
	const check = (kubeconfig: string | undefined) =>
		runChecks({
			load: {kubeconfig, context: parsed.context, namespace: parsed.namespace},
			as: parsed.as,
			asGroups: parsed.asGroups,
			vizNamespace: parsed.vizNamespace,
			metricsAddr: parsed.metricsAddr,
			timeoutMs,
			nodeVersion: process.versions.node,
		});
	let results;
	if (parsed.demo) {
		const {startDemoMesh} = await import('../demo/server.js');
		const mesh = await startDemoMesh({port: parsed.demoPort ?? 0, rolloutEveryMs: 0});
		try {
			results = await check(mesh.kubeconfigPath);
		} finally {
			await mesh.close();
		}
	} else {
		results = await check(parsed.kubeconfig);
	}
	const noColor = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
	const color = (parsed.color ?? true) && !noColor && io.stdout.isTTY === true;
	io.stdout.write(parsed.output === 'json' ? formatCheckJson(results) : formatCheckTable(results, {color}));
	return allPassed(results) ? 0 : 1;
}
