// The success rule of `linkerd viz top` (spec §7), so our success rates match
// what users already compare against.
import type {RequestRecord} from './types.js';

// Unknown, DeadlineExceeded, Internal, Unavailable, DataLoss.
const grpcFailureCodes = new Set([2, 4, 13, 14, 15]);

export function isGrpcFailureCode(code: number): boolean {
	return grpcFailureCodes.has(code);
}

/** A request that ended without response headers has status 0 and still succeeds unless reset. */
export function isSuccess(rec: Pick<RequestRecord, 'httpStatus' | 'eos'>): boolean {
	const status = rec.httpStatus ?? 0;
	if (status >= 500) return false;
	const eos = rec.eos;
	if (eos === null) return true;
	if (eos.kind === 'reset') return false;
	return !grpcFailureCodes.has(eos.code);
}
