// The fields a comparison can name, how each reads a request and parses its value.
import type {Header, Labels} from '../event.js';
import {policyObject, policyObjectText, type PolicyPart} from '../policy.js';
import {resourceLabel} from '../resource.js';
import {isSecretHeader} from '../secrets.js';
import type {RequestRecord} from '../types.js';
import {fail, type Word} from './ast.js';
import {headerText, tlsShort} from './row-text.js';
import {closest} from './suggest.js';
import {parseBytes, parseCount, parseDuration, parseGrpcCode, parseResetCode, parseStatus, type NumberValue} from './values.js';

/**
 * Calls `fn` on each value the request has for a field: null when it has none
 * (the field is missing), else whether `fn` accepted one of them.
 */
export type Each = (rec: RequestRecord, showSecrets: boolean, fn: (value: string) => boolean) => boolean | null;

export type FieldDef =
	| {type: 'number'; get: (rec: RequestRecord) => number | null; parse: (value: Word) => NumberValue}
	/** `fold`: = compares case-insensitively. */
	| {type: 'text'; each: Each; fold: boolean}
	| {type: 'endpoint'; side: 'src' | 'dst'}
	| {type: 'dir'};

export interface Field {
	/** The canonical name: status, header.user-agent, src.label.zone. */
	name: string;
	def: FieldDef;
}

function text(get: (rec: RequestRecord) => string, fold: boolean): FieldDef {
	return {type: 'text', each: (rec, _secrets, fn) => fn(get(rec)), fold};
}

function label(side: (rec: RequestRecord) => Labels, name: string): FieldDef {
	return {
		type: 'text',
		fold: false,
		each: (rec, _secrets, fn) => {
			const labels = side(rec);
			// Own properties only: a label named "constructor" must not find Object's.
			return labels !== null && Object.hasOwn(labels, name) ? fn(labels[name]!) : null;
		},
	};
}

/**
 * server, route, authz: the policy objects of an inbound request (route-metrics spec §8.1), by
 * name or KIND/NAME (authz=default/probe). route also reads the ServiceProfile route tap reports
 * (route_meta "route"), `[DEFAULT]` without one, as `linkerd viz tap --routes` shows it.
 */
function policy(part: PolicyPart): FieldDef {
	return {
		type: 'text',
		fold: true,
		each: (rec, _secrets, fn) => {
			// Only inbound events carry them (spec §8.1); an outbound one's destination labels are the endpoint's.
			const o = rec.direction === 'INBOUND' ? policyObject(rec, part) : null;
			const profileRoute = part !== 'route' ? undefined : rec.routeLabels && Object.hasOwn(rec.routeLabels, 'route') ? rec.routeLabels['route']! : '[DEFAULT]';
			if (o === null && profileRoute === undefined) return null;
			// Each spelling meshtop shows: NAME, KIND/NAME (detail), ap/ saz/ srv/ (policy view),
			// default:NAME (a default server, as linkerd viz authz writes it).
			const named = o !== null && (fn(o.name) || fn(`${o.kind}/${o.name}`) || fn(resourceLabel({namespace: '', type: o.kind.toLowerCase(), name: o.name})) || fn(policyObjectText(o, part)));
			return named || (profileRoute !== undefined && fn(profileRoute));
		},
	};
}

const srcLabels = (rec: RequestRecord) => rec.sourceLabels;
const dstLabels = (rec: RequestRecord) => rec.destinationLabels;

const FIELDS = new Map<string, FieldDef>(Object.entries({
	status: {type: 'number', get: rec => rec.httpStatus, parse: parseStatus},
	grpc: {type: 'number', get: rec => (rec.eos?.kind === 'grpc' ? rec.eos.code : null), parse: parseGrpcCode},
	reset: {type: 'number', get: rec => (rec.eos?.kind === 'reset' ? rec.eos.code : null), parse: parseResetCode},
	latency: {type: 'number', get: rec => rec.totalUs ?? rec.latencyUs, parse: w => parseDuration(w, 'latency')},
	ttfb: {type: 'number', get: rec => rec.latencyUs, parse: w => parseDuration(w, 'ttfb')},
	bytes: {type: 'number', get: rec => rec.responseBytes, parse: parseBytes},
	port: {type: 'number', get: rec => rec.destination?.port ?? null, parse: w => parseCount(w, 'port')},
	method: text(rec => rec.method, true),
	scheme: text(rec => rec.scheme, true),
	authority: text(rec => rec.authority, true),
	path: text(rec => rec.path, false),
	src: {type: 'endpoint', side: 'src'},
	dst: {type: 'endpoint', side: 'dst'},
	dir: {type: 'dir'},
	tls: {type: 'text', fold: true, each: (rec, _secrets, fn) => fn(rec.tls) || fn(tlsShort(rec.tls))},
	ns: {
		type: 'text',
		fold: false,
		each: (rec, _secrets, fn) => {
			const src = rec.sourceLabels?.['namespace'];
			const dst = rec.destinationLabels?.['namespace'];
			if (src === undefined && dst === undefined) return null;
			return (src !== undefined && fn(src)) || (dst !== undefined && fn(dst));
		},
	},
	'src.ns': label(srcLabels, 'namespace'),
	'dst.ns': label(dstLabels, 'namespace'),
	server: policy('srv'),
	route: policy('route'),
	authz: policy('authz'),
} satisfies Record<string, FieldDef>));

