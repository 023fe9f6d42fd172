import path from 'node:path';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {pathToFileURL} from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM bench helper without types
import {inkCacheProbe, inkCacheSizes} from '../../bench/lib/ink-cache-probe.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Ink's own text measure and wrap, bundled the way the CLI is, with the cache probe. */
async function loadInkText() {
	const dir = mkdtempSync(path.join(tmpdir(), 'meshtop-inkcache-'));
	const entry = path.join(dir, 'entry.js');
	const inkBuild = path.join(root, 'node_modules/ink/build');
	writeFileSync(entry, `export {default as measureText} from ${JSON.stringify(path.join(inkBuild, 'measure-text.js'))};\nexport {default as wrapText} from ${JSON.stringify(path.join(inkBuild, 'wrap-text.js'))};\n`);
	const outfile = path.join(dir, 'ink-text.mjs');
	await build({entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', plugins: [inkCacheProbe()], logLevel: 'error'});
	return (await import(pathToFileURL(outfile).href)) as {
		measureText: (text: string) => {width: number; height: number};
		wrapText: (text: string, width: number, wrap: string) => string;
	};
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function retainedBytes(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

const row = (i: number) => `18:31:05 out deploy/web → deploy/emoji GET /api/items/${i} 200 12ms`;

describe("Ink's text caches stay bounded over a long live stream", () => {
	it('measure and wrap caches fill to 4096 and hold no more memory after 30,000 further distinct rows', async () => {
		const {measureText, wrapText} = await loadInkText();
		expect(measureText('漢字\nab')).toEqual({width: 4, height: 2});
		const render = (from: number, to: number) => {
			for (let i = from; i < to; i++) {
				expect(measureText(row(i)).height).toBe(1);
				wrapText(row(i), 60, 'truncate-end');
			}
		};
		render(0, 10_000);
		expect(inkCacheSizes()).toEqual({measureText: 4096, wrapText: 4096});
		const before = retainedBytes();
		render(10_000, 40_000);
		const grown = retainedBytes() - before;
		expect(inkCacheSizes()).toEqual({measureText: 4096, wrapText: 4096});
		// Unbounded (Ink 6.8's Map) this was ~350 B per row per cache: 30,000 rows would keep > 20 MB.
		expect(grown).toBeLessThan(4 * 1024 * 1024);
	}, 60_000);
});
