// The filter language's syntax tree and its one error type. See help.ts for the language.

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~';

/** A piece of the source text: where it starts (0-based) and how long it is. */
export interface Span {
	pos: number;
	len: number;
}

export interface Word extends Span {
	text: string;
	/** Written in quotes: never a keyword, class or field. */
	quoted: boolean;
}

export type FilterNode =
	| {kind: 'and' | 'or'; children: FilterNode[]}
	| {kind: 'not'; child: FilterNode}
	| {kind: 'compare'; field: Word; op: Op; opSpan: Span; value: Word}
	/** A word on its own: a class (error, 5xx), a presence test (header.x) or free text. */
	| {kind: 'bare'; word: Word};

/** A user error in a filter, with the span of the text at fault. */
export class FilterError extends Error {
	readonly position: number;
	readonly length: number;

	constructor(message: string, position: number, length: number) {
		super(message);
		this.position = position;
		this.length = length;
	}
}

/** `what at N (hint)`, N being the 1-based column of `span`. */
export function fail(what: string, span: Span, hint?: string): FilterError {
	const message = `${what} at ${span.pos + 1}${hint ? ` (${hint})` : ''}`;
	return new FilterError(message, span.pos, span.len);
}

function quote(word: Word): string {
	if (!word.quoted && word.text !== '' && !/[\s"'()&|]/.test(word.text)) return word.text;
	return `"${word.text.replace(/["\\]/g, '\\$&')}"`;
}

/** The tree as text with every group in parentheses: shows how a filter was read. */
export function printFilter(node: FilterNode | null): string {
	if (node === null) return '';
	switch (node.kind) {
		case 'and':
		case 'or':
			return `(${node.children.map(printFilter).join(` ${node.kind} `)})`;
		case 'not':
			return `not ${printFilter(node.child)}`;
		case 'compare':
			return `${node.field.text}${node.op}${quote(node.value)}`;
		case 'bare':
			return quote(node.word);
	}
}