const ALIASES = new Map<string, string>(Object.entries({
	source: 'src',
	destination: 'dst',
	dest: 'dst',
	namespace: 'ns',
	'src.namespace': 'src.ns',
	'dst.namespace': 'dst.ns',
	direction: 'dir',
	host: 'authority',
	duration: 'latency',
	srv: 'server',
	authorization: 'authz',
}));

/** Names of the fields, for help and completion; `header.NAME` and friends take any NAME. */
export const fieldNames: readonly string[] = [...FIELDS.keys(), 'header.NAME', 'src.label.NAME', 'dst.label.NAME'];

function scan(headers: Header[] | null, name: string, secret: boolean, showSecrets: boolean, fn: (value: string) => boolean): 0 | 1 | 2 {
	if (headers === null) return 0;
	let seen: 0 | 1 = 0;
	for (const header of headers) {
		if (header.name !== name && header.name.toLowerCase() !== name) continue;
		if (fn(headerText(header, showSecrets, secret))) return 2;
		seen = 1;
	}
	return seen;
}

/** Request headers, response headers and trailers named `name` (any case); secret ones read as [masked]. */
function header(name: string): FieldDef {
	const secret = isSecretHeader(name);
	return {
		type: 'text',
		fold: false,
		each: (rec, showSecrets, fn) => {
			const a = scan(rec.requestHeaders, name, secret, showSecrets, fn);
			if (a === 2) return true;
			const b = scan(rec.responseHeaders, name, secret, showSecrets, fn);
			if (b === 2) return true;
			const c = scan(rec.trailers, name, secret, showSecrets, fn);
			if (c === 2) return true;
			return a + b + c === 0 ? null : false;
		},
	};
}

const DYNAMIC: ReadonlyArray<readonly [prefix: string, make: (name: string) => FieldDef, lower: boolean]> = [
	['header.', header, true],
	['src.label.', name => label(srcLabels, name), false],
	['dst.label.', name => label(dstLabels, name), false],
];

/** header.x, src.label.x or dst.label.x: the fields a bare word tests for presence. */
export function dynamicField(word: Word): Field | null {
	const lower = word.text.toLowerCase();
	for (const [prefix, make, lowerName] of DYNAMIC) {
		if (!lower.startsWith(prefix)) continue;
		const name = lowerName ? lower.slice(prefix.length) : word.text.slice(prefix.length);
		if (name === '') throw fail(`missing name after "${prefix}"`, word, `e.g. ${prefix}${prefix === 'header.' ? 'user-agent' : 'zone'}`);
		return {name: prefix + name, def: make(name)};
	}
	return null;
}

function suggestion(text: string): string | undefined {
	const dot = text.indexOf('.');
	if (dot > 0) {
		for (const [prefix] of DYNAMIC) {
			const segments = prefix.split('.').length - 1;
			const parts = text.split('.');
			if (parts.length <= segments) continue;
			const head = parts.slice(0, segments).join('.');
			if (closest(head, [prefix.slice(0, -1)])) return prefix + parts.slice(segments).join('.');
		}
	}
	return closest(text, [...FIELDS.keys(), ...ALIASES.keys(), 'header']);
}

/** The field a comparison names; throws a FilterError with a suggestion when there is none. */
export function resolveField(word: Word): Field {
	const lower = word.text.toLowerCase();
	const name = ALIASES.get(lower) ?? lower;
	const def = FIELDS.get(name);
	if (def !== undefined) return {name, def};
	const dynamic = dynamicField(word);
	if (dynamic !== null) return dynamic;
	const guess = suggestion(word.text);
	const hint = guess === 'header' ? 'did you mean header.NAME?' : guess ? `did you mean ${guess}?` : `fields: ${fieldNames.join(', ')}`;
	throw fail(`unknown field "${word.text}"`, word, hint);
}
