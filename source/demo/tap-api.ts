// The tap APIService as the kube-apiserver proxies it: discovery, and POST .../tap validated
// in the real server's order (spec §3): authorization, body decode, URL vs body, target,
// pods, match. Errors after that point are 200 + `linkerd-error` + one framed ApiError.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {VirtualClock} from './clock.js';
import type {DemoCluster} from './cluster.js';
import {decodeTapRequest, encodeApiError, type DecodedResource, type DecodedTapRequest} from './proto.js';
import {compileMatch} from './tap-match.js';
import {startTapSession} from './tap-session.js';
import {resolveTapTargets} from './tap-targets.js';
import {sendJson} from './status.js';

export const tapPrefix = '/apis/tap.linkerd.io/v1alpha1';

const tapResources = ['namespaces', 'pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs'];

export function tapDiscovery(): unknown {
	return {
		kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'tap.linkerd.io/v1alpha1',
		resources: tapResources.flatMap(name => [
			{name, singularName: '', namespaced: name !== 'namespaces', kind: 'Tap', verbs: ['watch']},
			{name: `${name}/tap`, singularName: '', namespaced: name !== 'namespaces', kind: 'Tap', verbs: ['watch']},
		]),
	};
}

/** TapReqToURL: the path the body says it is for. */
export function tapUrlFor(resource: DecodedResource | undefined): string {
	const esc = encodeURIComponent;
	if (resource?.type === 'namespace') return `${tapPrefix}/watch/namespaces/${esc(resource.name)}/tap`;
	return `${tapPrefix}/watch/namespaces/${esc(resource?.namespace ?? '')}/${esc(`${resource?.type ?? ''}s`)}/${esc(resource?.name ?? '')}/tap`;
}

/** The tap resource a path names, for authorization messages: {resource, namespace, name}. */
export function tapPathTarget(pathname: string): {resource: string; namespace: string; name: string} | undefined {
	const rest = pathname.slice(`${tapPrefix}/watch/namespaces/`.length).split('/');
	if (!pathname.startsWith(`${tapPrefix}/watch/namespaces/`) || rest[rest.length - 1] !== 'tap') return undefined;
	if (rest.length === 2) return {resource: 'namespaces', namespace: '', name: decodeURIComponent(rest[0]!)};
	if (rest.length === 4) return {resource: rest[1]!, namespace: decodeURIComponent(rest[0]!), name: decodeURIComponent(rest[2]!)};
	return undefined;
}

export function sendTapError(res: ServerResponse, message: string): void {
	const body = encodeApiError(message);
	res.writeHead(200, {'linkerd-error': 'Internal Server Error', 'Content-Type': 'application/octet-stream', 'Content-Length': body.length});
	res.end(body);
}

export function tapForbiddenBody(target: {resource: string}): string {
	return JSON.stringify({error: `tap authorization failed (not authorized to access ${target.resource}.tap.linkerd.io), visit https://linkerd.io/tap-rbac for more information`});
}

const bodyLimit = 100 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > bodyLimit) req.destroy(new Error('request body too large'));
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export async function handleTapPost(
	cluster: DemoCluster, clock: VirtualClock, req: IncomingMessage, res: ServerResponse, pathname: string,
	corrupt: () => boolean = () => false,
): Promise<void> {
	const body = await readBody(req);
	let tapReq: DecodedTapRequest;
	try {
		tapReq = decodeTapRequest(body);
	} catch (error) {
		return sendTapError(res, `Error decoding Tap Request proto: ${(error as Error).message}`);
	}
	const expected = tapUrlFor(tapReq.target?.resource);
	let actual: string;
	try {
		actual = decodeURIComponent(pathname);
	} catch {
		actual = pathname;
	}
	if (decodeURIComponent(expected) !== actual) {
		return sendTapError(res, `tap request body did not match APIServer URL: ${expected} != ${actual}`);
	}
	if (!tapReq.target) return sendTapError(res, 'TapByResource received nil target ResourceSelection');
	if (!tapReq.target.resource) return sendTapError(res, 'TapByResource received nil target Resource');
	const resolution = resolveTapTargets(cluster, tapReq.target.resource, tapReq.target.labelSelector);
	if (!resolution.ok) return sendTapError(res, resolution.message);
	const maxRps = tapReq.maxRps === 0 ? 100 : tapReq.maxRps;
	// Go: uint32(max(1, maxRps / nPods) * 1s), truncated.
	const limit = Math.floor(Math.max(1, Math.fround(maxRps / resolution.pods.length)));
	const match = compileMatch(tapReq.match);
	if (!match.ok) return sendTapError(res, match.message);
	startTapSession({cluster, clock, pods: resolution.pods, predicate: match.predicate, limit, extractHeaders: tapReq.extractHeaders, res, corrupt});
}

export function handleTapGet(res: ServerResponse, pathname: string): void {
	if (pathname === tapPrefix) return sendJson(res, tapDiscovery());
	sendJson(res, {paths: [tapPrefix, `${tapPrefix}/watch/namespaces/:namespace/tap`, `${tapPrefix}/watch/namespaces/:namespace/:resource/:name/tap`]}, 404);
}
