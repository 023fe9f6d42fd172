// Writes a recording (model/recording.ts) to a file as frames arrive: the header at once,
// records buffered and flushed every quarter second (and when 256 KB wait), so a crash
// loses at most that much and leaves a file that replays up to its last whole frame.
// Never replaces an existing file unless asked (`force`). Secret header values are masked
// in the bytes (tap/mask-frame.ts) unless the header says showSecrets.
import {closeSync, constants, openSync, writeSync} from 'node:fs';
import {encodeRecord, encodeRecordingHeader, type RecordingHeader} from '../model/recording.js';
import {maskFrame} from '../tap/mask-frame.js';

export interface Recorder {
	readonly path: string;
	/** Bytes written or waiting to be, header included. */
	readonly bytes: number;
	readonly frames: number;
	/** Frames dropped because they could not be walked to mask their secrets. */
	readonly dropped: number;
	/** Set once a write failed; the recorder has stopped. */
	readonly error: string | undefined;
	add(frames: readonly Uint8Array[], at: number): void;
	flush(): void;
	close(): void;
}

export interface RecorderOptions {
	/** Replace an existing file (--force). */
	force?: boolean;
	flushMs?: number;
	/** Called once when a write fails (disk full, file removed): one line. */
	onError?: (message: string) => void;
}

/** The file exists and force was not given: nothing was written. */
export class RecordingExistsError extends Error {
	override name = 'RecordingExistsError';
}

const FLUSH_BYTES = 256 * 1024;

function reason(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	return e?.code ? `${e.code}${e.message ? `: ${e.message.replace(/^\w+: /, '')}` : ''}` : String(error);
}

export function openRecorder(path: string, header: RecordingHeader, options: RecorderOptions = {}): Recorder {
	let fd: number;
	try {
		// O_EXCL: the check and the create are one step, so nothing can appear in between.
		const flags = options.force ? 'w' : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
		fd = openSync(path, flags, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			throw new RecordingExistsError(`${path} already exists; choose another file or pass --force to overwrite it`);
		}
		throw new Error(`cannot write the recording ${path}: ${reason(error)}`);
	}
	let pending: Uint8Array[] = [];
	let pendingBytes = 0;
	let bytes = 0;
	let frames = 0;
	let dropped = 0;
	let failure: string | undefined;
	let closed = false;

	const writeAll = (chunks: Uint8Array[]) => {
		if (failure !== undefined || chunks.length === 0) return;
		try {
			const data = Buffer.concat(chunks);
			let off = 0;
			while (off < data.length) off += writeSync(fd, data, off, data.length - off);
		} catch (error) {
			failure = `the recording ${path} stopped: ${reason(error)}`;
			clearInterval(timer);
			options.onError?.(failure);
		}
	};
	const flush = () => {
		const chunks = pending;
		pending = [];
		pendingBytes = 0;
		writeAll(chunks);
	};

	const head = encodeRecordingHeader(header);
	bytes += head.length;
	writeAll([head]);
	const timer = setInterval(flush, options.flushMs ?? 250);
	timer.unref();

	return {
		path,
		get bytes() {
			return bytes;
		},
		get frames() {
			return frames;
		},
		get dropped() {
			return dropped;
		},
		get error() {
			return failure;
		},
		add(list, at) {
			if (closed || failure !== undefined) return;
			for (const raw of list) {
				const frame = header.showSecrets ? raw : maskFrame(raw);
				if (frame === undefined) {
					dropped += 1;
					continue;
				}
				// encodeRecord copies: the raw frame is a view into the read buffer.
				const record = encodeRecord(frame, at, header.startedAt);
				pending.push(record);
				pendingBytes += record.length;
				bytes += record.length;
				frames += 1;
			}
			if (pendingBytes >= FLUSH_BYTES) flush();
		},
		flush,
		close() {
			if (closed) return;
			closed = true;
			clearInterval(timer);
			flush();
			try {
				closeSync(fd);
			} catch {
				// already gone: what was written stays
			}
		},
	};
}
