#!/usr/bin/env node
// Enforces the layering rule of DESIGN.md: only source/ui/** may import ink or react, and
// cli.tsx may reach ui/ only through a dynamic import(), so `meshtop tap` never loads them.
// Also keeps model/ pure: no node: I/O modules, no kube/tap transport, no clock.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'source');
const uiOnly = /^(ink|react|ink-[\w-]+|@alcalzone\/ink-table|react\/.*)$/;
const staticImport = /^\s*import\s+(?:type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const exportFrom = /^\s*export\s+[\s\S]*?\s+from\s+['"]([^'"]+)['"]/gm;
const problems = [];

function files(dir) {
	return readdirSync(dir).flatMap(name => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

for (const file of files(root)) {
	const rel = path.relative(root, file);
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(staticImport), ...text.matchAll(exportFrom)]
		.filter(m => !/^\s*import\s+type\s/.test(m[0]))
		.map(m => m[1]);
	const inUi = rel.startsWith(`ui${path.sep}`);
	for (const spec of specifiers) {
		if (uiOnly.test(spec) && !inUi) problems.push(`${rel}: imports "${spec}"; only source/ui may import ink/react`);
		if (!inUi && /(^|\/)ui\//.test(spec)) problems.push(`${rel}: statically imports "${spec}"; load ui/ with import() so headless runs stay light`);
		if (rel.startsWith(`model${path.sep}`)) {
			if (/^node:/.test(spec) || /^(fs|net|http|https|child_process)$/.test(spec)) problems.push(`${rel}: model/ must stay pure, imports "${spec}"`);
			if (/\.\.\/(kube|ui|demo|metrics|output)\//.test(spec) || /@kubernetes|@grpc/.test(spec)) {
				problems.push(`${rel}: model/ must not depend on "${spec}"`);
			}
		}
	}
	if (rel.startsWith(`model${path.sep}`) && /\bDate\.now\(|new Date\(\)|performance\.now\(/.test(text)) {
		problems.push(`${rel}: model/ must not read the clock; pass time in`);
	}
}

if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
console.log(`lint-imports: ${files(root).length} files follow the layering rules`);
