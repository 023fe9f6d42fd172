// Tab completion in the `:` and `/` prompts: command names, namespaces, contexts, workloads of
// the namespace, filter fields and classes. Pure: the candidates come from the store's state.
import {classNames, fieldNames} from '../model/filter/index.js';
import {resourceLabel} from '../model/resource.js';
import type {StoreState} from '../store/state.js';
import {lineCommands} from './command-line.js';
import type {Line} from './line-editor.js';

const verbs = lineCommands.map(command => command.slice(1).split(' ')[0]!);

/** The word the cursor ends, and where it starts. */
function currentWord(line: Line): {start: number; word: string; before: string[]} {
	const all = [...line.text];
	const before = all.slice(0, line.cursor);
	let start = before.length;
	while (start > 0 && !/[\s()!]/.test(before[start - 1]!)) start--;
	return {start, word: before.slice(start).join(''), before};
}

const searchWords = [...fieldNames.filter(name => !name.endsWith('NAME')), ...classNames, 'header.', 'src.label.', 'dst.label.', 'and', 'or', 'not'];

/** What may follow `:VERB `. */
function argumentsOf(verb: string, data: StoreState): string[] {
	switch (verb.toLowerCase()) {
		case 'ns':
		case 'namespace':
			return data.namespaces.map(ns => ns.name);
		case 'ctx':
		case 'context':
			return data.info.contexts;
		case 'tap':
		case 'to':
		case 'from':
			return [...data.workloads.map(w => resourceLabel({namespace: w.namespace, type: w.type, name: w.name})), `ns/${data.namespace}`];
		case 'filter':
			return searchWords;
		default:
			return [];
	}
}

function commonPrefix(words: string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

export interface Completion {
	line: Line;
	/** When several candidates remain: the first few, to show the user. */
	choices: string[];
}

/** Completes the word before the cursor as far as it is unambiguous. */
export function complete(kind: 'command' | 'search', line: Line, data: StoreState): Completion {
	const {start, word, before} = currentWord(line);
	const head = before.slice(0, start).join('');
	const previous = head.trim().split(/\s+/).filter(Boolean);
	const pool = kind === 'search' ? searchWords : previous.length === 0 ? verbs : argumentsOf(previous[0]!, data);
	const lower = word.toLowerCase();
	const matches = [...new Set(pool.filter(candidate => candidate.toLowerCase().startsWith(lower)))].sort();
	if (matches.length === 0) return {line, choices: []};
	const rest = [...line.text].slice(line.cursor).join('');
	if (matches.length === 1) {
		const only = matches[0]!;
		// A prefix such as header. goes on with a name; a whole word gets its space.
		const tail = only.endsWith('.') ? '' : ' ';
		return {line: {text: head + only + tail + rest.trimStart(), cursor: [...head + only + tail].length}, choices: []};
	}
	const shared = commonPrefix(matches);
	const grown = shared.length > word.length ? shared : word;
	return {line: {text: head + grown + rest, cursor: [...head + grown].length}, choices: matches.slice(0, 8)};
}
