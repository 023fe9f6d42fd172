// Editing the text of the `:` and `/` prompts, readline-style: ← → home end ctrl-a ctrl-e move,
// backspace, ctrl-u (to the start), ctrl-k (to the end) and ctrl-w (the word before) delete,
// typed and pasted text goes in at the cursor. Pure; the cursor counts code points.

export interface Line {
	text: string;
	cursor: number;
}

const chars = (text: string) => [...text];

/** The line after one key, or undefined when the key is not an editing key. */
export function editLine(line: Line, name: string, input: string): Line | undefined {
	const all = chars(line.text);
	const at = Math.max(0, Math.min(line.cursor, all.length));
	const before = all.slice(0, at);
	const after = all.slice(at);
	switch (name) {
		case 'left':
			return {text: line.text, cursor: Math.max(0, at - 1)};
		case 'right':
			return {text: line.text, cursor: Math.min(all.length, at + 1)};
		case 'home':
		case 'ctrl+a':
			return {text: line.text, cursor: 0};
		case 'end':
		case 'ctrl+e':
			return {text: line.text, cursor: all.length};
		case 'backspace':
			if (at === 0) return line;
			return {text: [...before.slice(0, -1), ...after].join(''), cursor: at - 1};
		case 'ctrl+u':
			return {text: after.join(''), cursor: 0};
		case 'ctrl+k':
			return {text: before.join(''), cursor: at};
		case 'ctrl+w': {
			let start = at;
			while (start > 0 && before[start - 1] === ' ') start--;
			while (start > 0 && before[start - 1] !== ' ') start--;
			return {text: [...before.slice(0, start), ...after].join(''), cursor: start};
		}
		case 'space':
			return insert(before, after, ' ');
		default:
			// A typed key's name is its text; a pasted run arrives the same way (ctrl keys never match).
			if (input.length > 0 && name === input && !/[\u0000-\u001F\u007F-\u009F]/.test(input)) return insert(before, after, input);
			return undefined;
	}
}

function insert(before: string[], after: string[], text: string): Line {
	return {text: before.join('') + text + after.join(''), cursor: before.length + chars(text).length};
}

/** The line with its cursor drawn as a block over the character it sits on. */
export function withCursor(line: Line): string {
	const all = chars(line.text);
	const at = Math.max(0, Math.min(line.cursor, all.length));
	return all.slice(0, at).join('') + '█' + all.slice(at + 1).join('');
}

/** Session history of a prompt: newest last, no immediate repeats, bounded. */
export function remember(history: readonly string[], text: string, max = 100): string[] {
	const trimmed = text.trim();
	if (trimmed === '' || history.at(-1) === trimmed) return [...history];
	return [...history, trimmed].slice(-max);
}
