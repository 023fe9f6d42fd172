// Module aliases the shipped bundle (scripts/bundle.js) and the bench's bundled harness
// (bench/lib/load-harness.js) share, so the bench measures what ships.
const here = path => new URL(path, import.meta.url).pathname;

export const bundleAliases = {
	// Ink loads react-devtools-core only when DEV=true; it is not a dependency.
	'react-devtools-core': here('./devtools-stub.js'),
	// A memoized widestLine: Ink measures every text node on every frame (see the file).
	'widest-line': here('./widest-line-cached.js'),
};
