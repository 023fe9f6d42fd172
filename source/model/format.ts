// Shared value formatting: durations (Go style for linkerd-compatible output,
// compact for the UI), addresses, gRPC status names, rates and percentages.
import type {Duration, TcpAddress} from './event.js';
import type {RequestRecord} from './types.js';

/** Go's time.Duration.String() for a whole number of microseconds. */
function goDurationString(us: number): string {
	if (us === 0) return '0s';
	if (us < 0) return `-${goDurationString(-us)}`;
	if (us < 1000) return `${us}µs`;
	if (us < 1_000_000) return `${trimFraction(us, 1000)}ms`;
	const totalSeconds = Math.floor(us / 1_000_000);
	const secText = `${trimFraction(us % 60_000_000, 1_000_000)}s`;
	if (totalSeconds < 60) return secText;
	const minutes = Math.floor(totalSeconds / 60);
	if (minutes < 60) return `${minutes}m${secText}`;
	return `${Math.floor(minutes / 60)}h${minutes % 60}m${secText}`;
}

/** `value / unit` with the fraction Go prints: no trailing zeros, no dot when whole. */
function trimFraction(value: number, unit: number): string {
	const whole = Math.floor(value / unit);
	const rest = value % unit;
	if (rest === 0) return String(whole);
	const digits = String(unit).length - 1;
	return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Go's Duration.Round: halfway rounds away from zero. */
function roundTo(us: number, unit: number): number {
	const sign = us < 0 ? -1 : 1;
	return sign * Math.floor((Math.abs(us) + unit / 2) / unit) * unit;
}

/**
 * `linkerd viz top` style (spec §7): under 1 ms rounded to µs (`512µs`), under
 * 1 s rounded to ms (`12ms`), otherwise rounded to seconds (`3s`, `1m30s`).
 */
export function formatGoDuration(us: number): string {
	const whole = roundTo(us, 1);
	const abs = Math.abs(whole);
	if (abs < 1000) return goDurationString(whole);
	if (abs < 1_000_000) return goDurationString(roundTo(whole, 1000));
	return goDurationString(roundTo(whole, 1_000_000));
}

/** Compact latency for table cells: `850µs`, `4.2ms`, `12ms`, `1.2s`, `42s`, `2m05s`, `1h07m`. */
export function formatLatency(us: number): string {
	if (!Number.isFinite(us)) return '-';
	if (us < 0) return `-${formatLatency(-us)}`;
	const micros = Math.round(us);
	if (micros < 1000) return `${micros}µs`;
	const tenthsMs = Math.round(us / 100);
	if (tenthsMs < 100) return `${(tenthsMs / 10).toFixed(1)}ms`;
	const ms = Math.round(us / 1000);
	if (ms < 1000) return `${ms}ms`;
	const tenthsS = Math.round(us / 100_000);
	if (tenthsS < 100) return `${(tenthsS / 10).toFixed(1)}s`;
	const s = Math.round(us / 1_000_000);
	if (s < 60) return `${s}s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
	return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Whole microseconds, truncated toward zero like Go's Duration.Microseconds(); null is 0. */
export function durationToMicros(d: Duration | null): number {
	if (d === null) return 0;
	return Math.trunc(d.seconds * 1_000_000 + d.nanos / 1000);
}

/** RFC 5952 text of eight 16-bit groups: lowercase, no leading zeros, the longest run (>= 2) of zero groups as `::`. */
export function ipv6Text(h: number[]): string {
	let bestAt = -1;
	let bestLen = 1;
	for (let i = 0; i < 8; ) {
		if (h[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && h[j] === 0) j++;
		if (j - i > bestLen) {
			bestAt = i;
			bestLen = j - i;
		}
		i = j;
	}
	// IPv4-mapped addresses keep their dotted tail (RFC 5952 §5).
	if (bestAt === 0 && bestLen === 5 && h[5] === 0xffff) {
		return `::ffff:${h[6]! >>> 8}.${h[6]! & 0xff}.${h[7]! >>> 8}.${h[7]! & 0xff}`;
	}
	const hex = (from: number, to: number) => h.slice(from, to).map((x) => x.toString(16)).join(':');
	if (bestAt < 0) return hex(0, 8);
	return `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

/** Dotted text of a big-endian IPv4 value; all-zero is no address at all, as linkerd's CLI prints it (spec §2.1). */
export function ipv4Text(v: number): string {
	if (v === 0) return '';
	return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

/** `ip:port` as Go's net.JoinHostPort writes it: IPv6 in brackets, a missing address as `:0`. */
export function formatAddress(a: TcpAddress | null): string {
	const ip = a?.ip ?? '';
	const port = a?.port ?? 0;
	return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

const GRPC_CODES = [
	'OK',
	'Canceled',
	'Unknown',
	'InvalidArgument',
	'DeadlineExceeded',
	'NotFound',
	'AlreadyExists',
	'PermissionDenied',
	'ResourceExhausted',
	'FailedPrecondition',
	'Aborted',
	'OutOfRange',
	'Unimplemented',
	'Internal',
	'Unavailable',
	'DataLoss',
	'Unauthenticated',
];

/** Go's codes.Code(n).String(). */
export function grpcStatusName(code: number): string {
	return GRPC_CODES[code] ?? `Code(${code})`;
}

/** Requests per second as linkerd stat prints it (`12.3rps`), with `k` past a thousand. */
export function formatRate(perSec: number): string {
	if (!Number.isFinite(perSec) || perSec < 0) return '-';
	const tenths = Math.round(perSec * 10) / 10;
	if (tenths < 1000) return `${tenths.toFixed(1)}rps`;
	return `${(perSec / 1000).toFixed(1)}krps`;
}

/** A 0..1 ratio as `99.50%` (two decimals, like linkerd top); `-` when undefined. */
export function formatPercent(ratio: number): string {
	if (!Number.isFinite(ratio)) return '-';
	return `${(ratio * 100).toFixed(2)}%`;
}

/** The raw outcome a request shows as text: "200", "grpc 14", "reset 2" (the filter's free text reads it). */
export function statusText(rec: RequestRecord): string {
	let text = rec.httpStatus === null ? '' : String(rec.httpStatus);
	const eos = rec.eos;
	if (eos !== null) text += (eos.kind === 'grpc' ? ' grpc ' : ' reset ') + eos.code;
	return text;
}

/** Bytes as base64 (binary header values), without Node's Buffer so model/ stays runtime-neutral. */
export function base64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
	return btoa(binary);
}

/** A file size as people read it: 812 B, 14.2 KB, 1.2 MB (powers of 1024, as ls -h). */
export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = n / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
