// How long meshtop waits for the API server, like kubectl's --request-timeout. A server that
// accepts connections and never answers (a dead VPN, a load balancer without backends) must
// not hang a command. Defaults: 10 s to connect and finish the TLS handshake (client-go's
// TLSHandshakeTimeout, and undici's connect timeout that client-node's own requests get),
// 30 s for a whole list/get: long enough for a big list over a slow VPN, short enough that
// a script learns its cluster is gone. The tap stream gets no header timeout (the tap server
// is silent until the first event); its connect and handshake do.
import {type ConfigurationOptions, type KubeConfig, Observable, type RequestContext} from '@kubernetes/client-node';
import {KubeError, noAnswerError} from './errors.js';

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface Timeouts {
	/** Connect + TLS handshake; 0 = none. */
	handshakeMs: number;
	/** A whole list/get request; 0 = none. */
	requestMs: number;
	/** True when --request-timeout set the handshake limit, so raising it can help there. */
	fromFlag: boolean;
}

const configured = new WeakMap<KubeConfig, number>();

/** Remembers --request-timeout (ms; 0 = none) for every request made with this KubeConfig. */
export function setRequestTimeout(kubeConfig: KubeConfig, ms: number | undefined): void {
	if (ms === undefined) configured.delete(kubeConfig);
	else configured.set(kubeConfig, ms);
}

export function timeoutsFor(kubeConfig: KubeConfig): Timeouts {
	const flag = configured.get(kubeConfig);
	if (flag === undefined) return {handshakeMs: DEFAULT_HANDSHAKE_TIMEOUT_MS, requestMs: DEFAULT_REQUEST_TIMEOUT_MS, fromFlag: false};
	// 0 means "wait for the answer", not "wait forever for a dead socket": the handshake keeps its 10 s.
	if (flag === 0) return {handshakeMs: DEFAULT_HANDSHAKE_TIMEOUT_MS, requestMs: 0, fromFlag: false};
	return {handshakeMs: flag, requestMs: flag, fromFlag: true};
}

/** The per-call options of client-node's generated APIs (here: one that makes the request abortable). */
export type CallOptions = ConfigurationOptions;

/**
 * Runs one client-node list/get with the request timeout: `call` passes the options to the
 * generated API. On timeout it fails with "no answer from SERVER within Ns (WHAT)".
 */
export async function withRequestTimeout<T>(
	kubeConfig: KubeConfig,
	server: string,
	what: string,
	call: (options: CallOptions) => Promise<T>,
): Promise<T> {
	const {requestMs} = timeoutsFor(kubeConfig);
	const controller = new AbortController();
	const options: CallOptions = {
		middleware: [
			{
				pre: (context: RequestContext) => {
					context.setSignal(controller.signal);
					return new Observable(Promise.resolve(context));
				},
				post: response => new Observable(Promise.resolve(response)),
			},
		],
		middlewareMergeStrategy: 'append',
	};
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<never>((_, reject) => {
		if (requestMs <= 0) return;
		timer = setTimeout(() => {
			const error = noAnswerError(server, requestMs, what, true);
			controller.abort(error);
			reject(error);
		}, requestMs);
	});
	try {
		return await Promise.race([call(options), timedOut]);
	} catch (error) {
		if (controller.signal.aborted && controller.signal.reason instanceof KubeError) throw controller.signal.reason;
		throw error;
	} finally {
		if (timer) clearTimeout(timer);
	}
}
