// The outcomes of one attempt on an edge's route, with their probabilities and latencies: the
// same branches as traffic.ts `makeRequest` (reset, success, gRPC/HTTP failure, policy denial),
// in closed form for the metrics. Retries on top (spec §5.1: route metrics count logical
// requests above the retry layer, backend metrics every attempt below it).
import type {LatencyPart} from './latency-model.js';
import type {OutboundRouteSpec} from './policy-types.js';
import {deniedEdge} from './policy.js';
import type {EdgeSpec, RouteSpec, Topology} from './topology-types.js';

export interface Outcome {
	/** Probability per attempt. */
	p: number;
	/** HTTP status; null when the stream was reset before a response. */
	status: number | null;
	/** gRPC status code on gRPC edges (null on HTTP edges and for resets). */
	grpc: number | null;
	/** The outbound `error` label: RESET, REFUSED, CANCEL or "". */
	error: string;
	latency: LatencyPart;
}

const resetErrors: Record<number, string> = {2: 'RESET', 7: 'REFUSED', 8: 'CANCEL'};
const resetCodes = [2, 7, 8];
const httpFailures = [500, 503, 502, 504];
const grpcFailures = [2, 14, 4];

export const grpcCodeNames = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
	'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL',
	'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED'];

export function okStatus(method: string, grpc: boolean): number {
	if (grpc) return 200;
	if (method === 'POST') return 201;
	if (method === 'DELETE') return 204;
	return 200;
}

export function attemptOutcomes(topology: Topology, edge: EdgeSpec, route: RouteSpec): Outcome[] {
	const grpc = edge.protocol === 'grpc';
	const spec = {weight: 1, spec: route.latency ?? edge.latency};
	if (deniedEdge(topology, edge)) return [{p: 1, status: grpc ? 200 : 403, grpc: grpc ? 7 : null, error: '', latency: {weight: 1, fixedMs: 0.7}}];
	const out: Outcome[] = resetCodes.map(code => ({p: edge.resetRate / resetCodes.length, status: null, grpc: null, error: resetErrors[code]!, latency: spec}));
	const answered = 1 - edge.resetRate;
	out.push({p: answered * route.successRate, status: okStatus(route.method, grpc), grpc: grpc ? 0 : null, error: '', latency: spec});
	const failed = answered * (1 - route.successRate);
	if (failed > 0) {
		if (grpc) {
			const codes = route.successRate === 0 ? [2] : grpcFailures;
			for (const code of codes) {
				out.push({p: failed / codes.length, status: 200, grpc: code, error: '', latency: code === 4 ? {weight: 1, fixedMs: 1002.5} : spec});
			}
		} else {
			for (const status of httpFailures) out.push({p: failed / httpFailures.length, status, grpc: null, error: '', latency: spec});
		}
	}
	return out.filter(o => o.p > 0);
}

export function retryable(outcome: Outcome, retry: OutboundRouteSpec['retry'], family: 'http' | 'grpc'): boolean {
	if (!retry) return false;
	if (family === 'http') return retry.http === '5xx' && outcome.status !== null && outcome.status >= 500;
	return outcome.grpc !== null && (retry.grpc ?? []).includes((grpcCodeNames[outcome.grpc] ?? '').toLowerCase());
}

export interface RetryMath {
	/** Attempts per logical request: Σ_{k=0..L} q^k. */
	attempts: number;
	/** Final outcomes of a logical request (same order as the attempt outcomes). */
	final: number[];
	/** Per logical request: retry attempts sent, those that succeeded, those over the limit. */
	retries: number;
	retrySuccesses: number;
	limitExceeded: number;
}

/** With retry limit L and retryable share q per attempt (independent attempts). */
export function retryMath(outcomes: readonly Outcome[], isRetryable: (o: Outcome) => boolean, limit: number): RetryMath {
	const q = outcomes.filter(isRetryable).reduce((n, o) => n + o.p, 0);
	const L = q > 0 ? limit : 0;
	let attempts = 0;
	for (let k = 0; k <= L; k++) attempts += q ** k;
	const okShare = outcomes.filter(o => o.error === '' && !isRetryable(o) && (o.status ?? 0) < 500).reduce((n, o) => n + o.p, 0);
	return {
		attempts,
		final: outcomes.map(o => (isRetryable(o) ? o.p * q ** L : o.p * attempts)),
		retries: attempts - 1,
		retrySuccesses: (attempts - 1) * okShare,
		limitExceeded: q ** (L + 1) * (L > 0 ? 1 : 0),
	};
}
