// Route templates: /authors/720.json and /authors/9.json are one route,
// /authors/{id}.json, so the routes table aggregates what users think of as
// one endpoint instead of one row per id. Pure; memoised because paths repeat.

export const templateRule =
	'Routes group by path template: the query (?…) and fragment (#…) are dropped, then each /-separated ' +
	'segment that looks like an identifier becomes {id}: all digits (720, 9781234567897), dotted numbers ' +
	'(1.2.3, 10.0.0.1), a UUID, 8+ hex characters with a digit (a commit or object id), or a 16+ character ' +
	'token (base64, base64url or JWT alphabet) that switches between letters and digits at least 3 times. ' +
	'Dates (2024-01-31, 2024-01-31T10:00:00Z) become {date} and e-mail addresses {email}. A short file ' +
	'extension survives (/authors/{id}.json), as does a word prefix before 3+ digits (/tickets/INC-{id}). ' +
	'Everything else stays, so /api/v2 keeps v2 and gRPC paths (/pkg.Service/Method) are unchanged.';

const DIGITS = /^\d+$/;
const DOTTED_NUMBER = /^\d+(?:[.:,]\d+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T_ ]\d{2}(?::?\d{2}){0,2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const EMAIL = /^[^@/\s]+(?:@|%40)[^@/\s]+\.[a-z]{2,}$/i;
const TOKEN = /^[A-Za-z0-9_\-+=~.]{16,}$/;
const GRPC = /^\/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\/[A-Za-z_]\w*$/;
const EXTENSION = /^(.+?)(\.[A-Za-z][A-Za-z0-9]{0,4})$/;
const PREFIXED_NUMBER = /^([A-Za-z][A-Za-z0-9]*[-_])(\d{3,})$/;

/** Letter↔digit switches; a separator (- _ . + = ~) starts afresh, so oauth2-callback-v2 has 2. */
function classSwitches(text: string): number {
	let switches = 0;
	let last = 0; // 0 none, 1 letter, 2 digit
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const kind = c >= 48 && c <= 57 ? 2 : (c | 32) >= 97 && (c | 32) <= 122 ? 1 : 0;
		if (kind !== 0 && last !== 0 && kind !== last) switches++;
		last = kind;
	}
	return switches;
}

/** The placeholder for a whole segment, or null when it is a literal. */
function placeholder(segment: string): string | null {
	if (DIGITS.test(segment) || DOTTED_NUMBER.test(segment)) return '{id}';
	if (DATE.test(segment)) return '{date}';
	if (UUID.test(segment)) return '{id}';
	if (HEX.test(segment) && /\d/.test(segment)) return '{id}';
	if (EMAIL.test(segment)) return '{email}';
	if (TOKEN.test(segment) && classSwitches(segment) >= 3) return '{id}';
	return null;
}

function templateSegment(segment: string): string {
	if (segment === '') return segment;
	const whole = placeholder(segment);
	if (whole !== null) return whole;
	const ext = EXTENSION.exec(segment);
	if (ext) {
		const base = placeholder(ext[1]!);
		if (base !== null) return base + ext[2]!;
	}
	const prefixed = PREFIXED_NUMBER.exec(segment);
	if (prefixed) return prefixed[1]! + '{id}';
	return segment;
}

function compute(path: string): string {
	let end = path.length;
	const query = path.indexOf('?');
	if (query !== -1) end = query;
	const hash = path.indexOf('#');
	if (hash !== -1 && hash < end) end = hash;
	const bare = end === path.length ? path : path.slice(0, end);
	if (GRPC.test(bare)) return bare;
	return bare.split('/').map(templateSegment).join('/');
}

// A memo, not state: dropping it only costs recomputing. Templates are interned
// so maps keyed by them hash one string object per route.
const maxCached = 10_000;
const maxCachedLength = 1024;
const byPath = new Map<string, string>();
const interned = new Map<string, string>();

/** The route template of a request path (see templateRule). */
export function routeTemplate(path: string): string {
	const cached = byPath.get(path);
	if (cached !== undefined) return cached;
	const fresh = compute(path);
	// Very long paths are computed each time rather than pinning kilobytes in the memo.
	if (path.length > maxCachedLength) return fresh;
	let template = interned.get(fresh);
	if (template === undefined) {
		if (interned.size >= maxCached) interned.clear();
		template = fresh;
		interned.set(fresh, fresh);
	}
	if (byPath.size >= maxCached) byPath.clear();
	byPath.set(path, template);
	return template;
}
