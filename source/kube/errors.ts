// Turns transport and Kubernetes API failures into one line that says what to do.

export class KubeError extends Error {
	override name = 'KubeError';
	constructor(
		message: string,
		/** HTTP status, or 0 when the server was never reached. */
		readonly status: number,
		/** False when retrying cannot help without user action (auth, RBAC, not installed). */
		readonly retryable: boolean,
	) {
		super(message);
	}
}

const tlsCodes: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate not trusted by the kubeconfig CA',
	SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain not trusted by the kubeconfig CA',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted by the kubeconfig CA',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted by the kubeconfig CA',
	CERT_HAS_EXPIRED: 'server certificate has expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'server certificate does not match the host name',
};

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * The server took a connection (or a request) and never answered. `stage` says what we were
 * waiting for (TLS handshake, listing namespaces…); `raise` offers --request-timeout.
 */
export function noAnswerError(server: string, ms: number, stage: string, raise: boolean): KubeError {
	const advice = raise ? 'check the VPN/API server address, or raise --request-timeout' : 'check the VPN/API server address';
	return new KubeError(`no answer from ${server} within ${seconds(ms)} (${stage}); ${advice}`, 0, true);
}

/** A socket-level failure (refused, DNS, TLS, reset) → "cannot reach …". */
export function connectionError(server: string, error: unknown): KubeError {
	if (error instanceof KubeError) return error;
	// fetch (client-node's requests) wraps the socket error: TypeError('fetch failed', {cause}).
	const cause = (error as {cause?: unknown})?.cause;
	const err = (cause instanceof Error ? cause : error) as NodeJS.ErrnoException;
	const code = err?.code ?? '';
	// undici's own connect + TLS handshake limit (10 s) for client-node's requests.
	if (code === 'UND_ERR_CONNECT_TIMEOUT') return noAnswerError(server, 10_000, 'TLS handshake', false);
	let reason = tlsCodes[code];
	if (!reason) {
		if (code === 'ECONNREFUSED') reason = 'connection refused';
		else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = 'host name not found (DNS)';
		else if (code === 'ETIMEDOUT') reason = 'connection timed out';
		else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') reason = 'connection reset';
		else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') reason = 'no route to host';
		else reason = (err?.message ?? String(error)).split('\n')[0]!;
	}
	return new KubeError(
		`cannot reach the Kubernetes API at ${server}: ${reason}; check the kubeconfig context and your network/VPN`,
		0,
		true,
	);
}

interface Status {
	kind?: string;
	message?: string;
	reason?: string;
	code?: number;
	error?: string;
}

function parseStatus(body: string): Status | undefined {
	try {
		const value = JSON.parse(body) as unknown;
		return value && typeof value === 'object' ? (value as Status) : undefined;
	} catch {
		return undefined;
	}
}

export interface TapTargetInfo {
	/** e.g. deployments, namespaces */
	resource: string;
	namespace: string;
	context: string;
	server: string;
}

/** A non-200 answer to the tap POST (spec §3.4). */
export function tapHttpError(status: number, body: string, target: TapTargetInfo): KubeError {
	const parsed = parseStatus(body);
	// The tap server's own errors are {"error": "..."}; show them verbatim.
	const text = (parsed?.error ?? parsed?.message ?? body.trim().split('\n')[0] ?? '').slice(0, 500);
	const ns = target.namespace ? ` -n ${target.namespace}` : '';
	switch (status) {
		case 401:
			return new KubeError(
				`the API server at ${target.server} rejected the credentials of context "${target.context}" (401 ${text || 'Unauthorized'}); log in again or refresh the token`,
				401,
				false,
			);
		case 403:
			if (parsed?.error) return new KubeError(`${parsed.error}`, 403, false);
			return new KubeError(
				`not allowed to tap: ${text || 'forbidden'}; you need "watch" on ${target.resource}.tap.linkerd.io (check: kubectl auth can-i watch ${target.resource}.tap.linkerd.io${ns}; the linkerd-linkerd-viz-tap-admin ClusterRole grants it)`,
				403,
				false,
			);
		case 404:
			return new KubeError(
				`the Linkerd viz tap API is not installed on ${target.server} (no tap.linkerd.io/v1alpha1); install it with: linkerd viz install | kubectl apply -f -`,
				404,
				false,
			);
		case 503:
			return new KubeError(
				`the Linkerd viz tap API is unavailable (${text || 'service unavailable'}); check: kubectl get apiservice v1alpha1.tap.linkerd.io and the tap pod in linkerd-viz`,
				503,
				true,
			);
		default:
			return new KubeError(`tap request failed with HTTP ${status}: ${text || 'no details'}`, status, status >= 500);
	}
}

/**
 * A Kubernetes NotFound as the tap server and metrics-api pass it on (`deployments.apps "web"
 * not found`, with a trailing newline at times) names neither the type as the user typed it
 * nor the namespace: say `deployment "web" not found in namespace "nope"`. Other text is only
 * trimmed.
 */
export function explainNotFound(message: string, target: {type: string; name: string; namespace: string}): string {
	const text = message.trim();
	const match = /^[a-z0-9.-]+ "([^"]+)" not found$/.exec(text);
	if (!match || match[1] !== target.name || !target.name) return text;
	if (target.type === 'namespace' || !target.namespace) return `${target.type} "${target.name}" not found`;
	return `${target.type} "${target.name}" not found in namespace "${target.namespace}"`;
}
