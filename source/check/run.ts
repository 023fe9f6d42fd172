// Runs meshtop's checks in order and returns their results. A check whose prerequisite failed is
// not run (as linkerd stops after a fatal check): without a kubeconfig nothing else can be asked,
// without an API server nothing can be reached, and without viz every viz question fails the same way.
import type {LoadOptions} from '../kube/config.js';
import {impersonate} from '../kube/impersonate.js';
import type {CheckResult} from '../model/check-result.js';
import {apiServerCheck, kubeconfigCheck, metricsApiCheck, tapApiServiceCheck, tapRbacCheck, vizInstalledCheck} from './cluster-checks.js';
import {nodeVersionCheck} from './node-version.js';

export interface CheckInput {
	load: LoadOptions;
	as?: string;
	asGroups: string[];
	vizNamespace?: string;
	metricsAddr?: string;
	/** Longest any one check may take. */
	timeoutMs: number;
	nodeVersion: string;
}

export async function runChecks(input: CheckInput): Promise<CheckResult[]> {
	const results: CheckResult[] = [nodeVersionCheck(input.nodeVersion)];
	const kube = kubeconfigCheck(input.load);
	results.push(kube.result);
	const loaded = kube.loaded;
	if (!loaded) return results;
	if (input.as) impersonate(loaded.kubeConfig, {user: input.as, groups: input.asGroups});
	const cluster = {kubeConfig: loaded.kubeConfig, server: loaded.server};
	const timeoutMs = input.timeoutMs;

	const api = await apiServerCheck(cluster, timeoutMs);
	results.push(api);
	if (api.result === 'error') return results;
	const viz = await vizInstalledCheck(cluster, timeoutMs);
	results.push(viz);
	if (viz.result === 'error') return results;

	// The metrics-api path (discovery, port-forward, gRPC) is independent of tap: run it alongside.
	const metrics = metricsApiCheck({loaded, vizNamespace: input.vizNamespace, metricsAddr: input.metricsAddr}, timeoutMs);
	const service = await tapApiServiceCheck(cluster, timeoutMs);
	results.push(service.result);
	const vizNamespace = input.vizNamespace ?? service.vizNamespace;
	results.push(await tapRbacCheck(cluster, {namespace: loaded.namespace, as: input.as, vizNamespace}, timeoutMs));
	results.push(await metrics);
	return results;
}
