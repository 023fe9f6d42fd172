// Go's fmt `%.Nf`, for tables that must match linkerd's byte for byte. JS toFixed and Go agree
// except on exact ties (0.25 → "0.3" in JS, "0.2" in Go): Go rounds the exact binary value
// half to even, toFixed half up. Pure.

/** `%.<digits>f` of x as Go prints it (digits 0–20). */
export function goFixed(x: number, digits: number): string {
	if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
	const magnitude = Math.abs(x);
	// The exact decimal expansion of the double (exact for |x| ≥ 2^-47, far below any rate we print).
	const exact = magnitude.toFixed(100);
	const dot = exact.indexOf('.');
	const tail = exact.slice(dot + 1 + digits);
	const kept = digits === 0 ? exact.slice(0, dot) : exact.slice(0, dot + 1 + digits);
	const sign = x < 0 || Object.is(x, -0) ? '-' : '';
	if (/^50*$/.test(tail) && Number(kept.at(-1)) % 2 === 0) return sign + kept;
	return sign + magnitude.toFixed(digits);
}

/** Go's float32 arithmetic: every step of `float32(a) / float32(b) * 100` rounds to float32. */
export const f32 = Math.fround;
