// headlessVsRaw: the real CLI (`meshtop tap ... -o jsonl > /dev/null`) against a bare
// reader that only splits frames, both reading the same pre-encoded stream from one
// loopback HTTPS server in this process. Each client runs as its own child; rates are
// events over the server-side lifetime of the tap response (POST received to hang-up),
// so process start-up is not counted. CPU time comes from bash's `times`.
// Run: node bench/headless.js [cliRequests] [rawFrames] [runs]
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildEvents, encodeStream} from './lib/events.js';
import {startFrameServer} from './lib/frame-server.js';
import {median, report, round} from './lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const cliRequests = Number(process.argv[2] ?? 60_000);
const rawFrames = Number(process.argv[3] ?? 2_000_000);
const runs = Number(process.argv[4] ?? 3);

const pool = buildEvents(20_000);
const stream = encodeStream(pool);

/** Frames the CLI reads up to and including its Nth completed request in the replayed pool. */
function framesForRequests(n) {
	let ends = 0;
	for (let i = 0; ; i++) {
		if (pool[i % pool.length].http.kind === 'responseEnd' && ++ends === n) return i + 1;
	}
}

let lastTap;
const server = await startFrameServer(stream, tap => {
	lastTap = tap;
});
const caFile = path.join(os.tmpdir(), `meshtop-bench-ca-${process.pid}.pem`);
writeFileSync(caFile, server.caPem);

const q = s => `'${s.replaceAll("'", "'\\''")}'`;

/** Runs a command under bash with stdout to /dev/null; returns the child's CPU ms from `times`. */
function run(argv, needsTap = true) {
	return new Promise((resolve, reject) => {
		lastTap = undefined;
		const script = `${argv.map(q).join(' ')} > /dev/null; code=$?; times >&2; exit $code`;
		const child = spawn('bash', ['-c', script], {cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NODE_ENV: 'production'}});
		let err = '';
		child.stderr.on('data', d => (err += d));
		child.on('exit', code => {
			const lines = err.trim().split('\n');
			const times = lines.at(-1).match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
			if (code !== 0 || !times || (needsTap && !lastTap)) {
				reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
				return;
			}
			const cpuMs = (Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4])) * 1000;
			resolve({cpuMs, wallMs: lastTap ? lastTap.closedAt - lastTap.openedAt : NaN});
		});
	});
}

const cliFrames = framesForRequests(cliRequests);
const cli = () =>
	run([process.execPath, 'cli.js', 'tap', 'deploy/web', '-n', 'emojivoto', '--kubeconfig', server.kubeconfigPath, '-o', 'jsonl', '--max-requests', String(cliRequests)]);
const raw = () => run([process.execPath, 'bench/lib/raw-reader.js', server.url, server.token, caFile, String(rawFrames)]);
// Start-up cost of the CLI with no events, subtracted from its CPU time.
const idle = () => run([process.execPath, 'cli.js', '--version'], false);

const rows = {cli: [], raw: [], idle: []};
for (let i = 0; i < runs; i++) {
	rows.raw.push(await raw());
	rows.cli.push(await cli());
	rows.idle.push(await idle());
}
await server.close();

const wallRate = (r, frames) => frames / (r.wallMs / 1000);
const cliWall = median(rows.cli.map(r => wallRate(r, cliFrames)));
const rawWall = median(rows.raw.map(r => wallRate(r, rawFrames)));
const idleCpu = median(rows.idle.map(r => r.cpuMs));
const cliCpu = median(rows.cli.map(r => cliFrames / (Math.max(1, r.cpuMs - idleCpu) / 1000)));
const rawCpu = median(rows.raw.map(r => rawFrames / (Math.max(1, r.cpuMs - idleCpu) / 1000)));
console.log(`frames ${Math.round(stream.length / pool.length)} bytes avg; cli ${cliFrames} events/run, raw ${rawFrames} frames/run`);
for (const [name, rs] of Object.entries(rows)) {
	console.log(`${name.padEnd(5)} ${rs.map(r => `wall ${Number.isNaN(r.wallMs) ? '-' : r.wallMs.toFixed(0)} ms cpu ${r.cpuMs.toFixed(0)} ms`).join(' | ')}`);
}
console.log(`cli ${Math.round(cliWall)} ev/s wall, ${Math.round(cliCpu)} ev/cpu-s; raw ${Math.round(rawWall)} ev/s wall, ${Math.round(rawCpu)} ev/cpu-s`);
report({
	headlessVsRaw: round(cliWall / rawWall, 3),
	headlessVsRawCpu: round(cliCpu / rawCpu, 3),
	headlessEventsPerSec: Math.round(cliWall),
	rawEventsPerSec: Math.round(rawWall),
});
