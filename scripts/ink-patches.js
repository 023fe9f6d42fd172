// Build-time fixes to Ink 6.8, applied while esbuild bundles it (scripts/bundle.js). Kept
// to what measurement showed a long-running meshtop needs; each replaces one whole module.
//
// measure-text.js: Ink caches the size of every distinct <Text> content in a module-level
// Map that is never trimmed. A live request stream renders new rows all the time, so the
// cache grew without bound: 50,000 distinct rows kept 60 MB (1.26 KB per row) after full
// GCs (bench/lib/ink-text-cache.js). Same contract, bounded: the cache is dropped when it
// reaches `limit` entries; re-measuring the visible rows costs one frame's worth of work.
import {readFile} from 'node:fs/promises';

export const textCacheLimit = 4096;

export function boundedMeasureText(limit = textCacheLimit) {
	return `import widestLine from 'widest-line';
const cache = new Map();
const measureText = (text) => {
	if (text.length === 0) {
		return {width: 0, height: 0};
	}
	const cached = cache.get(text);
	if (cached) {
		return cached;
	}
	const dimensions = {width: widestLine(text), height: text.split('\\n').length};
	if (cache.size >= ${limit}) {
		cache.clear();
	}
	cache.set(text, dimensions);
	return dimensions;
};
export default measureText;
/** For meshtop's tests: Ink imports only the default export. */
export const cacheSize = () => cache.size;
`;
}

/** esbuild plugin: swaps Ink's measure-text.js for the bounded version, after checking it is the module we expect. */
export function inkPatches() {
	return {
		name: 'meshtop-ink-patches',
		setup(build) {
			build.onLoad({filter: /[\\/]ink[\\/]build[\\/]measure-text\.js$/}, async args => {
				const original = await readFile(args.path, 'utf8');
				// Refuse to patch a module that changed shape: a newer Ink may have fixed it differently.
				if (!original.includes('const cache = new Map();') || !original.includes('cache.set(text, dimensions);')) {
					throw new Error(`ink's measure-text.js changed (${args.path}); review scripts/ink-patches.js`);
				}
				return {contents: boundedMeasureText(), loader: 'js', resolveDir: args.path.replace(/[\\/][^\\/]+$/, '')};
			});
		},
	};
}
