import {describe, expect, it} from 'vitest';
import {commandFor, keyName, keymap, keyTableMarkdown, type Scope} from '../../source/ui/keymap.js';
import {footerText, noticeText} from '../../source/ui/panes/footer.js';
import {helpColumns, helpRows} from '../../source/ui/panes/help.js';

const noKey = {};

describe('keymap', () => {
	it('binds every key of the keyboard contract', () => {
		const contract: Array<[string, Scope, string]> = [
			['?', 'stream', 'help'],
			['q', 'stream', 'quit'],
			['ctrl+c', 'detail', 'quit'],
			['escape', 'detail', 'back'],
			['tab', 'navigator', 'focusNext'],
			['shift+tab', 'routes', 'focusPrev'],
			['up', 'stream', 'up'],
			['k', 'stream', 'up'],
			['down', 'routes', 'down'],
			['j', 'mtls', 'down'],
			['g', 'stream', 'top'],
			['G', 'stream', 'bottom'],
			['pageup', 'stream', 'pageUp'],
			['pagedown', 'detail', 'pageDown'],
			['return', 'routes', 'open'],
			['space', 'stream', 'pause'],
			['F', 'stream', 'follow'],
			['t', 'navigator', 'toggleTo'],
			['f', 'navigator', 'toggleFrom'],
			['p', 'stream', 'ports'],
			['/', 'navigator', 'search'],
			['s', 'routes', 'sort'],
			[':', 'stream', 'commandLine'],
		];
		expect(contract.map(([key, scope]) => commandFor(key, scope))).toEqual(contract.map(([, , command]) => command));
	});

	it('gives no key two commands in one scope', () => {
		const scopes: Scope[] = ['navigator', 'stream', 'routes', 'mtls', 'detail', 'ports', 'help'];
		for (const scope of scopes) {
			const seen = new Map<string, string>();
			for (const binding of keymap) {
				if (!binding.scopes.includes(scope) && !binding.scopes.includes('global')) continue;
				for (const key of binding.keys) {
					expect(seen.get(key), `${key} in ${scope}`).toBeUndefined();
					seen.set(key, binding.command);
				}
			}
		}
	});

	it('names keys from Ink key events', () => {
		expect(keyName('', {...noKey, upArrow: true})).toBe('up');
		expect(keyName('', {...noKey, tab: true, shift: true})).toBe('shift+tab');
		expect(keyName('c', {...noKey, ctrl: true})).toBe('ctrl+c');
		expect(keyName(' ', noKey)).toBe('space');
		expect(keyName('G', noKey)).toBe('G');
		expect(keyName('', {...noKey, return: true})).toBe('return');
	});

	it('generates the footer and the README key table from the same data', () => {
		expect(footerText('stream')).toBe('? help  q quit  tab next pane  enter open  space pause  F follow  p port  / filter  x failures  : command');
		expect(footerText('routes')).toBe('? help  q quit  tab next pane  enter open  h trend  P policy  space pause  p port  x failures  s sort  : command');
		// Narrower than all of them: the least important keys go whole (? help lists them), never cut.
		expect(footerText('stream', false, 80)).toBe('? help  tab next pane  enter open  space pause  / filter  x failures  : command');
		expect(footerText('stream', true, 80)).toBe('? help  tab next pane  enter open  space resume  / filter  x failures  : command');
		for (const scope of ['navigator', 'stream', 'routes', 'mtls', 'detail'] as const) {
			for (const width of [40, 60, 80, 100]) {
				const text = footerText(scope, false, width);
				expect(text.length, `${scope} at ${width}`).toBeLessThanOrEqual(width);
				expect(text.startsWith(scope === 'detail' ? 'esc back' : '? help'), `${scope} at ${width}`).toBe(true);
			}
		}
		// A notice keeps its words; the dismiss hint goes first.
		expect(noticeText('copied', 80)).toBe('copied  (esc to dismiss)');
		expect(noticeText('x'.repeat(70), 80)).toBe('x'.repeat(70));
		const table = keyTableMarkdown().split('\n');
		expect(table.slice(0, 5)).toEqual([
			'| Key | Action | Where |',
			'|---|---|---|',
			'| `?` | help: list every key | everywhere |',
			'| `q` `ctrl-c` | quit | everywhere |',
			'| `esc` | back / close; in a pane, remove the most recent filter (one per press) | everywhere |',
		]);
		expect(table).toHaveLength(keymap.length + 3);
	});

	it('help at 80 and 120 columns: every cell fits its column whole (wrapped, never cut)', () => {
		for (const width of [80, 120]) {
			const columns = helpColumns(width);
			for (const row of helpRows(width)) {
				if (row.span) continue;
				row.cells.forEach((cell, i) => expect(cell.length, `${width}: "${cell}"`).toBeLessThanOrEqual(columns[i]!.width));
			}
		}
	});
});
