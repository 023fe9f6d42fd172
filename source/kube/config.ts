// Loads the kubeconfig the way kubectl users expect (--kubeconfig, KUBECONFIG with several
// files, ~/.kube/config, in-cluster) and fails with one line that says what to do.
import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {setRequestTimeout} from './timeouts.js';

export class KubeConfigError extends Error {
	override name = 'KubeConfigError';
}

export interface LoadedConfig {
	kubeConfig: KubeConfig;
	context: string;
	server: string;
	/** -n, else the context's namespace, else "default". */
	namespace: string;
	contexts: string[];
	/** Where it came from, for messages. */
	source: string;
}

export interface LoadOptions {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	/** --request-timeout in ms (0 = none); undefined = the defaults in timeouts.ts. */
	requestTimeoutMs?: number;
	env?: Record<string, string | undefined>;
	home?: string;
}

/** How each loaded KubeConfig was found, so its credentials can be read again from disk. */
const origins = new WeakMap<KubeConfig, LoadOptions>();

const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';

function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n')[0]!.trim();
}

function loadFiles(kubeConfig: KubeConfig, files: string[]): void {
	for (const file of files) {
		if (!existsSync(file)) throw new KubeConfigError(`kubeconfig ${file} does not exist; fix --kubeconfig/KUBECONFIG or try meshtop --demo`);
	}
	try {
		kubeConfig.loadFromFile(files[0]!);
		for (const file of files.slice(1)) {
			const next = new KubeConfig();
			next.loadFromFile(file);
			kubeConfig.mergeConfig(next, true);
		}
	} catch (error) {
		if (error instanceof KubeConfigError) throw error;
		throw new KubeConfigError(`invalid kubeconfig ${files.join(path.delimiter)}: ${describe(error)}`);
	}
}

export function loadKubeConfig(options: LoadOptions = {}): LoadedConfig {
	const env = options.env ?? process.env;
	const kubeConfig = new KubeConfig();
	let source: string;
	const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
	const homeConfig = path.join(options.home ?? homedir(), '.kube', 'config');
	if (options.kubeconfig) {
		source = options.kubeconfig;
		loadFiles(kubeConfig, [options.kubeconfig]);
	} else if (fromEnv.length > 0) {
		source = `KUBECONFIG=${fromEnv.join(path.delimiter)}`;
		loadFiles(kubeConfig, fromEnv);
	} else if (existsSync(homeConfig)) {
		source = homeConfig;
		loadFiles(kubeConfig, [homeConfig]);
	} else if (existsSync(serviceAccountToken) && env.KUBERNETES_SERVICE_HOST) {
		source = 'in-cluster service account';
		kubeConfig.loadFromCluster();
	} else {
		// client-node would silently point at http://localhost:8080 here.
		throw new KubeConfigError(
			'no kubeconfig found (no --kubeconfig, KUBECONFIG or ~/.kube/config); point meshtop at a cluster, or try meshtop --demo',
		);
	}
	const contexts = kubeConfig.getContexts().map(c => c.name);
	if (options.context) {
		if (!contexts.includes(options.context)) {
			throw new KubeConfigError(
				`context "${options.context}" is not in ${source}; available: ${contexts.join(', ') || 'none'}`,
			);
		}
		kubeConfig.setCurrentContext(options.context);
	}
	const context = kubeConfig.getCurrentContext();
	if (!context || !contexts.includes(context)) {
		throw new KubeConfigError(
			`${source} has no current context; pass --context (available: ${contexts.join(', ') || 'none'})`,
		);
	}
	const cluster = kubeConfig.getCurrentCluster();
	if (!cluster?.server) {
		throw new KubeConfigError(`context "${context}" in ${source} has no cluster server; fix the kubeconfig`);
	}
	if (!kubeConfig.getCurrentUser()) {
		throw new KubeConfigError(`context "${context}" in ${source} has no user; fix the kubeconfig`);
	}
	const contextNamespace = kubeConfig.getContextObject(context)?.namespace;
	origins.set(kubeConfig, {...options, context});
	setRequestTimeout(kubeConfig, options.requestTimeoutMs);
	return {
		kubeConfig,
		context,
		server: cluster.server.replace(/\/+$/, ''),
		namespace: options.namespace || contextNamespace || 'default',
		contexts,
		source,
	};
}

/**
 * For a cluster built from loadKubeConfig: a function that loads the same kubeconfig files
 * again and swaps the fresh KubeConfig in. A fresh KubeConfig re-reads token files and has an
 * empty exec-plugin cache, so an expired token is replaced (the next request runs the plugin).
 * Resolves false when the files no longer load or now name another server.
 */
export function credentialReloader(cluster: {kubeConfig: KubeConfig; server: string}): (() => Promise<boolean>) | undefined {
	const origin = origins.get(cluster.kubeConfig);
	if (!origin) return undefined;
	return async () => {
		try {
			const next = loadKubeConfig(origin);
			if (next.server !== cluster.server) return false;
			cluster.kubeConfig = next.kubeConfig;
			return true;
		} catch {
			return false;
		}
	};
}
