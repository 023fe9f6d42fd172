// The cluster checks of `meshtop check`, one function each. Each asks one read-only question and
// turns the answer into a CheckResult with a one-line hint; none throws for an expected failure.
import {KubeConfigError, loadKubeConfig, type LoadedConfig, type LoadOptions} from '../kube/config.js';
import {reviewAccess} from '../kube/access-review.js';
import {discoverGroup, readApiService, serverVersion} from '../kube/api-service.js';
import {KubeError} from '../kube/errors.js';
import type {Cluster} from '../kube/http.js';
import {statusMessage} from '../kube/json-request.js';
import {connectMetrics} from '../metrics/client.js';
import {MetricsError, type MetricsErrorKind} from '../metrics/errors.js';
import {failed, passed, warned, type CheckResult} from '../model/check-result.js';

export const tapGroup = 'tap.linkerd.io';
export const tapApiService = 'v1alpha1.tap.linkerd.io';

function messageOf(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

export function kubeconfigCheck(options: LoadOptions): {result: CheckResult; loaded?: LoadedConfig} {
	try {
		const loaded = loadKubeConfig(options);
		return {result: passed(`kubeconfig loads (context ${loaded.context}, server ${loaded.server})`), loaded};
	} catch (error) {
		const message = error instanceof KubeConfigError ? error.message : `cannot load the kubeconfig: ${messageOf(error)}`;
		return {result: failed('kubeconfig loads', message, 'pass --kubeconfig or --context, set KUBECONFIG, or try the demo: meshtop check --demo')};
	}
}

export async function apiServerCheck(cluster: Cluster, timeoutMs: number): Promise<CheckResult> {
	const description = 'can reach the Kubernetes API';
	try {
		const version = await serverVersion(cluster, timeoutMs);
		if (version.status === 401) {
			return failed(description, `the API server at ${cluster.server} rejected the credentials (${statusMessage(version)})`, 'log in again or refresh the token (kubectl get --raw /version shows the same)');
		}
		// Any other answer proves the server is there; later checks say what it allows.
		return passed(version.gitVersion ? `${description} (${version.gitVersion})` : description);
	} catch (error) {
		return failed(description, messageOf(error), 'check the kubeconfig context and your network/VPN');
	}
}

export async function vizInstalledCheck(cluster: Cluster, timeoutMs: number): Promise<CheckResult> {
	const description = `Linkerd viz is installed (the API server serves ${tapGroup})`;
	const install = 'install viz: linkerd viz install | kubectl apply -f -';
	try {
		const found = await discoverGroup(cluster, tapGroup, timeoutMs);
		if (found.response.status !== 200) {
			return failed(description, `API discovery (GET /apis) failed: ${statusMessage(found.response)}`, 'check that kubectl api-versions works with this context');
		}
		if (!found.versions) return failed(description, `the API server does not serve ${tapGroup}`, install);
		if (!found.versions.includes('v1alpha1')) {
			return failed(description, `${tapGroup} is served at ${found.versions.join(', ') || 'no version'}, not v1alpha1`, 'upgrade Linkerd viz to match this meshtop (tap.linkerd.io/v1alpha1)');
		}
		return passed(description);
	} catch (error) {
		return failed(description, messageOf(error), 'check the kubeconfig context and your network/VPN');
	}
}

export interface ApiServiceCheck {
	result: CheckResult;
	/** Where tap runs, from the APIService's spec.service. */
	vizNamespace?: string;
}

export async function tapApiServiceCheck(cluster: Cluster, timeoutMs: number): Promise<ApiServiceCheck> {
	const description = `tap APIService ${tapApiService} is Available`;
	const inspect = `kubectl get apiservice ${tapApiService} -o yaml; the tap pod in the viz namespace must be Running and Ready (linkerd viz check)`;
	try {
		const state = await readApiService(cluster, tapApiService, timeoutMs);
		const status = state.response.status;
		if (status === 403) {
			return {
				result: warned(description, `not allowed to read APIServices (${statusMessage(state.response)}), so its availability is unknown`, `kubectl auth can-i get apiservices.apiregistration.k8s.io; the tap check works without it`),
			};
		}
		if (status === 404) return {result: failed(description, `no APIService ${tapApiService}`, 'reinstall viz: linkerd viz install | kubectl apply -f -')};
		if (status !== 200) return {result: failed(description, `reading the APIService failed: ${statusMessage(state.response)}`, inspect)};
		const vizNamespace = state.service?.namespace;
		const available = state.available;
		if (available?.status === 'True') return {result: passed(description), vizNamespace};
		const why = available ? `Available=${available.status}${available.reason ? ` (${available.reason})` : ''}${available.message ? `: ${available.message}` : ''}` : 'it has no Available condition yet';
		return {result: failed(description, `APIService ${tapApiService} is not available: ${why}`, inspect), vizNamespace};
	} catch (error) {
		return {result: failed(description, messageOf(error), inspect)};
	}
}

export interface RbacCheckInput {
	namespace: string;
	/** The impersonated user, if any: the one the hint should bind. */
	as?: string;
	vizNamespace?: string;
}

export async function tapRbacCheck(cluster: Cluster, input: RbacCheckInput, timeoutMs: number): Promise<CheckResult> {
	const who = input.as ? `user ${input.as}` : 'you';
	const description = `${who} may tap deployments in namespace ${input.namespace}`;
	const canI = `kubectl auth can-i watch deployments.tap.linkerd.io -n ${input.namespace}${input.as ? ` --as ${input.as}` : ''}`;
	try {
		const review = await reviewAccess(cluster, {group: tapGroup, resource: 'deployments', subresource: 'tap', verb: 'watch', namespace: input.namespace}, timeoutMs);
		if (review.allowed === undefined) {
			return warned(description, `could not ask the API server (SelfSubjectAccessReview: ${statusMessage(review.response)})`, canI);
		}
		if (review.allowed) return passed(description);
		const why = [review.reason, review.evaluationError].filter(Boolean).join('; ');
		const role = `linkerd-${input.vizNamespace ?? 'linkerd-viz'}-tap-admin`;
		const user = input.as ?? 'YOUR-USER';
		return failed(
			description,
			`RBAC does not allow watch on deployments/tap in ${tapGroup} in namespace ${input.namespace}${why ? `: ${why}` : ''}`,
			`an admin can grant it: kubectl create clusterrolebinding ${user.replace(/[^a-z0-9.-]/gi, '-').toLowerCase()}-tap-admin --clusterrole ${role} --user ${user}`,
		);
	} catch (error) {
		return failed(description, messageOf(error), canI);
	}
}

function metricsHint(kind: MetricsErrorKind, namespace: string): string {
	switch (kind) {
		case 'viz-not-installed':
			return 'install viz (linkerd viz install | kubectl apply -f -) or pass --viz-namespace';
		case 'no-metrics-pod':
			return `kubectl get pods -n ${namespace} -l component=metrics-api; linkerd viz check`;
		case 'forbidden':
			return `kubectl auth can-i create pods/portforward -n ${namespace}, or pass --metrics-addr`;
		case 'no-prometheus':
			return "viz's Prometheus must run (or prometheusUrl point at one); linkerd viz check";
		case 'deadline':
			return 'check the metrics-api pod and its Prometheus: linkerd viz check';
		case 'unavailable':
			return 'check the metrics-api pod (linkerd viz check), or pass --metrics-addr';
		default:
			return 'linkerd viz check';
	}
}

export interface MetricsCheckInput {
	loaded: LoadedConfig;
	vizNamespace?: string;
	metricsAddr?: string;
}

/** Discovery, port-forward and one StatSummary of the current namespace, each call with a deadline. */
export async function metricsApiCheck(input: MetricsCheckInput, timeoutMs: number): Promise<CheckResult> {
	const description = 'the viz metrics-api answers';
	let client: Awaited<ReturnType<typeof connectMetrics>> | undefined;
	const work = (async () => {
		client = await connectMetrics({kubeConfig: input.loaded.kubeConfig, vizNamespace: input.vizNamespace, metricsAddr: input.metricsAddr, deadlineMs: timeoutMs});
		const namespace = input.loaded.namespace;
		await client.statSummary({namespace, type: 'namespace', name: namespace});
		return client.via;
	})();
	// Closed whenever it settles, even after the deadline below gave up on it.
	void work.then(() => client?.close(), () => client?.close());
	try {
		const via = await withDeadline(work, timeoutMs, `the metrics-api did not answer within ${timeoutMs / 1000}s`);
		return passed(`${description} (via ${via})`);
	} catch (error) {
		const namespace = input.vizNamespace ?? 'linkerd-viz';
		const hint = error instanceof MetricsError ? metricsHint(error.kind, namespace) : error instanceof KubeError ? 'check the kubeconfig context and your network/VPN' : 'linkerd viz check';
		return failed(description, messageOf(error), hint);
	}
}

/**
 * Client-node's own list calls have no timeout; a check must end. The losing promise is left to
 * settle (its result unused); the command exits once results are printed.
 */
function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new MetricsError('deadline', message)), ms + 1000);
	});
	return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
