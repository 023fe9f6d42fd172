// versionMs: wall time of `node cli.js --version` (must not load Ink or React), with
// `node -e 0` measured alternately in the same run as the floor.
// firstFrameMs: `node cli.js --demo deploy/web -n emojivoto` started under a pty
// (util-linux `script`, sized 160x45 with stty) until its output holds the header's
// third line ("filters:"): process start, demo mesh start, kubeconfig, Ink, first frame.
// Run: node bench/startup.js [runs]
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {median, report, round} from './lib/stats.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 7);
const ansi = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

function timeRun(argv) {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const child = spawn(argv[0], argv.slice(1), {cwd: root, stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		child.stdout.on('data', d => (out += d));
		child.on('exit', code => (code === 0 ? resolve({ms: performance.now() - t0, out}) : reject(new Error(`${argv.join(' ')}: exit ${code}`))));
	});
}

function firstFrame() {
	return new Promise((resolve, reject) => {
		const command = `stty cols 160 rows 45; exec ${process.execPath} cli.js --demo deploy/web -n emojivoto`;
		const t0 = performance.now();
		const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, TERM: 'xterm-256color'}});
		let text = '';
		let shownAt;
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.stdout.on('data', d => {
			if (shownAt !== undefined) return;
			text += d.toString('utf8').replace(ansi, '');
			if (text.includes('filters:')) {
				shownAt = performance.now() - t0;
				child.stdin.write('q');
			}
		});
		child.on('exit', () => {
			clearTimeout(timer);
			if (shownAt === undefined) reject(new Error(`no frame from meshtop --demo: ${text.slice(0, 300)}`));
			else resolve(shownAt);
		});
	});
}

const version = [];
const floor = [];
for (let i = 0; i < runs; i++) {
	floor.push((await timeRun([process.execPath, '-e', '0'])).ms);
	const r = await timeRun([process.execPath, 'cli.js', '--version']);
	if (!/^\d+\.\d+\.\d+/.test(r.out.trim())) throw new Error(`unexpected --version output: ${r.out}`);
	version.push(r.ms);
}
const frames = [];
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) frames.push(await firstFrame());
console.log(`--version ${version.map(x => x.toFixed(0)).join(', ')} ms; node -e 0 ${floor.map(x => x.toFixed(0)).join(', ')} ms`);
console.log(`--demo first frame ${frames.map(x => x.toFixed(0)).join(', ')} ms`);
report({versionMs: round(median(version), 1), nodeFloorMs: round(median(floor), 1), firstFrameMs: round(median(frames), 1)});
