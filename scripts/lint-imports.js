#!/usr/bin/env node
// Keeps the rooms of docs/architecture.md true:
// - every import between rooms (source/<room>/…) follows an allowed arrow (type imports too);
// - no import cycle between source files (type imports count: a cycle is a knot to read);
// - only source/ui/** imports ink or react, and others reach ui/ only through import(), so
//   `meshtop tap` never loads them;
// - model/ stays pure: no node: I/O modules, no clock.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'source'));

// room → rooms it may import statically. `cli` is source/cli.tsx and source/options.ts.
// commands/ may also import('../ui/…') dynamically (below); nothing else reaches ui/.
export const allowedArrows = {
	model: [],
	kube: ['model'],
	tap: ['model', 'kube'],
	metrics: ['model', 'kube'],
	prom: ['model', 'kube', 'metrics'],
	sources: ['model', 'kube', 'tap', 'metrics', 'prom'],
	store: ['model', 'sources'],
	output: ['model'],
	ui: ['model', 'store', 'sources'],
	demo: ['model', 'tap', 'metrics'],
	check: ['model', 'kube', 'metrics'],
	commands: ['cli', 'model', 'kube', 'tap', 'metrics', 'prom', 'sources', 'store', 'output', 'demo', 'check'],
	cli: ['model'],
};
const dynamicAlso = {commands: ['ui', 'sources', 'demo', 'kube', 'check'], cli: ['commands']};

const uiOnly = /^(ink|react|ink-[\w-]+|@alcalzone\/ink-table|react\/.*)$/;
const importRe = /^\s*(?:import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const dynamicRe = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];

function files(dir) {
	return readdirSync(dir).flatMap(name => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

function roomOf(rel) {
	const first = rel.split(path.sep)[0];
	return first === rel ? 'cli' : first;
}

function resolve(from, spec) {
	const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, '');
	for (const candidate of [`${base}.ts`, `${base}.tsx`]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {}
	}
	return undefined;
}

const all = files(root);
const graph = new Map();
for (const file of all) {
	const rel = path.relative(root, file);
	const room = roomOf(rel);
	const text = readFileSync(file, 'utf8');
	const deps = [];
	const check = (spec, kind) => {
		if (uiOnly.test(spec) && room !== 'ui') problems.push(`${rel}: imports "${spec}"; only source/ui may import ink/react`);
		if (room === 'model' && (/^node:/.test(spec) || /^(fs|net|http|https|child_process)$/.test(spec) || /@kubernetes|@grpc/.test(spec))) {
			problems.push(`${rel}: model/ must stay pure, imports "${spec}"`);
		}
		if (!spec.startsWith('.')) return;
		const target = resolve(file, spec);
		if (!target) return problems.push(`${rel}: "${spec}" does not resolve to a source file`);
		const targetRoom = roomOf(path.relative(root, target));
		if (kind !== 'dynamic') deps.push(target);
		if (targetRoom === room) return;
		const allowed = kind === 'dynamic' ? [...allowedArrows[room], ...(dynamicAlso[room] ?? [])] : allowedArrows[room];
		if (!allowed?.includes(targetRoom)) {
			problems.push(`${rel}: ${room}/ may not import ${targetRoom}/ ("${spec}"${kind === 'dynamic' ? ', dynamic' : ''}); see docs/architecture.md`);
		}
	};
	for (const m of text.matchAll(importRe)) check(m[2], m[1] ? 'type' : 'static');
	for (const m of text.matchAll(dynamicRe)) check(m[1], 'dynamic');
	graph.set(file, deps);
	if (room === 'model' && /\bDate\.now\(|new Date\(\)|performance\.now\(/.test(text)) {
		problems.push(`${rel}: model/ must not read the clock; pass time in`);
	}
}

// Cycles: depth-first search over static and type imports.
const state = new Map();
function visit(file, stack) {
	state.set(file, 'open');
	stack.push(file);
	for (const dep of graph.get(file) ?? []) {
		if (state.get(dep) === 'open') {
			const cycle = stack.slice(stack.indexOf(dep)).concat(dep).map(f => path.relative(root, f));
			problems.push(`import cycle: ${cycle.join(' → ')}`);
		} else if (!state.has(dep)) visit(dep, stack);
	}
	stack.pop();
	state.set(file, 'done');
}
for (const file of all) if (!state.has(file)) visit(file, []);

if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
console.log(`lint-imports: ${all.length} files follow the layering rules, no import cycles`);
