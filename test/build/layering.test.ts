import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const lint = (dir?: string) => spawnSync(process.execPath, ['scripts/lint-imports.js', ...(dir ? [dir] : [])], {cwd: root, encoding: 'utf8'});

function tree(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'meshtop-lint-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

describe('the layering lint (scripts/lint-imports.js)', () => {
	it('passes on source/', () => {
		const run = lint();
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	});

	it('rejects a wrong arrow, type imports included', () => {
		const run = lint(tree({
			'model/a.ts': "import type {T} from '../tap/t.js';\nexport const a = 1;\n",
			'tap/t.ts': 'export type T = number;\n',
		}));
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('model/a.ts: model/ may not import tap/');
	});

	it('rejects a static import of ui/ from commands/, allows a dynamic one', () => {
		const files = {'ui/run.ts': 'export const run = 1;\n'};
		expect(lint(tree({...files, 'commands/tui.ts': "import {run} from '../ui/run.js';\n"})).stderr).toContain('commands/ may not import ui/');
		expect(lint(tree({...files, 'commands/tui.ts': "export const go = () => import('../ui/run.js');\n"})).status).toBe(0);
	});

	it('finds an import cycle between files', () => {
		const run = lint(tree({
			'store/a.ts': "import {b} from './b.js';\nexport const a = b;\n",
			'store/b.ts': "import type {A} from './a.js';\nexport const b = 1;\nexport type B = A;\n",
		}));
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/import cycle: store\/a\.ts → store\/b\.ts → store\/a\.ts/);
	});

	it('keeps ink and react in ui/ and the clock out of model/', () => {
		const run = lint(tree({'store/s.ts': "import {render} from 'ink';\n", 'model/m.ts': 'export const now = () => Date.now();\n'}));
		expect(run.stderr).toContain('store/s.ts: imports "ink"');
		expect(run.stderr).toContain('model/m.ts: model/ must not read the clock');
	});
});
