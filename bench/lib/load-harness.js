// Loads bench/lib/tui-harness.js bundled with esbuild as `meshtop` is, plus the Ink cache
// probe (lib/ink-cache-probe.js), so the soak can report the size of Ink's text caches.
// (Module hooks would do it too, but they run a loader thread that adds ~20 MB of RSS.)
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {bundleAliases} from '../../scripts/bundle-aliases.js';
import {inkCacheProbe, inkCacheSizes} from './ink-cache-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

/** {startTui, headerFigures, inkCacheSize(): number} (entries in Ink's text-measure and wrap caches) */
export async function loadHarness() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-soak-'));
	const entry = path.join(dir, 'entry.js');
	writeFileSync(entry, `export {startTui, headerFigures} from ${JSON.stringify(path.join(here, 'tui-harness.js'))};\n`);
	const outfile = path.join(dir, 'harness.js');
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node22.19',
		alias: bundleAliases,
		banner: {js: "import {createRequire as __benchRequire} from 'node:module'; const require = __benchRequire(import.meta.url);"},
		plugins: [inkCacheProbe()],
		logLevel: 'error',
	});
	const harness = await import(pathToFileURL(outfile).href);
	rmSync(dir, {recursive: true, force: true});
	const inkCacheSize = () => {
		const sizes = inkCacheSizes();
		return sizes.measureText + sizes.wrapText;
	};
	return {...harness, inkCacheSize};
}
