// Capped exponential backoff with jitter; pure (the random source is passed in).
export interface BackoffPolicy {
	initialMs: number;
	maxMs: number;
	factor: number;
	/** 0..1: how much of each delay is randomised down, so many clients do not retry in step. */
	jitter: number;
}

export const defaultBackoff: BackoffPolicy = {initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2};

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
	const raw = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
	return Math.round(raw * (1 - policy.jitter * random()));
}
