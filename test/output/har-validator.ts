// A structural check of a HAR 1.2 document (http://www.softwareishard.com/blog/har-12-spec/):
// the required keys of each object and their types. Returns the problems found, [] when valid.
type Kind = 'string' | 'number' | 'object' | 'array';

const required: Record<string, Record<string, Kind>> = {
	log: {version: 'string', creator: 'object', entries: 'array'},
	creator: {name: 'string', version: 'string'},
	entry: {startedDateTime: 'string', time: 'number', request: 'object', response: 'object', cache: 'object', timings: 'object'},
	request: {method: 'string', url: 'string', httpVersion: 'string', cookies: 'array', headers: 'array', queryString: 'array', headersSize: 'number', bodySize: 'number'},
	response: {status: 'number', statusText: 'string', httpVersion: 'string', cookies: 'array', headers: 'array', content: 'object', redirectURL: 'string', headersSize: 'number', bodySize: 'number'},
	content: {size: 'number', mimeType: 'string'},
	timings: {send: 'number', wait: 'number', receive: 'number'},
	nameValue: {name: 'string', value: 'string'},
};

const optionalTimings = ['blocked', 'dns', 'connect', 'ssl'];

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value;
}

function check(value: unknown, shape: keyof typeof required, where: string, problems: string[]): value is Record<string, unknown> {
	if (kindOf(value) !== 'object') {
		problems.push(`${where}: not an object`);
		return false;
	}
	for (const [key, kind] of Object.entries(required[shape]!)) {
		const actual = kindOf((value as Record<string, unknown>)[key]);
		if (actual !== kind) problems.push(`${where}.${key}: ${actual === 'undefined' ? 'missing' : `a ${actual}`}, want a ${kind}`);
	}
	for (const key of Object.keys(value as object)) {
		// The spec's only extension point: custom fields start with an underscore.
		const known = key in required[shape]! || key === 'comment' || key.startsWith('_');
		if (!known && !extraKeys[shape]?.includes(key)) problems.push(`${where}.${key}: not a HAR 1.2 field (custom fields start with _)`);
	}
	return true;
}

const extraKeys: Partial<Record<keyof typeof required, string[]>> = {
	log: ['browser', 'pages'],
	entry: ['pageref', 'serverIPAddress', 'connection'],
	request: ['postData'],
	content: ['compression', 'text', 'encoding'],
	timings: optionalTimings,
};

export function harProblems(doc: unknown): string[] {
	const problems: string[] = [];
	if (kindOf(doc) !== 'object' || kindOf((doc as {log?: unknown}).log) !== 'object') return ['no log object'];
	const log = (doc as {log: unknown}).log;
	if (!check(log, 'log', 'log', problems)) return problems;
	if (log.version !== '1.2') problems.push(`log.version: ${String(log.version)}, want 1.2`);
	check(log.creator, 'creator', 'log.creator', problems);
	const entries = Array.isArray(log.entries) ? log.entries : [];
	entries.forEach((entry: unknown, i) => {
		const at = `log.entries[${i}]`;
		if (!check(entry, 'entry', at, problems)) return;
		if (Number.isNaN(Date.parse(entry.startedDateTime as string))) problems.push(`${at}.startedDateTime: not ISO 8601`);
		if (check(entry.request, 'request', `${at}.request`, problems)) {
			const request = entry.request;
			for (const list of ['headers', 'queryString', 'cookies'] as const) {
				(Array.isArray(request[list]) ? (request[list] as unknown[]) : []).forEach((nv, j) => check(nv, 'nameValue', `${at}.request.${list}[${j}]`, problems));
			}
		}
		if (check(entry.response, 'response', `${at}.response`, problems)) {
			const response = entry.response;
			check(response.content, 'content', `${at}.response.content`, problems);
			for (const list of ['headers', 'cookies'] as const) {
				(Array.isArray(response[list]) ? (response[list] as unknown[]) : []).forEach((nv, j) => check(nv, 'nameValue', `${at}.response.${list}[${j}]`, problems));
			}
		}
		if (check(entry.timings, 'timings', `${at}.timings`, problems)) {
			const timings = entry.timings as Record<string, number>;
			// time is the sum of the timings that are not -1 (the spec's rule).
			const sum = Object.values(timings).filter(t => t !== -1).reduce((a, b) => a + b, 0);
			if (Math.abs(sum - (entry.time as number)) > 0.002) problems.push(`${at}.time: ${String(entry.time)}, the timings sum to ${sum}`);
			for (const [key, t] of Object.entries(timings)) if (t < 0 && !(t === -1 && optionalTimings.includes(key))) problems.push(`${at}.timings.${key}: ${t}`);
		}
	});
	return problems;
}
