// The stand-in against the real engine: a real Prometheus (Debian's `prometheus` package;
// .ci/run installs it) scrapes the stand-in's /metrics every second, then the exact query
// strings linkerd sends (stat-outbound's 18, stat-inbound's 4, Authz's 6) go to both, and the
// answers must agree.
//
// Why they can agree although Prometheus scrapes on the wall clock at its own offsets: the
// source's counters grow linearly with time, and /metrics is served from a clock running at
// real speed. For a linear counter, Prometheus' extrapolated increase over a full window is
// exactly rate · W wherever the scrapes fall, and so is ours on its own scrape grid. What is
// left is the gap between a scrape's timestamp (when Prometheus started it) and the instant
// /metrics computed the values — milliseconds, varying from scrape to scrape — over a 10 s
// window: measured 0.003% on an idle machine; increases must agree within 2%, which leaves
// room for 200 ms of scrape-latency swing on a loaded CI box while the extrapolation itself
// matters (without it ours is off by a tenth, one scrape interval in ten). Quantiles are ratios of one scrape's buckets, all computed at one instant,
// so that gap cancels: they must agree to 1e-6 (NaN with NaN).
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startPromStandIn, type PromStandIn} from '../../source/demo/prom-http.js';
import {createPromEvaluator} from '../../source/demo/promql-eval.js';
import {linearSource, meshSeries} from './prom-source.js';
import {authzQueries, statInboundQueries, statOutboundQueries} from './prom-queries.js';

const WINDOW = '10s';
const SCRAPES_NEEDED = 12;
const INCREASE_TOLERANCE = 0.02;
const QUANTILE_TOLERANCE = 1e-6;

function findPrometheus(): string | undefined {
	const fromEnv = process.env['PROMETHEUS_BIN'];
	if (fromEnv && existsSync(fromEnv)) return fromEnv;
	for (const dir of (process.env['PATH'] ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
		const candidate = path.join(dir, 'prometheus');
		if (dir && existsSync(candidate)) return candidate;
	}
	return undefined;
}

const binary = findPrometheus();
if (!binary) console.warn('real-prometheus.test.ts: no prometheus binary (apt-get install prometheus, or set PROMETHEUS_BIN): the comparison with a real Prometheus is skipped');

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

type Vector = Array<{metric: Record<string, string>; value: number}>;

async function queryReal(port: number, query: string): Promise<Vector> {
	const res = await fetch(`http://127.0.0.1:${port}/api/v1/query`, {
		method: 'POST',
		headers: {'Content-Type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({query}).toString(),
		signal: AbortSignal.timeout(10_000),
	});
	const body = await res.json() as {status: string; error?: string; data?: {result: Array<{metric: Record<string, string>; value: [number, string]}>}};
	if (body.status !== 'success') throw new Error(`real Prometheus refused ${query}: ${body.error}`);
	return body.data!.result.map(({metric, value}) => ({metric, value: Number.parseFloat(value[1])}));
}

const key = (metric: Record<string, string>): string => JSON.stringify(Object.keys(metric).sort().map(name => [name, metric[name]]));

describe.skipIf(!binary)('a real Prometheus and the stand-in agree', () => {
	let stand: PromStandIn;
	let prometheus: ChildProcess | undefined;
	let promPort = 0;
	let dir = '';
	let stderr = '';
	const killOnExit = () => prometheus?.kill('SIGKILL');
	const t0 = performance.now();
	const source = linearSource(meshSeries(), 1);
	const evaluator = createPromEvaluator(source);
	const now = () => performance.now() - t0;

	beforeAll(async () => {
		stand = await startPromStandIn({source, now, epochMs: Date.now()});
		promPort = await freePort();
		dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-prometheus-'));
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
			`      - targets: ['127.0.0.1:${stand.port}']`,
			'',
		].join('\n'));
		process.once('exit', killOnExit);
		prometheus = spawn(binary!, [
			`--config.file=${config}`,
			`--storage.tsdb.path=${path.join(dir, 'data')}`,
			`--web.listen-address=127.0.0.1:${promPort}`,
			'--log.level=warn',
		], {stdio: ['ignore', 'ignore', 'pipe']});
		prometheus.stderr!.on('data', (chunk: Buffer) => {
			stderr = (stderr + chunk.toString('utf8')).slice(-4000);
		});
		const exited = new Promise<never>((_, reject) => prometheus!.once('exit', code => reject(new Error(`prometheus exited with ${code}: ${stderr}`))));
		exited.catch(() => {});
		const deadline = Date.now() + 45_000;
		for (;;) {
			const scrapes = await Promise.race([exited, queryReal(promPort, 'count_over_time(up[1m])').catch(() => [] as Vector)]);
			const up = await queryReal(promPort, 'up').catch(() => [] as Vector);
			if ((scrapes[0]?.value ?? 0) >= SCRAPES_NEEDED && up[0]?.value === 1) break;
			if (Date.now() > deadline) throw new Error(`prometheus did not scrape the stand-in ${SCRAPES_NEEDED} times in 45 s (up=${JSON.stringify(up)}): ${stderr}`);
			await new Promise(resolve => setTimeout(resolve, 500));
		}
	}, 60_000);

	afterAll(async () => {
		const proc = prometheus;
		if (proc && proc.exitCode === null && proc.signalCode === null) {
			const gone = new Promise(resolve => proc.once('exit', resolve));
			proc.kill('SIGTERM');
			const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
			await gone;
			clearTimeout(timer);
		}
		process.off('exit', killOnExit);
		await stand?.close();
		if (dir) rmSync(dir, {recursive: true, force: true});
	}, 15_000);

	const suites: Array<[string, string[]]> = [
		['stat-outbound -n books deploy/web', statOutboundQueries('books', 'web', WINDOW)],
		['stat-inbound -n books deploy/books', statInboundQueries('books', 'books', WINDOW)],
		['Authz deploy/books in books', authzQueries('books', 'books', WINDOW)],
	];
	for (const [name, queries] of suites) {
		it(`${name}: same label sets and values`, async () => {
			let nonEmpty = 0;
			for (const query of queries) {
				const real = await queryReal(promPort, query);
				const ours = evaluator.query(query, now());
				if (ours.status !== 'success') throw new Error(`stand-in refused ${query}: ${ours.error}`);
				expect(ours.result.map(s => key(s.metric)).sort(), query).toEqual(real.map(s => key(s.metric)).sort());
				const quantile = query.startsWith('histogram_quantile');
				for (const sample of real) {
					const mine = ours.result.find(s => key(s.metric) === key(sample.metric))!.value;
					if (Number.isNaN(sample.value)) {
						expect(mine, `${query} ${key(sample.metric)}`).toBeNaN();
						continue;
					}
					const tolerance = quantile ? QUANTILE_TOLERANCE : INCREASE_TOLERANCE;
					expect(Math.abs(mine - sample.value), `${query} ${key(sample.metric)}: ours ${mine}, Prometheus ${sample.value}`).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(sample.value), 1e-9));
				}
				if (real.length > 0) nonEmpty++;
			}
			// The fixture gives every query data except none: guard against comparing two empty answers.
			expect(nonEmpty).toBeGreaterThanOrEqual(queries.length - 3);
		}, 60_000);
	}
});
