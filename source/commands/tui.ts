// The full-screen UI (`meshtop [RESOURCE]`): a broken kubeconfig is one line before the
// screen opens; with --demo the first frame is drawn at once and the demo mesh and
// client-node load behind it.
import process from 'node:process';
import type {LoadOptions} from '../kube/config.js';
import {type Options, resolveTap} from '../options.js';
import type {MeshSources} from '../sources/types.js';
import {loadKubeConfig, meshtopVersion} from './shared.js';

export async function runTuiCommand(options: Options): Promise<number> {
	// React's development build costs ~40% more CPU per frame.
	process.env.NODE_ENV ??= 'production';
	const metricsOptions = {vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr, prometheusUrl: options.prometheusUrl};
	if (!options.demo) {
		const loadOptions: LoadOptions = {kubeconfig: options.kubeconfig, context: options.context, namespace: options.namespace, requestTimeoutMs: options.requestTimeoutMs};
		const loaded = await loadKubeConfig(loadOptions);
		const {createMeshSources} = await import('../sources/cluster.js');
		return runTuiWith(options, createMeshSources(loaded, loadOptions, metricsOptions), loaded.namespace);
	}
	const {demoContextName, demoNamespace} = await import('../demo/kubeconfig.js');
	const {pendingSources} = await import('../sources/pending.js');
	let closeMesh: (() => Promise<void>) | undefined;
	let started!: () => void;
	// Begin only after the first frame is queued: loading the demo mesh and client-node
	// meanwhile would compete with Ink for the one JavaScript thread.
	const firstFrame = new Promise<void>(resolve => (started = resolve));
	const ready = firstFrame.then(async () => {
		await new Promise(resolve => setTimeout(resolve, 0));
		const {startDemoMesh} = await import('../demo/server.js');
		const mesh = await startDemoMesh({port: options.demoPort ?? 0});
		closeMesh = () => mesh.close();
		const loadOptions: LoadOptions = {kubeconfig: mesh.kubeconfigPath, context: options.context, namespace: options.namespace, requestTimeoutMs: options.requestTimeoutMs};
		const loaded = await loadKubeConfig(loadOptions);
		const {createMeshSources} = await import('../sources/cluster.js');
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
	const {runTui} = await import('../ui/run.js');
	const version = meshtopVersion();
	const {createExporter} = await import('./export.js');
	try {
		return await runTui({
			sources,
			target: spec?.target,
			spec,
			clientFilter,
			showSecrets: options.showSecrets,
			color: options.color,
			bufferSize: options.bufferSize,
			refreshMs: options.refreshMs,
			timeWindow: options.timeWindow,
			onStarted,
			exporter: createExporter(version),
			version,
			record: options.record === undefined ? undefined : {path: options.record, force: options.force},
		});
	} finally {
		sources.close();
	}
}

