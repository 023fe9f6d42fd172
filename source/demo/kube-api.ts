// The demo apiserver's Kubernetes JSON API: version, discovery, list, get and watch for the
// resources meshtop reads (workloads, and the policy world's routes, Servers, authorizations
// and ServiceProfiles). Watches are chunked JSON lines kept open, as the apiserver sends them.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {DemoCluster} from './cluster.js';
import type {KubeObject} from './kube-objects.js';
import {SelectorError} from './label-selector.js';
import {notFoundMessage, sendJson, sendStatus, statusBody} from './status.js';

interface ResourceInfo {
	group: string;
	version: string;
	name: string;
	kind: string;
	namespaced: boolean;
	shortNames?: string[];
}

const resourceTable: ResourceInfo[] = [
	{group: '', version: 'v1', name: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns']},
	{group: '', version: 'v1', name: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no']},
	{group: '', version: 'v1', name: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po']},
	{group: '', version: 'v1', name: 'services', kind: 'Service', namespaced: true, shortNames: ['svc']},
	{group: 'apps', version: 'v1', name: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy']},
	{group: 'apps', version: 'v1', name: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs']},
	{group: 'apps', version: 'v1', name: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts']},
	{group: 'apps', version: 'v1', name: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds']},
	{group: 'batch', version: 'v1', name: 'jobs', kind: 'Job', namespaced: true},
	{group: 'batch', version: 'v1', name: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj']},
	// The policy world (policy-objects.ts), at the versions Linkerd 2.18+ watches (spec §7.2).
	{group: 'gateway.networking.k8s.io', version: 'v1', name: 'httproutes', kind: 'HTTPRoute', namespaced: true},
	{group: 'gateway.networking.k8s.io', version: 'v1', name: 'grpcroutes', kind: 'GRPCRoute', namespaced: true},
	{group: 'policy.linkerd.io', version: 'v1beta3', name: 'servers', kind: 'Server', namespaced: true, shortNames: ['srv']},
	{group: 'policy.linkerd.io', version: 'v1alpha1', name: 'authorizationpolicies', kind: 'AuthorizationPolicy', namespaced: true},
	{group: 'policy.linkerd.io', version: 'v1alpha1', name: 'meshtlsauthentications', kind: 'MeshTLSAuthentication', namespaced: true},
	{group: 'policy.linkerd.io', version: 'v1alpha1', name: 'networkauthentications', kind: 'NetworkAuthentication', namespaced: true},
	{group: 'linkerd.io', version: 'v1alpha2', name: 'serviceprofiles', kind: 'ServiceProfile', namespaced: true, shortNames: ['sp']},
];

/** Every API group in the table with its versions, the first preferred, as `GET /apis` lists them. */
function apiGroups(): Array<{name: string; versions: string[]}> {
	const groups = new Map<string, string[]>();
	for (const r of resourceTable) {
		if (!r.group) continue;
		const versions = groups.get(r.group) ?? [];
		if (!versions.includes(r.version)) versions.push(r.version);
		groups.set(r.group, versions);
	}
	return [...groups].map(([name, versions]) => ({name, versions}));
}

const groupVersion = (info: ResourceInfo): string => (info.group ? `${info.group}/${info.version}` : info.version);

function resourceList(group: string, version: string): unknown {
	const gv = group ? `${group}/${version}` : version;
	return {
		kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv,
		resources: resourceTable.filter(r => r.group === group && r.version === version).map(r => ({
			name: r.name, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind,
			verbs: ['get', 'list', 'watch'], ...(r.shortNames ? {shortNames: r.shortNames} : {}),
		})),
	};
}

interface Parsed {
	info: ResourceInfo;
	namespace: string | undefined;
	name: string | undefined;
}

/** /api/v1/[namespaces/NS/]RESOURCE[/NAME] and /apis/G/V/[namespaces/NS/]RESOURCE[/NAME]. */
function parseResourcePath(segments: string[]): Parsed | undefined {
	let group = '';
	let version = 'v1';
	let rest: string[];
	if (segments[0] === 'api' && segments[1] === 'v1') rest = segments.slice(2);
	else if (segments[0] === 'apis' && segments.length >= 3) {
		group = segments[1]!;
		version = segments[2]!;
		rest = segments.slice(3);
	} else return undefined;
	let namespace: string | undefined;
	if (rest[0] === 'namespaces' && rest.length >= 3) {
		namespace = rest[1];
		rest = rest.slice(2);
	}
	const info = resourceTable.find(r => r.group === group && r.version === version && r.name === rest[0]);
	if (!info || rest.length > 2 || (namespace !== undefined && !info.namespaced)) return undefined;
	return {info, namespace, name: rest[1]};
}

export interface KubeApiOptions {
	/** Extra groups for /apis discovery (tap.linkerd.io unless the viz fault hides it). */
	extraGroups(): Array<{name: string; version: string}>;
	serverAddress: () => string;
	/** Objects that do not exist for now (a demo fault): 404 on get, left out of lists and watches. */
	hidden?(resource: string, object: KubeObject): boolean;
}

export function handleKubeApi(cluster: DemoCluster, req: IncomingMessage, res: ServerResponse, url: URL, options: KubeApiOptions): void {
	const segments = url.pathname.split('/').filter(s => s !== '').map(decodeURIComponent);
	const path = '/' + segments.join('/');
	if (path === '/version') return sendJson(res, {major: '1', minor: '31', gitVersion: 'v1.31.4', gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b', gitTreeState: 'clean', buildDate: '2024-12-10T18:35:58Z', goVersion: 'go1.22.9', compiler: 'gc', platform: 'linux/amd64'});
	if (path === '/api') return sendJson(res, {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: options.serverAddress()}]});
	if (path === '/apis') {
		const groups = [...apiGroups(), ...options.extraGroups().map(g => ({name: g.name, versions: [g.version]}))].map(g => ({
			name: g.name, versions: g.versions.map(v => ({groupVersion: `${g.name}/${v}`, version: v})),
			preferredVersion: {groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0]},
		}));
		return sendJson(res, {kind: 'APIGroupList', apiVersion: 'v1', groups});
	}
	if (path === '/api/v1') return sendJson(res, resourceList('', 'v1'));
	if (segments[0] === 'apis' && segments.length === 3 && resourceTable.some(r => r.group === segments[1] && r.version === segments[2])) {
		return sendJson(res, resourceList(segments[1]!, segments[2]!));
	}
	const parsed = parseResourcePath(segments);
	if (!parsed || req.method !== 'GET') return sendStatus(res, 404, 'NotFound', notFoundMessage, {});
	const {info, namespace, name} = parsed;
	if (name !== undefined) {
		const found = cluster.store.get(info.name, info.namespaced ? namespace : undefined, name);
		const object = found && !options.hidden?.(info.name, found) ? found : undefined;
		if (!object) {
			const what = info.group ? `${info.name}.${info.group}` : info.name;
			return sendStatus(res, 404, 'NotFound', `${what} "${name}" not found`, {name, ...(info.group ? {group: info.group} : {}), kind: info.name});
		}
		return sendJson(res, object);
	}
	const query = url.searchParams;
	const selector = query.get('labelSelector') ?? undefined;
	try {
		const shown = (object: KubeObject): boolean => !options.hidden?.(info.name, object);
		if (query.get('watch') === 'true' || query.get('watch') === '1') return startWatch(cluster, req, res, parsed, selector, query, shown);
		const list = cluster.store.list(info.name, namespace, selector);
		return sendJson(res, {
			kind: `${info.kind}List`, apiVersion: groupVersion(info),
			metadata: {resourceVersion: list.resourceVersion},
			items: list.items.filter(shown).map(({kind: _kind, apiVersion: _apiVersion, ...item}) => item),
		});
	} catch (error) {
		if (error instanceof SelectorError) return sendStatus(res, 400, 'BadRequest', error.message);
		throw error;
	}
}

function startWatch(cluster: DemoCluster, req: IncomingMessage, res: ServerResponse, parsed: Parsed, selector: string | undefined, query: URLSearchParams, shown: (object: KubeObject) => boolean): void {
	const since = query.get('resourceVersion') ?? undefined;
	res.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private'});
	res.flushHeaders();
	const send = (type: string, object: KubeObject): void => {
		if (!res.writableEnded && (type === 'ERROR' || shown(object))) res.write(JSON.stringify({type, object}) + '\n');
	};
	const stop = cluster.store.watch(parsed.info.name, parsed.namespace, selector, since, send);
	if (stop === 'gone') {
		send('ERROR', JSON.parse(statusBody(410, 'Expired', `too old resource version: ${since} (${cluster.store.resourceVersion})`)));
		res.end();
		return;
	}
	const timeout = Number(query.get('timeoutSeconds') ?? '0');
	const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
	const cleanup = (): void => {
		stop();
		if (timer) clearTimeout(timer);
	};
	res.on('close', cleanup);
	req.on('close', cleanup);
}
