// Prints the heaviest functions of a .cpuprofile by self time (and total time),
// so profiles quoted in docs/performance.md can be reproduced without DevTools.
// Run: node bench/lib/profile-summary.js FILE.cpuprofile [rows]
import {readFileSync} from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
	const id = profile.samples[i];
	self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = n => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map();
const totalBy = new Map();
let all = 0;
for (const [id, us] of self) {
	all += us;
	const n = byId.get(id);
	selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + us);
	// Total: count each function once per sample however deep it recurses.
	const seen = new Set();
	for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
		const k = key(byId.get(cur));
		if (seen.has(k)) continue;
		seen.add(k);
		totalBy.set(k, (totalBy.get(k) ?? 0) + us);
	}
}
const rows = Number(rowsArg ?? 25);
const pct = us => ((100 * us) / all).toFixed(1).padStart(5) + '%';
console.log(`total ${(all / 1000).toFixed(0)} ms sampled`);
console.log('self time:');
for (const [k, us] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${pct(us)}  ${k}`);
console.log('total time:');
for (const [k, us] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${pct(us)}  ${k}`);
