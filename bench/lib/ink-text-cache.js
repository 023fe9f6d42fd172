// Shows what the steady soak found: Ink 6.8 keeps every distinct <Text> content it has
// ever laid out (build/measure-text.js caches sizes in a module-level Map that is never
// trimmed), so a screen whose rows change (a clock, a live request stream) retains more
// memory the longer it runs. Renders COUNT distinct rows into one <Text>, then compares
// heap in use after full GCs. The rows fit the 160 columns, as the TUI's cells do; rows
// that wrap also fill build/wrap-text.js's cache, which is unbounded as well.
// Run: NODE_ENV=production node --expose-gc bench/lib/ink-text-cache.js [count]
import React from 'react';
import {Text, render} from 'ink';
import {FakeTtyIn, FakeTtyOut} from './fake-tty.js';

const count = Number(process.argv[2] ?? 50_000);
const heapMB = () => {
	globalThis.gc();
	globalThis.gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
};
const row = i => `18:31:05 out webapp → authors  POST /api/v1/items/${i}  200  ${'x'.repeat(60)}`;
const app = render(React.createElement(Text, null, row(-1)), {stdout: new FakeTtyOut(160, 45), stdin: new FakeTtyIn(), debug: true, patchConsole: false, exitOnCtrlC: false});
const before = heapMB();
for (let i = 0; i < count; i++) {
	app.rerender(React.createElement(Text, null, row(i)));
	if (i % 500 === 0) await new Promise(resolve => setImmediate(resolve));
}
await new Promise(resolve => setTimeout(resolve, 100));
const after = heapMB();
console.log(`heap in use after ${count} distinct rows: ${before.toFixed(1)} -> ${after.toFixed(1)} MB (${Math.round(((after - before) * 1024 * 1024) / count)} B per row)`);
app.unmount();
process.exit(0);
