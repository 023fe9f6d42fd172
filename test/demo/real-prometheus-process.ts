// A real Prometheus for tests: Debian's `prometheus` package (.ci/run installs it), or
// PROMETHEUS_BIN, started on 127.0.0.1 with a 1 s scrape of one target, in a temporary
// directory; always killed again (stop(), and on process exit should a test runner die first).
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPrometheus(): string | undefined {
	const fromEnv = process.env['PROMETHEUS_BIN'];
	if (fromEnv && existsSync(fromEnv)) return fromEnv;
	for (const dir of (process.env['PATH'] ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
		const candidate = path.join(dir, 'prometheus');
		if (dir && existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** The binary, or undefined after saying on stderr why `file`'s comparison is skipped. */
export function prometheusOrSkip(file: string): string | undefined {
	const binary = findPrometheus();
	if (!binary) console.warn(`${file}: no prometheus binary (apt-get install prometheus, or set PROMETHEUS_BIN): the comparison with a real Prometheus is skipped`);
	return binary;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export type Vector = Array<{metric: Record<string, string>; value: number}>;

export async function queryProm(url: string, query: string): Promise<Vector> {
	const res = await fetch(`${url}/api/v1/query`, {
		method: 'POST',
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({query}).toString(),
		signal: AbortSignal.timeout(10_000),
	});
	const body = await res.json() as {status: string; error?: string; data?: {result: Array<{metric: Record<string, string>; value: [number, string]}>}};
	if (body.status !== 'success') throw new Error(`${url} refused ${query}: ${body.error}`);
	return body.data!.result.map(({metric, value}) => ({metric, value: Number.parseFloat(value[1])}));
}

export interface RealPrometheus {
	/** `http://127.0.0.1:PORT`. */
	url: string;
	/** The last 4000 characters it wrote to stderr. */
	stderr(): string;
	/** Rejects when the process exits on its own. */
	exited: Promise<never>;
	stop(): Promise<void>;
}

/** Starts it scraping `target` (host:port, path /metrics) every second, keeping its labels. */
export async function startRealPrometheus(binary: string, target: string): Promise<RealPrometheus> {
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-prometheus-'));
	const config = path.join(dir, 'prometheus.yml');
	writeFileSync(config, [
		'global:',
		'  scrape_interval: 1s',
		'  evaluation_interval: 1s',
		'scrape_configs:',
		'  - job_name: linkerd-proxy',
		'    honor_labels: true',
		'    scrape_interval: 1s',
		'    scrape_timeout: 1s',
		'    static_configs:',
		`      - targets: ['${target}']`,
		'',
	].join('\n'));
	let stderr = '';
	const proc: ChildProcess = spawn(binary, [
		`--config.file=${config}`,
		`--storage.tsdb.path=${path.join(dir, 'data')}`,
		`--web.listen-address=127.0.0.1:${port}`,
		'--log.level=warn',
	], {stdio: ['ignore', 'ignore', 'pipe']});
	const killOnExit = () => proc.kill('SIGKILL');
	process.once('exit', killOnExit);
	proc.stderr!.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString('utf8')).slice(-4000);
	});
	const exited = new Promise<never>((_, reject) => proc.once('exit', code => reject(new Error(`prometheus exited with ${code}: ${stderr}`))));
	exited.catch(() => {});
	return {
		url: `http://127.0.0.1:${port}`,
		stderr: () => stderr,
		exited,
		async stop() {
			if (proc.exitCode === null && proc.signalCode === null) {
				const gone = new Promise(resolve => proc.once('exit', resolve));
				proc.kill('SIGTERM');
				const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
				await gone;
				clearTimeout(timer);
			}
			process.off('exit', killOnExit);
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
