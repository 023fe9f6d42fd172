#!/usr/bin/env node
// Bundles dist/cli.js (tsc's output) into dist/bundle/ with esbuild. Resolving and compiling hundreds of small modules dominated start-up: Ink and
// React alone took ~490 ms to load unbundled and ~105 ms bundled on the project machine.
// Code splitting keeps each dynamic import() a separate chunk, so `meshtop tap` still never
// loads Ink or React, and `--version` loads almost nothing.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {bundleAliases} from './bundle-aliases.js';

const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, {recursive: true, force: true});
await build({
	entryPoints: [new URL('../dist/cli.js', import.meta.url).pathname],
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22.19',
	// Assets found through import.meta.url (proto/, package.json) resolve from dist/bundle/
	// exactly as from dist/<dir>/: both are two levels below the package root.
	alias: bundleAliases,
	// CommonJS dependencies inside an ESM bundle still call require().
	banner: {js: "import {createRequire as __meshtopRequire} from 'node:module'; const require = __meshtopRequire(import.meta.url);"},
	chunkNames: '[name]-[hash]',
	logLevel: 'warning',
	legalComments: 'linked',
});
