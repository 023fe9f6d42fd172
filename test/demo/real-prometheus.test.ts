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
import {performance} from 'node:perf_hooks';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startPromStandIn, type PromStandIn} from '../../source/demo/prom-http.js';
import {createPromEvaluator} from '../../source/demo/promql-eval.js';
import {linearSource, meshSeries} from './prom-source.js';
import {authzQueries, statInboundQueries, statOutboundQueries} from './prom-queries.js';
import {prometheusOrSkip, queryProm, startRealPrometheus, type RealPrometheus, type Vector} from './real-prometheus-process.js';

const WINDOW = '10s';
const SCRAPES_NEEDED = 12;
const INCREASE_TOLERANCE = 0.02;
const QUANTILE_TOLERANCE = 1e-6;

const binary = prometheusOrSkip('real-prometheus.test.ts');

const key = (metric: Record<string, string>): string => JSON.stringify(Object.keys(metric).sort().map(name => [name, metric[name]]));

describe.skipIf(!binary)('a real Prometheus and the stand-in agree', () => {
	let stand: PromStandIn;
	let real: RealPrometheus | undefined;
	const t0 = performance.now();
	const source = linearSource(meshSeries(), 1);
	const evaluator = createPromEvaluator(source);
	const now = () => performance.now() - t0;
	const queryReal = (query: string) => queryProm(real!.url, query);

	beforeAll(async () => {
		stand = await startPromStandIn({source, now, epochMs: Date.now()});
		real = await startRealPrometheus(binary!, `127.0.0.1:${stand.port}`);
		const deadline = Date.now() + 45_000;
		for (;;) {
			const scrapes = await Promise.race([real.exited, queryReal('count_over_time(up[1m])').catch(() => [] as Vector)]);
			const up = await queryReal('up').catch(() => [] as Vector);
			if ((scrapes[0]?.value ?? 0) >= SCRAPES_NEEDED && up[0]?.value === 1) break;
			if (Date.now() > deadline) throw new Error(`prometheus did not scrape the stand-in ${SCRAPES_NEEDED} times in 45 s (up=${JSON.stringify(up)}): ${real.stderr()}`);
			await new Promise(resolve => setTimeout(resolve, 500));
		}
	}, 60_000);

	afterAll(async () => {
		await real?.stop();
		await stand?.close();
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
				const theirs = await queryReal(query);
				const ours = evaluator.query(query, now());
				if (ours.status !== 'success') throw new Error(`stand-in refused ${query}: ${ours.error}`);
				expect(ours.result.map(s => key(s.metric)).sort(), query).toEqual(theirs.map(s => key(s.metric)).sort());
				const quantile = query.startsWith('histogram_quantile');
				for (const sample of theirs) {
					const mine = ours.result.find(s => key(s.metric) === key(sample.metric))!.value;
					if (Number.isNaN(sample.value)) {
						expect(mine, `${query} ${key(sample.metric)}`).toBeNaN();
						continue;
					}
					const tolerance = quantile ? QUANTILE_TOLERANCE : INCREASE_TOLERANCE;
					expect(Math.abs(mine - sample.value), `${query} ${key(sample.metric)}: ours ${mine}, Prometheus ${sample.value}`).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(sample.value), 1e-9));
				}
				if (theirs.length > 0) nonEmpty++;
			}
			// The fixture gives every query data except none: guard against comparing two empty answers.
			expect(nonEmpty).toBeGreaterThanOrEqual(queries.length - 3);
		}, 60_000);
	}
});
