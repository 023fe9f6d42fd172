// Value parsers for the numeric fields: durations, byte sizes, gRPC status and
// HTTP/2 reset code names, status classes. Each throws a FilterError at the value.
import {grpcStatusName} from '../format.js';
import {fail, type Word} from './ast.js';
import {closest} from './suggest.js';

/** A number, or an inclusive range for `status=5xx`. */
export type NumberValue = number | {lo: number; hi: number};

export function parseCount(word: Word, field: string): number {
	if (!/^\d+$/.test(word.text)) throw fail(`${field} needs a whole number, not "${word.text}"`, word);
	return Number(word.text);
}

/** 500, or 5xx as the range 500..599 (only for = and !=, which the caller checks). */
export function parseStatus(word: Word): NumberValue {
	const cls = /^([1-5])xx$/i.exec(word.text);
	if (cls) {
		const lo = Number(cls[1]) * 100;
		return {lo, hi: lo + 99};
	}
	if (!/^\d{1,3}$/.test(word.text)) throw fail(`status needs an HTTP status like 404 or 5xx, not "${word.text}"`, word);
	return Number(word.text);
}

const DURATION_UNITS = new Map(Object.entries({ns: 0.001, us: 1, 'µs': 1, 'μs': 1, ms: 1000, s: 1e6, m: 60e6, h: 3600e6}));
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

/** Microseconds of `200ms`, `1.5s`, `750us`, `2m`, `1m30s`; a bare number is milliseconds. */
export function parseDuration(word: Word, field: string): number {
	const text = word.text.toLowerCase();
	if (/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text) * 1000;
	let us = 0;
	let at = 0;
	DURATION_PART.lastIndex = 0;
	for (let m = DURATION_PART.exec(text); m !== null; m = DURATION_PART.exec(text)) {
		us += Number(m[1]) * DURATION_UNITS.get(m[2]!)!;
		at = DURATION_PART.lastIndex;
	}
	if (at === 0 || at !== text.length) {
		throw fail(`bad duration "${word.text}" for ${field}`, word, 'e.g. 200ms, 1.5s, 750us, 2m; a bare number is ms');
	}
	return us;
}

const BYTE_UNITS = new Map(Object.entries({'': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3}));

/** 512, 10kb, 1.5MiB (kB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024). */
export function parseBytes(word: Word): number {
	const m = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(word.text);
	const unit = m ? BYTE_UNITS.get(m[2]!.toLowerCase()) : undefined;
	if (!m || unit === undefined) throw fail(`bad size "${word.text}" for bytes`, word, 'e.g. 512, 10kb, 1.5MiB');
	return Number(m[1]) * unit;
}

function fold(name: string): string {
	return name.toLowerCase().replace(/[_\s-]/g, '');
}

function codeTable(names: string[], aliases: Record<string, number> = {}): Map<string, number> {
	const table = new Map<string, number>();
	names.forEach((name, code) => table.set(fold(name), code));
	for (const [alias, code] of Object.entries(aliases)) table.set(fold(alias), code);
	return table;
}

export const grpcCodeNames: string[] = Array.from({length: 17}, (_, code) => grpcStatusName(code));
const GRPC_CODES = codeTable(grpcCodeNames, {Cancelled: 1});

/** OK, unavailable, DEADLINE_EXCEEDED or a number. */
export function parseGrpcCode(word: Word): number {
	if (/^\d+$/.test(word.text)) return Number(word.text);
	const code = GRPC_CODES.get(fold(word.text));
	if (code !== undefined) return code;
	const guess = closest(word.text, grpcCodeNames);
	throw fail(`unknown gRPC code "${word.text}"`, word, guess ? `did you mean ${guess}?` : 'e.g. OK, Unknown, Unavailable or a number');
}

// RFC 9113 §7.
export const resetCodeNames = [
	'NO_ERROR',
	'PROTOCOL_ERROR',
	'INTERNAL_ERROR',
	'FLOW_CONTROL_ERROR',
	'SETTINGS_TIMEOUT',
	'STREAM_CLOSED',
	'FRAME_SIZE_ERROR',
	'REFUSED_STREAM',
	'CANCEL',
	'COMPRESSION_ERROR',
	'CONNECT_ERROR',
	'ENHANCE_YOUR_CALM',
	'INADEQUATE_SECURITY',
	'HTTP_1_1_REQUIRED',
];
const RESET_CODES = codeTable(resetCodeNames);

/** An HTTP/2 error code: CANCEL, refused_stream or a number. */
export function parseResetCode(word: Word): number {
	if (/^\d+$/.test(word.text)) return Number(word.text);
	const code = RESET_CODES.get(fold(word.text));
	if (code !== undefined) return code;
	const guess = closest(word.text, resetCodeNames);
	throw fail(`unknown HTTP/2 error code "${word.text}"`, word, guess ? `did you mean ${guess}?` : 'e.g. CANCEL, REFUSED_STREAM or a number');
}

export type Direction = 'INBOUND' | 'OUTBOUND' | 'UNKNOWN';
const DIRECTIONS = new Map<string, Direction>(Object.entries({in: 'INBOUND', inbound: 'INBOUND', out: 'OUTBOUND', outbound: 'OUTBOUND', unknown: 'UNKNOWN'} as const));

export function parseDirection(word: Word): Direction {
	const dir = DIRECTIONS.get(word.text.toLowerCase());
	if (dir === undefined) throw fail(`bad direction "${word.text}"`, word, 'use in or out');
	return dir;
}

/** A case-insensitive JS regular expression; a bad one is an error at the value. */
export function parseRegex(word: Word): RegExp {
	try {
		return new RegExp(word.text, 'i');
	} catch (error) {
		const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '') : String(error);
		throw fail(`bad regular expression "${word.text}"`, word, reason);
	}
}
