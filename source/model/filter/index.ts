// The filter language (issue 11): text such as `5xx or grpc!=OK` or
// `error and dst=deploy/web` compiled into a predicate over joined requests.
// help.ts has the syntax in brief; lexer, parser, compare and evaluate the rules.
import type {RequestRecord} from '../types.js';
import {FilterError, type FilterNode} from './ast.js';
import {compileNode} from './evaluate.js';
import {parse} from './parser.js';

export {FilterError, printFilter, type FilterNode, type Op} from './ast.js';
export {classNames} from './evaluate.js';
export {fieldNames} from './fields.js';
export {describeFilterSyntax} from './help.js';
export {parse as parseFilterTree} from './parser.js';

export interface MatchOptions {
	/** Let secret headers' real values match (as --show-secrets shows them); else they read as [masked]. */
	showSecrets?: boolean;
}

export interface CompiledFilter {
	/** The text it was compiled from. */
	source: string;
	/** The tree, or null for an empty filter. */
	tree: FilterNode | null;
	/** True for an empty filter, which matches every request. */
	matchesAll: boolean;
	/** Canonical fields, classes and `text` (for free-text terms) the filter reads, in first-use order. */
	fields: string[];
	matches(rec: RequestRecord, opts?: MatchOptions): boolean;
}

export interface FilterErrorInfo {
	/** One line, ending in `at N` (1-based column) and maybe a hint in parentheses. */
	message: string;
	/** 0-based offset into the source of the text at fault. */
	position: number;
	/** Its length; 0 for "something is missing here". */
	length: number;
}

export type ParseResult = {ok: true; filter: CompiledFilter} | {ok: false; error: FilterErrorInfo};

/** Compiles filter text; never throws on user input. Empty or blank text matches everything. */
export function parseFilter(source: string): ParseResult {
	try {
		const tree = parse(source);
		return {ok: true, filter: compileFilterTree(source, tree)};
	} catch (error) {
		if (error instanceof FilterError) {
			return {ok: false, error: {message: error.message, position: error.position, length: error.length}};
		}
		throw error;
	}
}

/** A CompiledFilter from a parsed tree; throws FilterError for bad fields or values. */
export function compileFilterTree(source: string, tree: FilterNode | null): CompiledFilter {
	const used = new Set<string>();
	const pred = tree === null ? null : compileNode(tree, used);
	return {
		source,
		tree,
		matchesAll: pred === null,
		fields: [...used],
		matches: pred === null ? () => true : (rec, opts) => pred(rec, opts?.showSecrets === true),
	};
}
