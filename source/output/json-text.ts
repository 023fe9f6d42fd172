// Serialises a JSON value the way Go's encoding/json (MarshalIndent) lays it
// out, so `meshtop tap -o json` matches `linkerd viz tap -o json` byte for
// byte: keys in the order given, `{}` / `[]` when empty, and Go's escapes for
// `<`, `>`, `&`, U+2028 and U+2029. Beyond Go, DEL, C1 controls and the
// invisible or bidi format characters are escaped too, so raw output cannot
// drive or disguise a terminal; the parsed value is unchanged.

export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue};

const NEEDS_ESCAPE =
	/["\\\u0000-\u001f<>&\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|\p{Cs}/gu;

const SHORT: Record<string, string> = {
	'"': '\\"',
	'\\': '\\\\',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\b': '\\b',
	'\f': '\\f',
};

function escapeUnits(ch: string): string {
	const short = SHORT[ch];
	if (short) return short;
	let out = '';
	// Astral characters (Unicode tags) become their two surrogate escapes.
	for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
	return out;
}

// Printable ASCII other than `"`, `\\`, `<`, `>` and `&` never needs escaping: the
// common case (label values, paths, ids) skips the Unicode-aware replace.
const PLAIN = /^[\u0020\u0021\u0023-\u0025\u0027-\u003b\u003d\u003f-\u005b\u005d-\u007e]*$/;

export function jsonString(s: string): string {
	if (PLAIN.test(s)) return '"' + s + '"';
	return `"${s.replace(NEEDS_ESCAPE, escapeUnits)}"`;
}

// The compact text of frozen objects, made once: the same label maps are printed
// in event after event. Only frozen values qualify, as only they cannot change.
const compactText = new WeakMap<object, string>();

/** `indent` '' gives the compact one-line form (jsonl). */
export function toJson(value: JsonValue, indent: string, prefix = ''): string {
	if (value === null) return 'null';
	if (typeof value === 'string') return jsonString(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (indent === '') {
		const frozen = Object.isFrozen(value);
		if (frozen) {
			const cached = compactText.get(value);
			if (cached !== undefined) return cached;
		}
		const text = compact(value);
		if (frozen) compactText.set(value, text);
		return text;
	}
	const inner = prefix + indent;
	const nl = '\n';
	const colon = ': ';
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const items = value.map((v) => inner + toJson(v, indent, inner));
		return `[${nl}${items.join(`,${nl}`)}${nl}${prefix}]`;
	}
	const keys = Object.keys(value);
	if (keys.length === 0) return '{}';
	const items = keys.map((k) => `${inner}${jsonString(k)}${colon}${toJson(value[k]!, indent, inner)}`);
	return `{${nl}${items.join(`,${nl}`)}${nl}${prefix}}`;
}

function compact(value: JsonValue[] | {[key: string]: JsonValue}): string {
	let out: string;
	if (Array.isArray(value)) {
		out = '[';
		for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + toJson(value[i]!, '');
		return out + ']';
	}
	out = '{';
	let first = true;
	for (const k in value) {
		if (!Object.hasOwn(value, k)) continue;
		out += (first ? '' : ',') + jsonString(k) + ':' + toJson(value[k]!, '');
		first = false;
	}
	return out + '}';
}
