import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../../source/ui/keymap.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
	it('gives the two newcomer commands', () => {
		expect(readme).toContain('npm install && npx meshtop --demo');
		expect(readme).toContain('\nnpm test\n');
	});

	it('has the key table generated from the keymap', () => {
		const table = /<!-- keys:start[^>]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
		expect(table).toBe(keyTableMarkdown().trimEnd());
	});
});
