// Tokens → syntax tree. Precedence: not (!) binds tightest, then and (&&, or
// nothing: adjacent terms are and-ed), then or (||). Parentheses group.
// Keywords are case-insensitive and only count unquoted.
import {fail, type FilterNode, type Span, type Word} from './ast.js';
import {tokenize, type Token} from './lexer.js';

type Keyword = 'and' | 'or' | 'not';

function keyword(token: Token): Keyword | null {
	if (token.type === '&&') return 'and';
	if (token.type === '||') return 'or';
	if (token.type === '!') return 'not';
	if (token.type !== 'word' || token.quoted) return null;
	const lower = token.text.toLowerCase();
	return lower === 'and' || lower === 'or' || lower === 'not' ? lower : null;
}

function shown(token: Token): string {
	switch (token.type) {
		case 'word':
			return token.text;
		case 'op':
			return token.op;
		case 'eof':
			return 'end';
		default:
			return token.type;
	}
}

class Parser {
	readonly #tokens: Token[];
	#at = 0;

	constructor(tokens: Token[]) {
		this.#tokens = tokens;
	}

	peek(): Token {
		return this.#tokens[this.#at]!;
	}

	next(): Token {
		const token = this.#tokens[this.#at]!;
		if (token.type !== 'eof') this.#at++;
		return token;
	}

	previous(): Token | undefined {
		return this.#at > 0 ? this.#tokens[this.#at - 1] : undefined;
	}

	parseOr(): FilterNode {
		const children = [this.parseAnd()];
		while (keyword(this.peek()) === 'or') {
			this.next();
			children.push(this.parseAnd());
		}
		return children.length === 1 ? children[0]! : {kind: 'or', children};
	}

	parseAnd(): FilterNode {
		const children = [this.parseUnary()];
		for (;;) {
			const token = this.peek();
			const kw = keyword(token);
			if (kw === 'and') {
				this.next();
			} else if (kw === 'or' || token.type === ')' || token.type === 'eof') {
				break;
			}
			// Anything else starts another term: an implicit and.
			children.push(this.parseUnary());
		}
		return children.length === 1 ? children[0]! : {kind: 'and', children};
	}

	parseUnary(): FilterNode {
		if (keyword(this.peek()) === 'not') {
			this.next();
			return {kind: 'not', child: this.parseUnary()};
		}
		return this.parsePrimary();
	}

	parsePrimary(): FilterNode {
		const token = this.next();
		switch (token.type) {
			case '(': {
				if (this.peek().type === ')') throw fail('empty parentheses', {pos: token.pos, len: this.peek().pos + 1 - token.pos});
				const inner = this.parseOr();
				const close = this.next();
				if (close.type !== ')') {
					if (close.type === 'eof') throw fail('unclosed "("', token, 'add a ")"');
					throw fail(`expected ")" but found "${shown(close)}"`, close);
				}
				return inner;
			}
			case ')':
				throw fail('unexpected ")"', token, 'no "(" to close');
			case 'op':
				throw fail(`missing field before "${token.op}"`, token, `e.g. status${token.op}500`);
			case 'eof':
				throw this.missingTerm(token);
			case '&&':
			case '||':
				throw this.missingTerm(token);
			case '!':
				throw new Error('unreachable: "!" is read by parseUnary');
			case 'word':
				break;
		}

		if (keyword(token) !== null) throw this.missingTerm(token);
		const word: Word = {text: token.text, quoted: token.quoted, pos: token.pos, len: token.len};
		const op = this.peek();
		if (op.type !== 'op') return {kind: 'bare', word};
		this.next();
		const value = this.peek();
		const opSpan: Span = {pos: op.pos, len: op.len};
		if (value.type !== 'word' || keyword(value) !== null) {
			const hint = value.type === 'word' ? `quote it to compare with the word "${value.text}"` : undefined;
			throw fail(`missing value after ${word.text}${op.op}`, {pos: op.pos + op.len, len: 0}, hint);
		}
		this.next();
		return {kind: 'compare', field: word, op: op.op, opSpan, value: {text: value.text, quoted: value.quoted, pos: value.pos, len: value.len}};
	}

	missingTerm(token: Token): Error {
		const before = this.previous();
		const prev = before !== undefined && before !== token ? before : undefined;
		if (token.type === 'eof') {
			const what = prev ? `after "${shown(prev)}"` : '';
			return fail(`expected a term ${what}`.trim(), token);
		}
		return fail(`expected a term before "${shown(token)}"`, token);
	}
}

/** The syntax tree of a filter; null when it is empty or only spaces. Throws FilterError. */
export function parse(src: string): FilterNode | null {
	const parser = new Parser(tokenize(src));
	if (parser.peek().type === 'eof') return null;
	const node = parser.parseOr();
	const rest = parser.peek();
	if (rest.type === ')') throw fail('unexpected ")"', rest, 'no "(" to close');
	if (rest.type !== 'eof') throw fail(`unexpected "${shown(rest)}"`, rest);
	return node;
}
