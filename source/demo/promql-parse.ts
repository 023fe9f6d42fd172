// Parses the PromQL shapes that meshtop and metrics-api send (linkerd-route-metrics.md §3.3,
// §4, §6.2, §10):
//   sum(increase(M{a="x", …}[W])) by (l1, …)
//   histogram_quantile(φ, sum(irate(M_bucket{…}[W])) by (le, …))
// with `rate` and `irate`/`increase` interchangeable, `by` before or after the argument, `=`
// matchers only and W in Prometheus duration syntax. Anything else is a bad_data message in
// Prometheus' "1:COL: parse error: …" form.
import {describe, lex, PromParseError, type Token} from './promql-lex.js';

export type RangeFunction = 'increase' | 'rate' | 'irate';

export interface RangeSelector {
	metric: string;
	/** Label name → required value (`=`); "" matches a missing label, as in Prometheus. */
	matchers: Array<[string, string]>;
	rangeMs: number;
}

export interface SumQuery {
	kind: 'sum';
	fn: RangeFunction;
	selector: RangeSelector;
	/** Grouping labels; empty = one group. */
	by: string[];
}

export interface QuantileQuery {
	kind: 'quantile';
	q: number;
	inner: SumQuery;
}

export type PromQuery = SumQuery | QuantileQuery;

export type ParseResult = {ok: true; query: PromQuery} | {ok: false; error: string};

