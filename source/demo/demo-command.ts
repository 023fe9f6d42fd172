// `meshtop demo`: start the mesh and say how to point tools at it.
import type {DemoMesh, DemoOptions} from './server.js';

export async function runDemoCommand(options: DemoOptions & {stdout: NodeJS.WritableStream}): Promise<DemoMesh> {
	const {startDemoMesh} = await import('./server.js');
	const {stdout, ...rest} = options;
	const mesh = await startDemoMesh(rest);
	const kc = mesh.kubeconfigPath;
	stdout.write([
		`meshtop demo mesh listening on ${mesh.url} (loopback only, demo TLS)`,
		`kubeconfig: ${kc}`,
		'',
		'Try:',
		`  meshtop --kubeconfig ${kc}`,
		`  meshtop tap deploy/web -n emojivoto --kubeconfig ${kc} -o json`,
		`  kubectl --kubeconfig ${kc} get pods -A`,
		'',
		'Press Ctrl-C to stop.',
		'',
	].join('\n'));
	return mesh;
}
