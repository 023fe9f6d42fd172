// One small Kubernetes JSON request over kubeRequest (the kubeconfig's TLS and credentials,
// impersonation included), bounded in time: checks must finish even against a silent server.
import {KubeError} from './errors.js';
import {type Cluster, kubeRequest, readBody} from './http.js';

export interface JsonResponse {
	status: number;
	/** The parsed body, or undefined when it was not JSON. */
	body: unknown;
}

/** /apis lists every group of the cluster; CRD-heavy clusters make it tens of kilobytes. */
const bodyLimit = 4 << 20;

export async function kubeJson(
	cluster: Cluster,
	request: {method: 'GET' | 'POST'; path: string; body?: unknown; timeoutMs: number},
): Promise<JsonResponse> {
	const signal = AbortSignal.timeout(request.timeoutMs);
	const payload = request.body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(request.body));
	try {
		const response = await kubeRequest(cluster, {
			method: request.method,
			path: request.path,
			body: payload,
			headers: {Accept: 'application/json', ...(payload ? {'Content-Type': 'application/json'} : {})},
			signal,
		});
		const onAbort = () => response.destroy(signal.reason as Error);
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			const text = await readBody(response, bodyLimit);
			return {status: response.statusCode ?? 0, body: parseJson(text)};
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	} catch (error) {
		if (signal.aborted) {
			throw new KubeError(`the Kubernetes API at ${cluster.server} did not answer ${request.method} ${request.path} within ${seconds(request.timeoutMs)}`, 0, true);
		}
		throw error;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The message of a Kubernetes Status body, else "HTTP <code>". */
export function statusMessage(response: JsonResponse): string {
	const message = (response.body as {message?: unknown} | undefined)?.message;
	return typeof message === 'string' && message !== '' ? `${message} (HTTP ${response.status})` : `HTTP ${response.status}`;
}
