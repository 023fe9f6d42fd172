// Splits filter text into tokens. The one context rule: the token after a
// comparison operator is a value, which runs to the next space (or `&&`, `||`,
// an unbalanced `)`), so regexes and paths need no quotes: path~^/(a|b)/x.
import {fail, type Op, type Span, type Word} from './ast.js';

export type Token =
	| ({type: 'word'} & Word)
	| ({type: 'op'; op: Op} & Span)
	| ({type: '(' | ')' | '&&' | '||' | '!' | 'eof'} & Span);

// A field name: the word before an operator is cut there only when it looks like one.
const IDENT = /^[A-Za-z_][\w.-]*$/;

function isSpace(ch: string): boolean {
	return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0';
}

/** The comparison operator starting at i, if any (`==` reads as `=`). */
function opAt(src: string, i: number): {op: Op; len: number} | null {
	const next = src[i + 1];
	switch (src[i]) {
		case '=':
			return {op: '=', len: next === '=' ? 2 : 1};
		case '!':
			return next === '=' ? {op: '!=', len: 2} : next === '~' ? {op: '!~', len: 2} : null;
		case '>':
			return next === '=' ? {op: '>=', len: 2} : {op: '>', len: 1};
		case '<':
			return next === '=' ? {op: '<=', len: 2} : {op: '<', len: 1};
		case '~':
			return {op: '~', len: 1};
		default:
			return null;
	}
}

function logicalAt(src: string, i: number): boolean {
	const pair = src.slice(i, i + 2);
	return pair === '&&' || pair === '||';
}

/** A quoted string: \" \' \\ are escapes, any other backslash stays (regexes need no doubling). */
function quoted(src: string, start: number): Word {
	const q = src[start]!;
	let text = '';
	for (let j = start + 1; j < src.length; j++) {
		const ch = src[j]!;
		if (ch === q) return {text, quoted: true, pos: start, len: j + 1 - start};
		if (ch === '\\' && j + 1 < src.length) {
			const next = src[j + 1]!;
			text += next === '"' || next === "'" || next === '\\' ? next : ch + next;
			j++;
			continue;
		}
		text += ch;
	}
	throw fail('unterminated string', {pos: start, len: src.length - start}, `close it with ${q}`);
}

/** The end of a value word; parentheses inside it must balance (escaped ones and those in [...] do not count). */
function valueEnd(src: string, start: number): number {
	let depth = 0;
	let inClass = false;
	let j = start;
	for (; j < src.length; j++) {
		const ch = src[j]!;
		if (ch === '\\') {
			j++;
			continue;
		}
		if (inClass) {
			if (ch === ']') inClass = false;
			continue;
		}
		if (isSpace(ch) || logicalAt(src, j)) break;
		if (ch === '[') inClass = true;
		else if (ch === '(') depth++;
		else if (ch === ')') {
			if (depth === 0) break;
			depth--;
		}
	}
	return Math.min(j, src.length);
}

/** The end of a word outside value position: at a space, a parenthesis, `&&`/`||`, or an operator after a field name. */
function wordEnd(src: string, start: number): number {
	let j = start;
	for (; j < src.length; j++) {
		const ch = src[j]!;
		if (isSpace(ch) || ch === '(' || ch === ')' || logicalAt(src, j)) break;
		if (j > start && opAt(src, j) !== null && IDENT.test(src.slice(start, j))) break;
	}
	return j;
}

export function tokenize(src: string): Token[] {
	const tokens: Token[] = [];
	let valueNext = false;
	let i = 0;
	for (;;) {
		while (i < src.length && isSpace(src[i]!)) i++;
		if (i >= src.length) break;
		const ch = src[i]!;
		const isValue = valueNext;
		valueNext = false;

		if (ch === '"' || ch === "'") {
			const word = quoted(src, i);
			tokens.push({type: 'word', ...word});
			i += word.len;
			continue;
		}

		if (isValue && ch !== ')' && !logicalAt(src, i)) {
			const end = valueEnd(src, i);
			tokens.push({type: 'word', text: src.slice(i, end), quoted: false, pos: i, len: end - i});
			i = end;
			continue;
		}

		if (ch === '(' || ch === ')') {
			tokens.push({type: ch, pos: i, len: 1});
			i++;
			continue;
		}

		if (logicalAt(src, i)) {
			tokens.push({type: ch === '&' ? '&&' : '||', pos: i, len: 2});
			i += 2;
			continue;
		}

		if (ch === '&' || ch === '|') {
			throw fail(`unexpected "${ch}"`, {pos: i, len: 1}, `write ${ch === '&' ? '"and" or &&' : '"or" or ||'}`);
		}

		const op = opAt(src, i);
		if (op !== null) {
			tokens.push({type: 'op', op: op.op, pos: i, len: op.len});
			i += op.len;
			valueNext = true;
			continue;
		}

		if (ch === '!') {
			tokens.push({type: '!', pos: i, len: 1});
			i++;
			continue;
		}

		const end = wordEnd(src, i);
		tokens.push({type: 'word', text: src.slice(i, end), quoted: false, pos: i, len: end - i});
		i = end;
	}

	tokens.push({type: 'eof', pos: src.length, len: 0});
	return tokens;
}
