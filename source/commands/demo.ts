// `meshtop demo`: start the demo mesh on its own, say how to point tools at it, and run
// until a signal.
import process from 'node:process';
import type {Options} from '../options.js';
import type {DemoMesh, DemoOptions} from '../demo/server.js';
import {abortOnSignals} from './shared.js';

export async function startDemoAndTell(options: DemoOptions & {stdout: NodeJS.WritableStream}): Promise<DemoMesh> {
	const {startDemoMesh} = await import('../demo/server.js');
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

export async function runDemoCommand(options: Options): Promise<number> {
	const signal = abortOnSignals();
	const mesh = await startDemoAndTell({port: options.demoPort ?? 0, stdout: process.stdout});
	await new Promise(resolve => signal.addEventListener('abort', resolve, {once: true}));
	await mesh.close();
	return 0;
}
