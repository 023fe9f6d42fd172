#!/usr/bin/env node
// Plain JavaScript that any Node parses: the version floor is checked before the bundle (and
// client-node's undici, which fails at import on older Node) loads.
const [major, minor] = process.versions.node.split('.').map(Number);
if (process.argv[2] === '_extension-metadata') {
	// `linkerd check` runs this for every linkerd-* on PATH, every time: answer at once, without the
	// bundle and on any Node, so even a too-old Node gets checked (`check` then says why it fails).
	process.stdout.write('{"name":"linkerd-meshtop","checks":"always"}\n');
} else if (major < 22 || (major === 22 && minor < 19)) {
	process.stderr.write(
		`meshtop needs Node 22.19 or newer; this is ${process.versions.node}. ` +
			'Install Node 24 LTS (nodejs.org, nvm or your package manager); ' +
			'from a clone of meshtop, `npm install && npx meshtop` runs it on the Node it brings.\n',
	);
	process.exit(2);
} else {
	await import('./dist/bundle/cli.js');
}
