// meshtop's entry: parse argv (meow), pick a mode, and run it. Ink and React are imported
// lazily so `meshtop tap` and `meshtop --version` never load them.
import process from 'node:process';
import {existsSync, readFileSync} from 'node:fs';
import type {LoadOptions} from './kube/config.js';
import type {MeshSources} from './sources.js';
import {buildOptions, type Options, resolveTap} from './options.js';
import {UsageError} from './model/resource.js';
import {findExtensionCommand} from './commands/check-args.js';
import {programName, withProgramName} from './commands/program-name.js';

const help = `
  Usage
    $ meshtop [RESOURCE] [flags]       full-screen TUI; with RESOURCE it taps it at once
    $ meshtop tap RESOURCE [flags]     stream requests to stdout, like linkerd viz tap
    $ meshtop stat [RESOURCE] [flags]  golden metrics from the viz metrics-api
    $ meshtop edges [NAMESPACE]        mTLS edges from the viz metrics-api
    $ meshtop demo [--demo-port N]     run the built-in demo mesh; prints a kubeconfig
    $ meshtop check [-o json]          can meshtop work here? (linkerd check runs it too)

  RESOURCE   TYPE/NAME, TYPE NAME, TYPE or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns)

  Cluster
    --kubeconfig PATH       kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
    --context NAME          kubeconfig context
    -n, --namespace NS      namespace (default: the context's, else default)
    --demo                  use an in-process demo mesh instead of a cluster

  Filters
    --to RES                only requests to RES (svc allowed)     --to-namespace NS
    --from RES              only requests from RES (client-side)   --from-namespace NS
    --port N                only requests to destination port N (client-side)
    --method M  --path PREFIX  --authority A  --scheme S  -l, --selector SELECTOR
    --max-rps N             tap sample rate across all pods (default 100)

  Output
    -o, --output FORMAT     tap: text, wide, json, jsonl; stat/edges: table, json
    --max-requests N        stop after N completed requests
    --buffer N              requests kept for scrollback (default 10000)
    --show-secrets          show credential headers instead of [masked]
    --no-color              no colours (NO_COLOR is honoured too)

  Metrics
    --viz-namespace NS      where Linkerd viz runs (default: found by label)
    --metrics-addr H:P      talk to metrics-api directly, no port-forward
    --time-window W         metrics window (default 1m)

  Exit codes: 0 ok, 1 runtime error, 2 usage error.
`;

async function parse(name: string) {
	const {default: meow} = await import('meow');
	return meow(withProgramName(help, name), {
		importMeta: import.meta,
		allowUnknownFlags: false,
		flags: {
			kubeconfig: {type: 'string'},
			context: {type: 'string'},
			namespace: {type: 'string', shortFlag: 'n'},
			to: {type: 'string'},
			toNamespace: {type: 'string'},
			from: {type: 'string'},
			fromNamespace: {type: 'string'},
			port: {type: 'number'},
			method: {type: 'string'},
			path: {type: 'string'},
			authority: {type: 'string'},
			scheme: {type: 'string'},
			selector: {type: 'string', shortFlag: 'l'},
			maxRps: {type: 'number'},
			output: {type: 'string', shortFlag: 'o'},
			maxRequests: {type: 'number'},
			buffer: {type: 'number'},
			showSecrets: {type: 'boolean'},
			color: {type: 'boolean'},
			demo: {type: 'boolean'},
			demoPort: {type: 'number'},
			vizNamespace: {type: 'string'},
			metricsAddr: {type: 'string'},
			timeWindow: {type: 'string'},
		},
	});
}

async function fail(message: string, code: number): Promise<number> {
	// Messages can carry server text (Status, ApiError, gRPC details): never raw to the terminal.
	const {sanitize} = await import('./model/sanitize.js');
	process.stderr.write(`meshtop: ${sanitize(message)}\n`);
	return code;
}

async function withDemo<T>(options: Options, run: (kubeconfig: string | undefined) => Promise<T>): Promise<T> {
	if (!options.demo) return run(options.kubeconfig);
	const {startDemoMesh} = await import('./demo/server.js');
	const mesh = await startDemoMesh({port: options.demoPort ?? 0});
	try {
		return await run(mesh.kubeconfigPath);
	} finally {
		await mesh.close();
	}
}

function abortOnSignals(): AbortSignal {
	const controller = new AbortController();
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => controller.abort(new Error(signal)));
	}
	return controller.signal;
}

async function runDemo(options: Options): Promise<number> {
	const {runDemoCommand} = await import('./demo/server.js');
	const signal = abortOnSignals();
	const mesh = await runDemoCommand({port: options.demoPort ?? 0, stdout: process.stdout});
	await new Promise(resolve => signal.addEventListener('abort', resolve, {once: true}));
	await mesh.close();
	return 0;
}

// client-node alone costs ~0.3 s to load: only the paths that talk to a cluster pay it.
async function loadKubeConfig(loadOptions: LoadOptions) {
	const {loadKubeConfig: load} = await import('./kube/config.js');
	return load(loadOptions);
}

async function runTap(options: Options, loadOptions: LoadOptions): Promise<number> {
	const loaded = await loadKubeConfig(loadOptions);
	const {spec, clientFilter} = resolveTap(options, loaded.namespace);
	const {runTapHeadless} = await import('./output/runner.js');
	const {watchTargetPods} = await import('./kube/target-watch.js');
	return runTapHeadless({
		context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
		spec: spec!,
		clientFilter,
		format: options.tapFormat,
		showSecrets: options.showSecrets,
		maxRequests: options.maxRequests,
		stdout: process.stdout,
		stderr: process.stderr,
		signal: abortOnSignals(),
		watchPods: onChange => watchTargetPods(loaded.kubeConfig, spec!.target, onChange, () => undefined),
	});
}

