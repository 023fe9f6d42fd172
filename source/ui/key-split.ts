// Several keys can arrive in one read (typing ahead over SSH, tmux send-keys, a
// paste). Ink splits escape sequences apart but hands a run of plain bytes such
// as "j\r" over as one input that matches no key. This turns such a run back
// into keys, named the way keyName() names them. Pure.
import {keyName} from './keymap.js';

export interface KeyPress {
	/** As keyName() produces it: 'j', 'return', 'ctrl+l', 'space'. */
	name: string;
	/** The text the key types ('' for keys that type nothing). */
	input: string;
}

type InkKey = Parameters<typeof keyName>[1];

function isSpecial(key: InkKey): boolean {
	return Boolean(
		key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end
		|| key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl,
	);
}

/** One byte-sized key of a run: control characters named, the rest typed. */
function single(char: string): KeyPress {
	const code = char.codePointAt(0)!;
	if (char === '\r' || char === '\n') return {name: 'return', input: ''};
	if (char === '\t') return {name: 'tab', input: ''};
	if (char === '\u007F' || char === '\b') return {name: 'backspace', input: ''};
	if (char === ' ') return {name: 'space', input: ' '};
	if (code >= 1 && code <= 26) {
		const letter = String.fromCharCode(code + 96);
		return {name: `ctrl+${letter}`, input: letter};
	}
	if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return {name: '', input: ''};
	return {name: char, input: char};
}

/** Ink's (input, key) → the keys it stands for, in order. */
export function splitKeys(input: string, key: InkKey): KeyPress[] {
	const chars = [...input];
	if (chars.length <= 1 || isSpecial(key) || input.includes('\u001B')) return [{name: keyName(input, key), input}];
	return chars.map(single);
}

/** True for a key that types text into a prompt (a printable character). */
export function typesText(press: KeyPress): boolean {
	return press.name === press.input && press.input !== '';
}
