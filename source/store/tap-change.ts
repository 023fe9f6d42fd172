// The words of a stream marker when the tap restarts with other server-side filters:
// "tap restarted: +method=GET, -to=deploy/web".
import {resourceLabel, type Resource} from '../model/resource.js';
import type {TapSpec} from '../model/tap-spec.js';
import {type ServerFilterKey, serverFilterKeys} from './state.js';

type ServerSide = Omit<TapSpec, 'target'>;

function text(key: ServerFilterKey, value: unknown): string {
	if (key === 'to') return `to=${resourceLabel(value as Resource)}`;
	if (key === 'labelSelector') return `-l ${String(value)}`;
	if (key === 'maxRps') return `max-rps=${String(value)}`;
	return `${key}=${String(value)}`;
}

export function describeServerChange(before: ServerSide, after: ServerSide): string | undefined {
	const changes: string[] = [];
	for (const key of serverFilterKeys) {
		const a = before[key];
		const b = after[key];
		if (JSON.stringify(a) === JSON.stringify(b)) continue;
		if (b === undefined || b === '') changes.push(`-${text(key, a)}`);
		else changes.push(`+${text(key, b)}`);
	}
	return changes.length > 0 ? `tap restarted: ${changes.join(', ')}` : undefined;
}