async function runTuiMode(options: Options): Promise<number> {
	// React's development build costs ~40% more CPU per frame.
	process.env.NODE_ENV ??= 'production';
	const metricsOptions = {vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr};
	if (!options.demo) {
		// A broken kubeconfig is a one-line error before the full screen, not inside it.
		const loadOptions: LoadOptions = {kubeconfig: options.kubeconfig, context: options.context, namespace: options.namespace};
		const loaded = await loadKubeConfig(loadOptions);
		const {createMeshSources} = await import('./kube/mesh-sources.js');
		return runTuiWith(options, createMeshSources(loaded, loadOptions, metricsOptions), loaded.namespace);
	}
	// --demo: draw the first frame at once; the demo mesh and client-node load behind it.
	const {demoContextName, demoNamespace} = await import('./demo/kubeconfig.js');
	const {pendingSources} = await import('./pending-sources.js');
	let closeMesh: (() => Promise<void>) | undefined;
	let started!: () => void;
	// Begin only after the first frame is queued: loading the demo mesh and client-node
	// meanwhile would compete with Ink for the one JavaScript thread.
	const firstFrame = new Promise<void>(resolve => (started = resolve));
	const ready = firstFrame.then(async () => {
		await new Promise(resolve => setTimeout(resolve, 0));
		const {startDemoMesh} = await import('./demo/server.js');
		const mesh = await startDemoMesh({port: options.demoPort ?? 0});
		closeMesh = () => mesh.close();
		const loadOptions: LoadOptions = {kubeconfig: mesh.kubeconfigPath, context: options.context, namespace: options.namespace};
		const loaded = await loadKubeConfig(loadOptions);
		const {createMeshSources} = await import('./kube/mesh-sources.js');
		return createMeshSources(loaded, loadOptions, metricsOptions);
	});
	const namespace = options.namespace ?? demoNamespace;
	const placeholder = {context: demoContextName, server: 'starting the demo mesh…', namespace, contexts: [demoContextName]};
	try {
		return await runTuiWith(options, pendingSources(ready, placeholder), namespace, started);
	} finally {
		await closeMesh?.();
	}
}

async function runTuiWith(options: Options, sources: MeshSources, namespace: string, onStarted?: () => void): Promise<number> {
	const {spec, clientFilter} = resolveTap(options, namespace);
	const {runTui} = await import('./ui/run.js');
	try {
		return await runTui({
			sources,
			target: spec?.target,
			spec,
			clientFilter,
			showSecrets: options.showSecrets,
			color: options.color,
			bufferSize: options.bufferSize,
			timeWindow: options.timeWindow,
			onStarted,
		});
	} finally {
		sources.close();
	}
}

/** package.json sits one level above dist/cli.js, two above the bundle in dist/bundle/. */
function packageJson(): URL {
	const candidates = [new URL('../package.json', import.meta.url), new URL('../../package.json', import.meta.url)];
	return candidates.find(url => existsSync(url)) ?? candidates[0]!;
}

async function main(): Promise<number> {
	// `meshtop --version` is what scripts and health checks call: answer before loading anything.
	if (process.argv.length === 3 && process.argv[2] === '--version') {
		const pkg = JSON.parse(readFileSync(packageJson(), 'utf8')) as {version: string};
		process.stdout.write(`${pkg.version}\n`);
		return 0;
	}
	const name = programName(process.argv[1]);
	// check, install, uninstall: the Linkerd-extension commands, which take linkerd's flags.
	const extension = findExtensionCommand(process.argv.slice(2));
	if (extension) {
		try {
			const {runExtensionCommand} = await import('./commands/extension.js');
			return await runExtensionCommand(extension.command, process.argv.slice(2), extension.index, name, {stdout: process.stdout, env: process.env});
		} catch (error) {
			if (error instanceof UsageError) return fail(`${error.message} (see ${name} ${extension.command} --help)`, 2);
			return fail(error instanceof Error ? error.message : String(error), 1);
		}
	}
	const cli = await parse(name);
	let options: Options;
	try {
		options = buildOptions(cli.input, cli.flags, process.env);
	} catch (error) {
		if (error instanceof UsageError) return fail(`${withProgramName(error.message, name)} (see ${name} --help)`, 2);
		throw error;
	}
	if (options.command === 'demo') return runDemo(options);
	try {
		if (options.command === 'tui') return await runTuiMode(options);
		return await withDemo(options, async kubeconfig => {
			const loadOptions: LoadOptions = {kubeconfig, context: options.context, namespace: options.namespace};
			if (options.command === 'tap') return runTap(options, loadOptions);
			const {runMetricsCommand} = await import('./metrics/command.js');
			return runMetricsCommand(options, await loadKubeConfig(loadOptions));
		});
	} catch (error) {
		if (error instanceof UsageError) return fail(withProgramName(error.message, name), 2);
		return fail(error instanceof Error ? error.message : String(error), 1);
	}
}

main().then(
	code => {
		process.exitCode = code;
		// Open watches and sockets must not keep a finished command alive.
		setImmediate(() => process.exit(code));
	},
	async error => {
		const {sanitize} = await import('./model/sanitize.js');
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`meshtop: unexpected error: ${text.split('\n').map(sanitize).join('\n')}\n`);
		process.exit(1);
	},
);
