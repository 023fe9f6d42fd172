// Numbers printed the way Go's fmt prints them, so meshtop's stat-outbound/stat-inbound tables
// match `linkerd viz` byte for byte. Pure.

/** Go's float32 arithmetic: every step of `float32(a) / float32(b) * 100` rounds to float32. */
export const f32 = Math.fround;

/**
 * Go's `%.Nf`: the exact binary value rounded to N decimals, ties to even (strconv's decimal
 * rounding), where JavaScript's toFixed rounds ties up: Go prints 12.5 with `%.0f` as "12".
 * NaN prints "NaN", infinities "+Inf" and "-Inf", as Go does.
 */
export function goFixed(value: number, digits: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return '+Inf';
	if (value === -Infinity) return '-Inf';
	const rounded = value.toFixed(digits);
	if (Math.abs(value) >= 1e21) return rounded;
	// toFixed(100) is the exact decimal expansion for any value whose last bit is ≥ 1e-100.
	const exact = Math.abs(value).toFixed(100);
	const point = exact.indexOf('.');
	const rest = exact.slice(point + 1 + digits);
	if (!/^50*$/.test(rest)) return rounded;
	// An exact tie: toFixed rounded away from zero; Go keeps the even neighbour.
	const kept = exact.slice(0, point + 1 + digits).replace(/\.$/, '');
	const lastDigit = Number(kept[kept.length - 1]);
	const sign = value < 0 ? '-' : '';
	return lastDigit % 2 === 0 ? sign + kept : rounded;
}

