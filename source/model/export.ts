// `:write FILE` and `y`: what the UI asks for, and the format a file name picks. The work
// (formatting with output/, writing the file) is done by commands/export.ts and handed to
// the UI, which cannot import output/ itself. Pure types and one pure function.
import type {RequestRecord} from './types.js';
import type {TapSpec} from './tap-spec.js';

export type ExportFormat = 'har' | 'json' | 'jsonl' | 'recording';

/** Extensions `:write` knows; a recording is `.mtap` (or `.tap`). */
export const exportExtensions: Record<string, ExportFormat> = {'.har': 'har', '.json': 'json', '.jsonl': 'jsonl', '.mtap': 'recording', '.tap': 'recording'};

export function exportFormatOf(path: string): ExportFormat | undefined {
	const match = /\.[a-z]+$/i.exec(path);
	return match ? exportExtensions[match[0].toLowerCase()] : undefined;
}

export interface ExportSource {
	context: string;
	server: string;
	/** The tap the records came from; a recording's header needs it. */
	spec: TapSpec | null;
}

export interface WriteRequest {
	path: string;
	records: readonly RequestRecord[];
	/** Replace an existing file (`:write! FILE`). */
	overwrite: boolean;
	showSecrets: boolean;
	source: ExportSource;
}

export interface Exporter {
	/** The request's linkerd `-o json` objects, as `tap -o json` prints them. */
	requestJson(record: RequestRecord, showSecrets: boolean): string;
	/** Writes the file; resolves to a one-line summary, rejects with a one-line reason. */
	write(request: WriteRequest): Promise<string>;
}
