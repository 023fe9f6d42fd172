// Measures one full render of the app at 160x45 with 10k buffered requests and 500
// routes (issue 5's budget: ≤ 8 ms). Not a test: timings are printed, never asserted.
// Run: NODE_ENV=production npx tsx test/ui/measure-render.tsx
// Times are process CPU time (user + system), so other processes on a busy machine
// inflate them less than wall time would.
import {createStore} from '../../source/store/store.js';
import {App} from '../../source/ui/app.js';
import {initialUi} from '../../source/ui/ui-state.js';
import {FakeSources, ManualTime, requestEvents} from './fixtures.js';
import {renderAt} from './render.js';
import React from 'react';
import {Box, Text} from 'ink';

const sources = new FakeSources();
const time = new ManualTime();
const store = createStore({
	sources,
	model: {bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000},
	clock: time.clock,
	schedule: time.schedule,
	// A publish per 100 ms tick: each sample is one data frame.
	refreshMs: 100,
});
const target = {namespace: 'emojivoto', type: 'deployment', name: 'web'};
store.start(target);
let stream = 0;
function burst(n: number) {
	const events = [];
	for (let i = 0; i < n; i++, stream++) {
		events.push(
			...requestEvents({
				stream: stream % 1_000_000,
				base: Math.floor(stream / 1_000_000) + 1,
				path: `/api/r${stream % 500}`,
				status: stream % 17 === 0 ? 503 : 200,
				latencyMs: 1 + (stream % 300),
				tls: stream % 11 === 0 ? 'no_tls_from_remote' : 'true',
				from: `client-${stream % 25}`,
			}),
		);
	}
	sources.lastTap.handlers.onEvents(events);
}
burst(10_000);
time.advance(100);
const snapshot = store.getState().snapshot;
console.log(`records ${snapshot.records.length}, routes ${snapshot.routes.length}, edges ${snapshot.mtls.edges.length}`);

const view = renderAt(
	stdout => <App store={store} initialUi={initialUi(true)} showSecrets={false} stdout={stdout} onQuit={() => {}} />,
	160,
	45,
);
const cpuMs = () => {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
};
const turn = () => new Promise(resolve => setImmediate(resolve));
await turn();

const samples: number[] = [];
const storeSamples: number[] = [];
for (let i = 0; i < Number(process.env.SAMPLES ?? 60); i++) {
	burst(50);
	const t0 = cpuMs();
	time.advance(100);
	const t1 = cpuMs();
	const frames = view.stdout.frames.length;
	let written = 0;
	const original = view.stdout.write;
	view.stdout.write = (frame: string) => {
		written = cpuMs();
		return original(frame);
	};
	while (view.stdout.frames.length === frames) await turn();
	view.stdout.write = original;
	storeSamples.push(t1 - t0);
	samples.push(written - t1);
}
const stats = (xs: number[]) => {
	const sorted = [...xs].slice(10).sort((a, b) => a - b);
	const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
	return `median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`;
};
console.log(`store tick (ingest 50 requests + snapshot of 10k): ${stats(storeSamples)}`);
console.log(`React commit + Ink frame at 160x45:            ${stats(samples)}`);
console.log(`frame lines: ${view.lines().length}`);
view.unmount();

// Baseline in the same run: Ink drawing 44 plain lines of 160 columns, nothing of ours.
function Plain({seed}: {seed: number}) {
	const rows = [];
	for (let i = 0; i < 44; i++) rows.push(<Text key={i}>{`${seed} row ${i} `.padEnd(160, 'x')}</Text>);
	return <Box flexDirection="column">{rows}</Box>;
}
const plain = renderAt(<Plain seed={0} />, 160, 45);
const base: number[] = [];
for (let i = 1; i < 60; i++) {
	const t0 = cpuMs();
	plain.instance.rerender(<Plain seed={i} />);
	base.push(cpuMs() - t0);
}
plain.unmount();
console.log(`baseline: Ink alone, 44 plain lines at 160 cols:  ${stats(base)}`);
const median = (xs: number[]) => [...xs].slice(10).sort((a, b) => a - b)[Math.floor((xs.length - 10) / 2)]!;
console.log(`ratio app frame / baseline frame (medians): ${(median(samples) / median(base)).toFixed(2)}`);
store.close();
