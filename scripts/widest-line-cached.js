// Bundled in place of `widest-line` (scripts/bundle-aliases.js). Ink's render-node-to-output
// measures every text node with widestLine on every frame, uncached, and string-width walks
// graphemes (Intl.Segmenter, an emoji regex) for any non-ASCII line: rows with `→`, `·`, `🔒`
// or bar glyphs. That was ~15-30% of a 160x45 frame (docs/performance.md). Same result, memoized;
// bounded like Ink's own text caches, since a live stream renders new rows all the time.
import stringWidth from 'string-width';

const cache = new Map();
// A frame has ~50 text nodes; 1,024 keeps a few frames of rows (~0.5 MB of strings).
const maxEntries = 1024;

export default function widestLine(string) {
	let width = cache.get(string);
	if (width !== undefined) return width;
	width = 0;
	for (const line of string.split('\n')) width = Math.max(width, stringWidth(line));
	if (cache.size >= maxEntries) cache.clear();
	cache.set(string, width);
	return width;
}

/** Entries held now (tests and the bench check the bound). */
export function widestLineCacheSize() {
	return cache.size;
}
