// What several commands share: the kubeconfig (loaded lazily: client-node alone costs
// ~0.3 s, so only the paths that talk to a cluster pay it), an in-process demo mesh for
// --demo, and an abort signal for ctrl-c and friends.
import {readFileSync} from 'node:fs';
import process from 'node:process';
import type {LoadedConfig, LoadOptions} from '../kube/config.js';
import type {Options} from '../options.js';

export async function loadKubeConfig(loadOptions: LoadOptions): Promise<LoadedConfig> {
	const {loadKubeConfig: load} = await import('../kube/config.js');
	return load(loadOptions);
}

/** The kubeconfig the options name, or, with --demo, that of a demo mesh started for the run. */
export async function withCluster<T>(options: Options, run: (loaded: LoadedConfig, loadOptions: LoadOptions) => Promise<T>): Promise<T> {
	const load = async (kubeconfig: string | undefined) => {
		const loadOptions: LoadOptions = {kubeconfig, context: options.context, namespace: options.namespace, requestTimeoutMs: options.requestTimeoutMs};
		return run(await loadKubeConfig(loadOptions), loadOptions);
	};
	if (!options.demo) return load(options.kubeconfig);
	const {startDemoMesh} = await import('../demo/server.js');
	const mesh = await startDemoMesh({port: options.demoPort ?? 0});
	try {
		return await load(mesh.kubeconfigPath);
	} finally {
		await mesh.close();
	}
}

export function abortOnSignals(): AbortSignal {
	const controller = new AbortController();
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => controller.abort(new Error(signal)));
	}
	return controller.signal;
}

/** meshtop's version from package.json (next to dist/, or two up from the bundle or source/commands/). */
export function meshtopVersion(): string {
	for (const url of [new URL('../package.json', import.meta.url), new URL('../../package.json', import.meta.url)]) {
		try {
			const pkg = JSON.parse(readFileSync(url, 'utf8')) as {name?: string; version?: string};
			if (pkg.name === 'meshtop' && typeof pkg.version === 'string') return pkg.version;
		} catch {
			// not there: try the next
		}
	}
	return 'unknown';
}
