import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM build script without types
import {inkPatches, textCacheLimit} from '../../scripts/ink-patches.js';

const root = path.resolve(import.meta.dirname, '../..');
const inkMeasureText = path.join(root, 'node_modules/ink/build/measure-text.js');

async function bundleMeasureText(plugins: unknown[]) {
	const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'meshtop-inkpatch-')), 'measure-text.mjs');
	await build({entryPoints: [inkMeasureText], outfile, bundle: true, format: 'esm', platform: 'node', plugins: plugins as never[], logLevel: 'error'});
	return {outfile, module: (await import(outfile)) as {default: (text: string) => {width: number; height: number}; cacheSize?: () => number}};
}

describe('Ink patches applied by the bundle', () => {
	it('Ink 6.8 caches the size of every distinct text forever (the problem)', () => {
		const source = readFileSync(inkMeasureText, 'utf8');
		expect(source).toContain('const cache = new Map();');
		expect(source).not.toMatch(/cache\.(clear|delete)\(/);
	});

	it('the bundled measure-text keeps at most textCacheLimit entries and measures the same', async () => {
		const {module} = await bundleMeasureText([inkPatches()]);
		const measure = module.default;
		expect(measure('')).toEqual({width: 0, height: 0});
		expect(measure('漢字\nab')).toEqual({width: 4, height: 2});
		let peak = 0;
		for (let i = 0; i < textCacheLimit * 3; i++) {
			expect(measure(`18:31:05 out web → emoji GET /api/items/${i}`).height).toBe(1);
			peak = Math.max(peak, module.cacheSize!());
		}
		expect(peak).toBe(textCacheLimit);
		expect(module.cacheSize!()).toBeLessThanOrEqual(textCacheLimit);
	});

	it('is in the shipped bundle (dist/bundle, built by npm test\'s pretest)', () => {
		const dir = path.join(root, 'dist/bundle');
		const chunks = readdirSync(dir).filter(name => name.endsWith('.js'));
		const withInk = chunks.filter(name => readFileSync(path.join(dir, name), 'utf8').includes('widestLine'));
		expect(withInk.length).toBeGreaterThan(0);
		for (const name of withInk) expect(readFileSync(path.join(dir, name), 'utf8')).toContain(`cache.size >= ${textCacheLimit}`);
	});
});
