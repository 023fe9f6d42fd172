// One-line failures of the Prometheus path. A query Prometheus refused keeps client_golang's
// text after "failed to query Prometheus:", as `linkerd viz stat-outbound` prints it.
import {sanitize} from '../model/sanitize.js';

export type PromErrorKind = 'query' | 'timeout' | 'unreachable' | 'usage';

export class PromError extends Error {
	override readonly name = 'PromError';
	constructor(
		readonly kind: PromErrorKind,
		message: string,
	) {
		super(message);
	}
}

export function oneLine(text: string): string {
	return sanitize(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

export function formatMs(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