const SHAPES = 'sum(increase(M{…}[W])) by (…) and histogram_quantile(φ, sum(irate(M_bucket{…}[W])) by (le, …))';
const rangeFunctions = new Set<string>(['increase', 'rate', 'irate']);
const durationUnits: Array<[string, number]> = [['y', 365 * 86_400_000], ['w', 7 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
const durationSyntax = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds of a Prometheus duration (`90s`, `1h30m`), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
	const m = durationSyntax.exec(text);
	if (!m || text === '') return undefined;
	let ms = 0;
	durationUnits.forEach(([, unit], index) => {
		if (m[index + 1] !== undefined) ms += Number(m[index + 1]) * unit;
	});
	return ms;
}

export function parsePromQL(input: string): ParseResult {
	try {
		const parser = new Parser(input);
		const query = parser.query();
		parser.expectEnd();
		return {ok: true, query};
	} catch (error) {
		if (!(error instanceof PromParseError)) throw error;
		return {ok: false, error: `${position(input, error.pos)}: parse error: ${error.message}`};
	}
}

function position(input: string, pos: number): string {
	const before = input.slice(0, pos).split('\n');
	return `${before.length}:${before.at(-1)!.length + 1}`;
}

class Parser {
	private readonly tokens: Token[];
	private at = 0;

	constructor(private readonly input: string) {
		this.tokens = lex(input);
		if (this.tokens.length === 1) throw new PromParseError(0, 'no expression found in input');
	}

	query(): PromQuery {
		const head = this.peek();
		if (head.kind === 'ident' && head.text === 'histogram_quantile') {
			this.next();
			this.expect('(');
			const q = this.number();
			this.expect(',');
			const inner = this.sum();
			this.expect(')');
			return {kind: 'quantile', q, inner};
		}
		return this.sum();
	}

	expectEnd(): void {
		const token = this.peek();
		if (token.kind !== 'eof') throw this.unexpected(token, '');
	}

	private sum(): SumQuery {
		const head = this.next();
		if (head.kind !== 'ident' || head.text.toLowerCase() !== 'sum') throw this.unsupported(head);
		let by = this.byClause();
		this.expect('(');
		const fnToken = this.next();
		if (fnToken.kind !== 'ident' || !rangeFunctions.has(fnToken.text)) throw this.unsupported(fnToken);
		this.expect('(');
		const selector = this.selector();
		this.expect(')');
		this.expect(')');
		const after = this.byClause();
		if (by && after) throw new PromParseError(this.peek().pos, 'aggregation must only contain one grouping clause');
		by = by ?? after;
		return {kind: 'sum', fn: fnToken.text as RangeFunction, selector, by: by ?? []};
	}

	private byClause(): string[] | undefined {
		const token = this.peek();
		if (token.kind !== 'ident') return undefined;
		const word = token.text.toLowerCase();
		if (word === 'without') throw this.unsupported(token);
		if (word !== 'by') return undefined;
		this.next();
		this.expect('(');
		const labels: string[] = [];
		while (!this.accept(')')) {
			const label = this.next();
			if (label.kind !== 'ident') throw this.unexpected(label, ' in grouping opts, expected label');
			labels.push(label.text);
			if (!this.accept(',')) {
				this.expect(')', ' in grouping opts, expected "," or ")"');
				break;
			}
		}
		return labels;
	}

	private selector(): RangeSelector {
		let metric = '';
		const matchers: Array<[string, string]> = [];
		const start = this.peek();
		if (start.kind === 'ident') metric = this.next().text;
		if (this.accept('{')) {
			while (!this.accept('}')) {
				const name = this.next();
				if (name.kind !== 'ident') throw this.unexpected(name, ' in label matching, expected label');
				const op = this.next();
				if (op.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text)) throw this.unexpected(op, ' in label matching, expected label matching operator');
				if (op.text !== '=') throw new PromParseError(op.pos, `the demo's Prometheus stand-in supports only = label matchers, not ${op.text}`);
				const value = this.next();
				if (value.kind !== 'string') throw this.unexpected(value, ' in label matching, expected string');
				if (name.text === '__name__' && !metric) metric = value.text;
				else if (name.text === '__name__') throw new PromParseError(name.pos, `metric name must not be set twice: "${metric}" or "${value.text}"`);
				else matchers.push([name.text, value.text]);
				if (!this.accept(',')) {
					this.expect('}', ' in label matching, expected "," or "}"');
					break;
				}
			}
		}
		if (!metric) throw new PromParseError(start.pos, 'vector selector must contain at least one non-empty matcher');
		const open = this.peek();
		if (!this.accept('[')) throw new PromParseError(open.pos, `expected type range vector in call to function, got instant vector`);
		return {metric, matchers, rangeMs: this.duration(open.pos + 1)};
	}

	/** Reads the raw text up to `]` as a duration and skips the tokens inside. */
	private duration(from: number): number {
		const close = this.input.indexOf(']', from);
		if (close < 0) throw new PromParseError(this.input.length, 'unexpected end of input, expected "]"');
		const text = this.input.slice(from, close).trim();
		const ms = parseDuration(text);
		if (ms === undefined) throw new PromParseError(from, `bad duration syntax: "${text}"`);
		if (ms === 0) throw new PromParseError(from, 'duration must be greater than 0');
		while (this.peek().kind !== 'eof' && this.peek().pos <= close) this.at++;
		return ms;
	}

	private number(): number {
		const token = this.next();
		if (token.kind === 'number') return Number(token.text);
		if (token.kind === 'ident' && /^(nan|inf)$/i.test(token.text)) return token.text.toLowerCase() === 'nan' ? Number.NaN : Number.POSITIVE_INFINITY;
		throw this.unexpected(token, ' in call to histogram_quantile, expected number');
	}

	private peek(): Token {
		return this.tokens[this.at]!;
	}

	private next(): Token {
		const token = this.tokens[this.at]!;
		if (token.kind !== 'eof') this.at++;
		return token;
	}

	private accept(text: string): boolean {
		const token = this.peek();
		if ((token.kind === 'punct' || token.kind === 'op') && token.text === text) {
			this.at++;
			return true;
		}
		return false;
	}

	private expect(text: string, context = `, expected "${text}"`): void {
		const token = this.peek();
		if (!this.accept(text)) throw this.unexpected(token, context);
	}

	private unexpected(token: Token, context: string): PromParseError {
		return new PromParseError(token.pos, `unexpected ${describe(token)}${context}`);
	}

	private unsupported(token: Token): PromParseError {
		const what = token.kind === 'eof' ? 'an empty expression' : describe(token);
		return new PromParseError(token.pos, `the demo's Prometheus stand-in does not evaluate ${what} here; it evaluates only ${SHAPES}`);
	}
}
