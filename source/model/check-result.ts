// One line of a health check, in the terms of `linkerd check -o json`: a description, a result,
// and, only when the check did not pass, what went wrong (error) and what to do (hint).

export type CheckStatus = 'success' | 'warning' | 'error';

export interface CheckResult {
	description: string;
	result: CheckStatus;
	/** What to do about it; only on warning or error. */
	hint?: string;
	/** What went wrong; only on warning or error. */
	error?: string;
}

export function passed(description: string): CheckResult {
	return {description, result: 'success'};
}

export function failed(description: string, error: string, hint: string): CheckResult {
	return {description, result: 'error', hint, error};
}

export function warned(description: string, error: string, hint: string): CheckResult {
	return {description, result: 'warning', hint, error};
}

/** As linkerd counts it: warnings do not fail a run, errors do. */
export function allPassed(results: readonly CheckResult[]): boolean {
	return results.every(r => r.result !== 'error');
}
