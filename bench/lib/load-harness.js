// Loads bench/lib/tui-harness.js with the Ink that `meshtop` ships. The bundle swaps Ink 6.8's
// measure-text.js for a bounded one (scripts/ink-patches.js), but tsc's dist/ imports Ink
// from node_modules as is; so the harness is bundled here the same way, into a temp dir.
// (Module hooks would do it too, but they run a loader thread that adds ~20 MB of RSS.)
// stock: the harness unbundled, with node_modules' Ink untouched.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {inkPatches} from '../../scripts/ink-patches.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

/** {startTui, headerFigures, inkCacheSize(): number | 'unbounded'} */
export async function loadHarness({stock = false} = {}) {
	if (stock) return {...(await import('./tui-harness.js')), inkCacheSize: () => 'unbounded'};
	const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-soak-'));
	const entry = path.join(dir, 'entry.js');
	// The same file Ink imports, by path, so the bundle holds one instance and we can ask its size.
	const measureText = path.join(root, 'node_modules/ink/build/measure-text.js');
	writeFileSync(entry, `export {startTui, headerFigures} from ${JSON.stringify(path.join(here, 'tui-harness.js'))};\nexport {cacheSize as inkCacheSize} from ${JSON.stringify(measureText)};\n`);
	const outfile = path.join(dir, 'harness.js');
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		alias: {'react-devtools-core': path.join(root, 'scripts/devtools-stub.js')},
		banner: {js: "import {createRequire as __benchRequire} from 'node:module'; const require = __benchRequire(import.meta.url);"},
		plugins: [inkPatches()],
		logLevel: 'error',
	});
	const harness = await import(pathToFileURL(outfile).href);
	rmSync(dir, {recursive: true, force: true});
	return harness;
}
