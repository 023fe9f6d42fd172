// Read-only facts about the API server that `meshtop check` needs: its version, the API groups it
// serves (discovery), and one APIService object with its Available condition.
import type {Cluster} from './http.js';
import {kubeJson, type JsonResponse} from './json-request.js';

export async function serverVersion(cluster: Cluster, timeoutMs: number): Promise<JsonResponse & {gitVersion?: string}> {
	const response = await kubeJson(cluster, {method: 'GET', path: '/version', timeoutMs});
	const gitVersion = (response.body as {gitVersion?: unknown} | undefined)?.gitVersion;
	return {...response, gitVersion: typeof gitVersion === 'string' ? gitVersion : undefined};
}

export interface GroupDiscovery {
	response: JsonResponse;
	/** Versions the group is served at; undefined when the group is not listed (or /apis failed). */
	versions?: string[];
}

/** GET /apis and look for one group in the APIGroupList. */
export async function discoverGroup(cluster: Cluster, group: string, timeoutMs: number): Promise<GroupDiscovery> {
	const response = await kubeJson(cluster, {method: 'GET', path: '/apis', timeoutMs});
	if (response.status !== 200) return {response};
	const groups = (response.body as {groups?: Array<{name?: string; versions?: Array<{version?: string}>}>} | undefined)?.groups ?? [];
	const found = groups.find(g => g.name === group);
	return {response, versions: found && (found.versions ?? []).map(v => v.version ?? '')};
}

export interface ApiServiceState {
	response: JsonResponse;
	/** The Available condition, when the object was read. */
	available?: {status: string; reason: string; message: string};
	/** spec.service: where the aggregated API runs (the viz namespace for tap). */
	service?: {namespace: string; name: string};
}

interface ApiServiceObject {
	spec?: {service?: {namespace?: string; name?: string}};
	status?: {conditions?: Array<{type?: string; status?: string; reason?: string; message?: string}>};
}

export async function readApiService(cluster: Cluster, name: string, timeoutMs: number): Promise<ApiServiceState> {
	const path = `/apis/apiregistration.k8s.io/v1/apiservices/${encodeURIComponent(name)}`;
	const response = await kubeJson(cluster, {method: 'GET', path, timeoutMs});
	if (response.status !== 200) return {response};
	const object = (response.body ?? {}) as ApiServiceObject;
	const condition = object.status?.conditions?.find(c => c.type === 'Available');
	const service = object.spec?.service;
	return {
		response,
		available: condition && {status: condition.status ?? 'Unknown', reason: condition.reason ?? '', message: condition.message ?? ''},
		service: service?.namespace && service.name ? {namespace: service.namespace, name: service.name} : undefined,
	};
}
