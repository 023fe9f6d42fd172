// frameMs: CPU time of one frame of the running TUI at 160x45 with a full buffer
// (10,000 requests over 500 routes): from a burst of 50 requests arriving to the last
// byte of the frame written, i.e. the store tick (ingest + snapshot), React, Ink and
// the screen writer. The process is otherwise idle, so its CPU time is the frame's.
// Baseline in the same run: Ink alone redrawing 44 plain lines of 160 columns.
// Run with NODE_ENV=production FORCE_COLOR=1: node bench/frame.js [samples]
import React from 'react';
import {Box, Text, render} from 'ink';
import {runTui} from '../dist/ui/run.js';
import {buildEvents, encodeStream} from './lib/events.js';
import {BenchSources, splitFrames} from './lib/fake-sources.js';
import {FakeTtyIn, FakeTtyOut} from './lib/fake-tty.js';
import {cpuMs, median, report, round, sleep, turn} from './lib/stats.js';

const samples = Number(process.argv[2] ?? 40);
const frames = splitFrames(encodeStream(buildEvents(20_000)));
const sources = new BenchSources(frames, 0);
const stdout = new FakeTtyOut(160, 45);
const stdin = new FakeTtyIn();
const done = runTui({
	sources,
	target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
	showSecrets: false,
	color: true,
	bufferSize: 10_000,
	// A data frame per burst: the shortest refresh, so a sample is one ingest tick and one frame.
	refreshMs: 100,
	stdin,
	stdout,
	stderr: new FakeTtyOut(),
});
await sleep(300);
// Fill the buffer: 10k requests (30k events) in a few bursts, then let it settle.
for (let i = 0; i < 6; i++) {
	sources.deliver(sources.handlers, 5_000);
	await sleep(150);
}
sources.deliver(sources.handlers, 3_000);
await sleep(1000);

let lastWriteCpu = 0;
stdout.watch = () => {
	lastWriteCpu = cpuMs();
};
const times = [];
for (let i = 0; i < samples + 5; i++) {
	const writes = stdout.writes;
	sources.deliver(sources.handlers, 150);
	const start = cpuMs();
	const deadline = performance.now() + 2000;
	while (stdout.writes === writes && performance.now() < deadline) await sleep(5);
	await turn();
	await sleep(60);
	if (i >= 5) times.push(lastWriteCpu - start);
}
stdout.watch = null;
stdin.type('q');
await Promise.race([done, sleep(2000)]);
sources.close();

// Baseline: Ink alone, the same fake terminal and mode, 44 lines of plain text.
const plainLines = seed => {
	const rows = [];
	for (let i = 0; i < 44; i++) rows.push(React.createElement(Text, {key: i}, `${seed} row ${i} `.padEnd(160, 'x')));
	return React.createElement(Box, {flexDirection: 'column'}, rows);
};
const baseOut = new FakeTtyOut(160, 45);
const plain = render(plainLines(0), {stdout: baseOut, stdin: new FakeTtyIn(), stderr: new FakeTtyOut(), debug: true, exitOnCtrlC: false, patchConsole: false});
const base = [];
for (let i = 1; i <= samples; i++) {
	const t0 = cpuMs();
	plain.rerender(plainLines(i));
	base.push(cpuMs() - t0);
	await turn();
}
plain.unmount();

const frameMs = median(times);
const baseMs = median(base);
console.log(`frame (store tick + React + Ink + writer), CPU ms: median ${frameMs.toFixed(2)}, max ${Math.max(...times).toFixed(2)} over ${times.length}`);
console.log(`baseline Ink alone, 44 plain lines: median ${baseMs.toFixed(2)} ms; ratio ${(frameMs / baseMs).toFixed(2)}`);
report({frameMs: round(frameMs, 2), frameMaxMs: round(Math.max(...times), 2), baselineFrameMs: round(baseMs, 2)});
process.exit(0);
