// Reads a recording file whole (recordings are megabytes; the frames are views into it).
// Errors are one line that names the file and what to do.
import {readFileSync} from 'node:fs';
import {decodeRecording, type DecodedRecording, RecordingError} from '../model/recording.js';

export function readRecordingFile(path: string): DecodedRecording {
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
		throw new Error(`cannot read the recording ${path}: ${why}`);
	}
	try {
		return decodeRecording(bytes);
	} catch (error) {
		if (error instanceof RecordingError) throw new Error(`${path}: ${error.message}`);
		throw error;
	}
}
