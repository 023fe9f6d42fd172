// An esbuild plugin for benches and tests only (the shipped bundle has none): it lets the
// caller read the sizes of Ink 8's text caches. Ink keeps a module-level QuickLRU in
// measure-text.js and exports one from wrap-text.js; a live request stream renders new rows
// all the time, so these must stay bounded (Ink 6.8's Map did not: 1.26 KB per distinct row).
// The probe appends one line to each module that publishes its cache on globalThis.
import {readFile} from 'node:fs/promises';

const caches = [
	{file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/, name: 'measureText', variable: 'cache'},
	{file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/, name: 'wrapText', variable: 'wrapTextCache'},
];

export const probeKey = '__meshtopInkCaches';

/** Sizes of Ink's caches in the bundle that used the probe; -1 for a cache not seen. */
export function inkCacheSizes() {
	const found = globalThis[probeKey] ?? {};
	return Object.fromEntries(caches.map(({name}) => [name, found[name]?.size ?? -1]));
}

export function inkCacheProbe() {
	return {
		name: 'meshtop-ink-cache-probe',
		setup(build) {
			for (const {file, name, variable} of caches) {
				build.onLoad({filter: file}, async args => {
					const original = await readFile(args.path, 'utf8');
					if (!new RegExp(`(const|let) ${variable} = new QuickLRU\\(`).test(original)) {
						throw new Error(`Ink's ${args.path} no longer holds a QuickLRU named ${variable}: review bench/lib/ink-cache-probe.js`);
					}
					const publish = `\n(globalThis.${probeKey} ??= {}).${name} = ${variable};\n`;
					return {contents: original + publish, loader: 'js', resolveDir: args.path.replace(/[\\/][^\\/]+$/, '')};
				});
			}
		},
	};
}
