// The recording file (docs/recording.md): an 8-byte magic with the format version, a
// length-prefixed JSON header, then one record per TapEvent frame as the tap API sent it:
// u32 LE payload length, u32 LE milliseconds since the header's startedAt, the payload.
// Pure: bytes in, bytes out. A file cut mid-record decodes up to its last whole record.
import type {TapSpec} from './tap-spec.js';

export const RECORDING_VERSION = 1;
/** "MESHTAP" then the version byte: `file` and `head -c7` tell what it is. */
export const RECORDING_MAGIC = new Uint8Array([0x4d, 0x45, 0x53, 0x48, 0x54, 0x41, 0x50, RECORDING_VERSION]);
/** Larger than any frame the tap client accepts (16 MiB): a bigger length means the file is damaged. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const MAX_HEADER_BYTES = 1024 * 1024;
export const RECORD_OVERHEAD = 8;

export interface RecordingHeader {
	/** The format version (also the magic's last byte). */
	format: number;
	/** meshtop's version that wrote it. */
	meshtop: string;
	context: string;
	server: string;
	/** The tap request: target, server-side filters, max-rps, whether headers were asked for. */
	spec: TapSpec;
	/** Epoch ms of the recording's start; each record's time is relative to it. */
	startedAt: number;
	/** false: secret header values were rewritten to [masked] before they were written. */
	showSecrets: boolean;
}

export interface RecordedFrame {
	/** Epoch ms the frame arrived. */
	at: number;
	/** The TapEvent bytes as received (secret header values masked unless showSecrets). */
	bytes: Uint8Array;
}

export interface DecodedRecording {
	header: RecordingHeader;
	frames: RecordedFrame[];
	/** Bytes after the last whole record (a write cut short); 0 for a whole file. */
	trailingBytes: number;
	/** Why decoding stopped early other than a cut (a damaged length); undefined when it did not. */
	damage?: string;
}

export class RecordingError extends Error {
	override name = 'RecordingError';
}

function u32(bytes: Uint8Array, at: number): number {
	return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
}

function putU32(out: Uint8Array, at: number, n: number): void {
	out[at] = n & 0xff;
	out[at + 1] = (n >>> 8) & 0xff;
	out[at + 2] = (n >>> 16) & 0xff;
	out[at + 3] = (n >>> 24) & 0xff;
}

/** The magic, header length and header JSON: the first bytes of every recording. */
export function encodeRecordingHeader(header: RecordingHeader): Uint8Array {
	const json = new TextEncoder().encode(JSON.stringify(header));
	const out = new Uint8Array(RECORDING_MAGIC.length + 4 + json.length);
	out.set(RECORDING_MAGIC, 0);
	putU32(out, RECORDING_MAGIC.length, json.length);
	out.set(json, RECORDING_MAGIC.length + 4);
	return out;
}

/** One record: the frame's length, its arrival relative to startedAt, its bytes. */
export function encodeRecord(payload: Uint8Array, at: number, startedAt: number): Uint8Array {
	const out = new Uint8Array(RECORD_OVERHEAD + payload.length);
	putU32(out, 0, payload.length);
	// A clock stepped back before the start reads as the start; 2^32 ms is 49 days.
	putU32(out, 4, Math.min(0xffffffff, Math.max(0, Math.round(at - startedAt))));
	out.set(payload, RECORD_OVERHEAD);
	return out;
}

/** True when the bytes begin like a recording of any version. */
export function looksLikeRecording(bytes: Uint8Array): boolean {
	return bytes.length >= 7 && RECORDING_MAGIC.subarray(0, 7).every((b, i) => bytes[i] === b);
}

function readHeader(bytes: Uint8Array): {header: RecordingHeader; end: number} {
	if (!looksLikeRecording(bytes)) throw new RecordingError('not a meshtop recording (it does not begin with MESHTAP)');
	if (bytes.length < RECORDING_MAGIC.length) throw new RecordingError('the recording is cut inside its header');
	const version = bytes[7]!;
	if (version !== RECORDING_VERSION) {
		throw new RecordingError(`recording format ${version} is not one this meshtop reads (it reads ${RECORDING_VERSION}); use a newer meshtop`);
	}
	if (bytes.length < RECORDING_MAGIC.length + 4) throw new RecordingError('the recording is cut inside its header');
	const length = u32(bytes, RECORDING_MAGIC.length);
	if (length > MAX_HEADER_BYTES) throw new RecordingError(`the recording's header claims ${length} bytes: the file is damaged`);
	const start = RECORDING_MAGIC.length + 4;
	if (bytes.length < start + length) throw new RecordingError('the recording is cut inside its header');
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(start, start + length)));
	} catch {
		throw new RecordingError("the recording's header is not valid JSON: the file is damaged");
	}
	return {header: checkHeader(parsed), end: start + length};
}

function checkHeader(value: unknown): RecordingHeader {
	const h = value as Partial<RecordingHeader> | null;
	const ok =
		h !== null &&
		typeof h === 'object' &&
		typeof h.format === 'number' &&
		typeof h.startedAt === 'number' &&
		Number.isFinite(h.startedAt) &&
		typeof h.context === 'string' &&
		typeof h.server === 'string' &&
		typeof h.meshtop === 'string' &&
		typeof h.showSecrets === 'boolean' &&
		typeof h.spec === 'object' &&
		h.spec !== null &&
		typeof h.spec.target === 'object' &&
		h.spec.target !== null &&
		typeof h.spec.target.type === 'string' &&
		typeof h.spec.target.name === 'string';
	if (!ok) throw new RecordingError("the recording's header lacks fields meshtop needs: the file is damaged");
	return h as RecordingHeader;
}

/**
 * The header and every whole record. A cut inside a record (a crash mid-write) is not an
 * error: `trailingBytes` says how much was left over. A header that cannot be read is.
 */
export function decodeRecording(bytes: Uint8Array): DecodedRecording {
	const {header, end} = readHeader(bytes);
	const frames: RecordedFrame[] = [];
	let pos = end;
	let damage: string | undefined;
	while (bytes.length - pos >= RECORD_OVERHEAD) {
		const length = u32(bytes, pos);
		if (length > MAX_RECORD_BYTES) {
			damage = `a record at byte ${pos} claims ${length} bytes`;
			break;
		}
		if (bytes.length - pos - RECORD_OVERHEAD < length) break;
		const at = header.startedAt + u32(bytes, pos + 4);
		frames.push({at, bytes: bytes.subarray(pos + RECORD_OVERHEAD, pos + RECORD_OVERHEAD + length)});
		pos += RECORD_OVERHEAD + length;
	}
	return {header, frames, trailingBytes: damage ? 0 : bytes.length - pos, damage};
}

/** The one stderr line for a recording that ended early, or undefined for a whole one. */
export function describeCut(recording: DecodedRecording): string | undefined {
	const n = recording.frames.length;
	const kept = `${n} whole ${n === 1 ? 'frame' : 'frames'}`;
	if (recording.damage) return `the recording is damaged (${recording.damage}); replaying the ${kept} before it`;
	if (recording.trailingBytes > 0) {
		return `the recording was cut mid-write (${recording.trailingBytes} bytes of a last frame are missing their end); replaying its ${kept}`;
	}
	return undefined;
}

/** Splits frames into runs that arrived at the same millisecond: one tap read each, as live. */
export function batchesOf(frames: readonly RecordedFrame[]): RecordedFrame[][] {
	const out: RecordedFrame[][] = [];
	for (const frame of frames) {
		const last = out.at(-1);
		if (last && last[0]!.at === frame.at) last.push(frame);
		else out.push([frame]);
	}
	return out;
}
