// The tokens of the PromQL subset the demo's Prometheus stand-in reads (promql-parse.ts):
// identifiers, quoted strings with Go escapes, numbers, label-match operators and punctuation.
// Positions are 1-based columns, as Prometheus prints them in "1:COL: parse error: …".

export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'punct' | 'eof';

export interface Token {
	kind: TokenKind;
	/** The source text (for strings: the unquoted value). */
	text: string;
	/** 0-based offset of the first character. */
	pos: number;
}

export class PromParseError extends Error {
	constructor(readonly pos: number, message: string) {
		super(message);
	}
}

const identStart = /[A-Za-z_:]/;
const identPart = /[A-Za-z0-9_:]/;
const numberAt = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const simpleEscapes: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\'};

/** Splits `input` into tokens, ending with one `eof`. Durations are read by the parser itself. */
export function lex(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const c = input[i]!;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (identStart.test(c)) {
			let j = i + 1;
			while (j < input.length && identPart.test(input[j]!)) j++;
			tokens.push({kind: 'ident', text: input.slice(i, j), pos: i});
			i = j;
			continue;
		}
		const number = numberAt.exec(input.slice(i));
		if (number) {
			tokens.push({kind: 'number', text: number[0], pos: i});
			i += number[0].length;
			continue;
		}
		if (c === '"' || c === "'" || c === '`') {
			const [value, end] = readString(input, i);
			tokens.push({kind: 'string', text: value, pos: i});
			i = end;
			continue;
		}
		const two = input.slice(i, i + 2);
		if (two === '!=' || two === '=~' || two === '!~' || two === '==') {
			tokens.push({kind: 'op', text: two, pos: i});
			i += 2;
			continue;
		}
		if ('=(){}[],'.includes(c)) {
			tokens.push({kind: c === '=' ? 'op' : 'punct', text: c, pos: i});
			i++;
			continue;
		}
		if ('+-*/%^@<>'.includes(c)) {
			tokens.push({kind: 'op', text: c, pos: i});
			i++;
			continue;
		}
		throw new PromParseError(i, `unexpected character: '${c}'`);
	}
	tokens.push({kind: 'eof', text: '', pos: input.length});
	return tokens;
}

function readString(input: string, start: number): [string, number] {
	const quote = input[start]!;
	let value = '';
	let i = start + 1;
	while (i < input.length) {
		const c = input[i]!;
		if (c === quote) return [value, i + 1];
		if (quote !== '`' && c === '\n') break;
		if (quote === '`' || c !== '\\') {
			value += c;
			i++;
			continue;
		}
		const e = input[i + 1];
		if (e === undefined) break;
		if (e === quote) value += quote;
		else if (simpleEscapes[e] !== undefined) value += simpleEscapes[e];
		else if (e === 'x' || e === 'u' || e === 'U') {
			const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
			const hex = input.slice(i + 2, i + 2 + width);
			if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw new PromParseError(i, `invalid escape sequence in string: \\${e}${hex}`);
			value += String.fromCodePoint(Number.parseInt(hex, 16));
			i += width;
		} else throw new PromParseError(i, `unknown escape sequence '${e}'`);
		i += 2;
	}
	throw new PromParseError(start, 'unterminated quoted string');
}

/** How Prometheus names a token in "unexpected …" messages. */
export function describe(token: Token): string {
	if (token.kind === 'eof') return 'end of input';
	if (token.kind === 'string') return `string ${JSON.stringify(token.text)}`;
	if (token.kind === 'number') return `number "${token.text}"`;
	if (token.kind === 'ident') return `identifier "${token.text}"`;
	return `"${token.text}"`;
}
