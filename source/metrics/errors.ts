// One-line, actionable failures of the metrics path. The store shows `message` as a status
// line and keeps tapping; `kind` lets it decide whether retrying can help.
import {status, type ServiceError} from '@grpc/grpc-js';
import {sanitize} from '../model/sanitize.js';

export type MetricsErrorKind =
	| 'viz-not-installed'
	| 'no-metrics-pod'
	| 'forbidden'
	| 'no-prometheus'
	| 'deadline'
	| 'unavailable'
	/** A named resource that does not exist (Kubernetes NotFound, gRPC NOT_FOUND). */
	| 'not-found'
	| 'api';

export class MetricsError extends Error {
	override readonly name = 'MetricsError';
	constructor(
		readonly kind: MetricsErrorKind,
		message: string,
	) {
		super(message);
	}
}

const NO_PROMETHEUS = 'No prometheus instance to connect';

/** Server-provided text: one line, no terminal controls. */
export function oneLine(text: string): string {
	return sanitize(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

export function vizNotInstalled(): MetricsError {
	return new MetricsError(
		'viz-not-installed',
		'Linkerd viz is not installed (no namespace labelled linkerd.io/extension=viz); install it with `linkerd viz install | kubectl apply -f -` or pass --viz-namespace',
	);
}

export function noMetricsPod(namespace: string): MetricsError {
	return new MetricsError(
		'no-metrics-pod',
		`No Running and Ready metrics-api pod in namespace ${namespace} (selector linkerd.io/extension=viz,component=metrics-api); check \`kubectl -n ${namespace} get pods\` or \`linkerd viz check\``,
	);
}

export function portForwardForbidden(namespace: string, pod: string, httpStatus: number, bypassFlag = '--metrics-addr'): MetricsError {
	const what = httpStatus === 401 ? 'the API server rejected your credentials for' : 'you may not';
	return new MetricsError(
		'forbidden',
		`Port-forward to ${namespace}/${pod} denied (HTTP ${httpStatus}): ${what} create/get pods/portforward in ${namespace}; check with \`kubectl auth can-i create pods/portforward -n ${namespace}\` or pass ${bypassFlag}`,
	);
}

export function listForbidden(what: string, hint: string): MetricsError {
	return new MetricsError('forbidden', `Not allowed to list ${what} (HTTP 403); ${hint}`);
}

export function noPrometheus(detail: string): MetricsError {
	return new MetricsError(
		'no-prometheus',
		`metrics-api: ${oneLine(detail)}; viz has no Prometheus: reinstall viz with its Prometheus or set prometheusUrl to an external one`,
	);
}

/** grpc-js's UNAVAILABLE details carry resolver notes; keep the socket error. */
function unavailableReason(details: string): string {
	const socket = /(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)( [0-9a-f.:[\]]+)?/.exec(details);
	return socket ? socket[0].trim().replace(/\.+$/, '') : details.replace(/\s*Resolution note:\s*$/, '');
}

/** Maps a failed unary call; `via` says how we reached the server, `forward` what the port-forward last reported. */
export function fromServiceError(err: ServiceError, via: string, deadlineMs: number, forward: MetricsError | null): MetricsError {
	const details = oneLine(err.details || err.message);
	if (details.includes(NO_PROMETHEUS)) return noPrometheus(details);
	switch (err.code) {
		case status.DEADLINE_EXCEEDED:
			return new MetricsError(
				'deadline',
				`metrics-api did not answer within ${formatMs(deadlineMs)} (via ${via}); check the metrics-api pod and its Prometheus`,
			);
		case status.NOT_FOUND:
			return new MetricsError('not-found', details);
		case status.UNAVAILABLE:
			if (forward) return forward;
			return new MetricsError('unavailable', `cannot reach metrics-api via ${via}: ${unavailableReason(details)}; check the pod or --metrics-addr`);
		default:
			return new MetricsError('api', `metrics-api error (${status[err.code] ?? err.code}): ${details}`);
	}
}

/** The error branch of a response (ResourceError). */
export function fromResourceError(error: string): MetricsError {
	if (error.includes(NO_PROMETHEUS)) return noPrometheus(error);
	return new MetricsError('api', `metrics-api API response error: ${oneLine(error)}`);
}

/** The error branch of an AuthzResponse: its text alone, as `linkerd viz authz` prints it after "Authz API error: ". */
export function fromAuthzError(error: string): MetricsError {
	if (error.includes(NO_PROMETHEUS)) return new MetricsError('no-prometheus', oneLine(error));
	return new MetricsError('api', oneLine(error));
}

function formatMs(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
