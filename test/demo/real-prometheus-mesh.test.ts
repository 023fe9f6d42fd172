// The demo mesh's OWN series on a real Prometheus: Debian's `prometheus` (.ci/run installs it;
// skipped with a message where it is absent) scrapes the stand-in's /metrics — every meshed demo
// proxy's series, from the same traffic model as the tap — every second, while the demo's
// virtual clock runs at real speed. Then the built CLI runs `stat-outbound`/`stat-inbound … -o
// json` once with --prometheus-url at the real one and once at the stand-in (DemoMesh
// .prometheusUrl), and the rows must be the same; for Authz, which metrics-api runs against the
// stand-in only, its six raw queries go to both.
//
// The window. The stand-in evaluates as a Prometheus scraping every 10 s at virtual k·10 s with
// days of history; the real one has only its own 1 s scrapes since it started. `-t 20s` is the
// shortest window the stand-in answers (two of its scrapes) and the real one has filled after
// 21 s of scraping.
//
// The tolerance, per row, in requests over the window (RPS·W and its parts: failures,
// timeouts, retries): 5 per series summed into the row, plus 1%. Each counter the demo exposes is
// floor(rate·t), so any difference of two scrapes is off by under 1 count. The stand-in
// extrapolates its two scrapes 10 s apart to the 20 s window (×2: under 2 counts); the real one
// its ~20 scrapes 1 s apart (×20/19: under 1.06); the CLI then truncates each series (under 1
// count each side). 2 + 1.06 + 1 < 5. The 1% covers the gap between a scrape's timestamp and the
// instant /metrics computed it (milliseconds; 0.003% measured by real-prometheus.test.ts). On a
// loaded machine the real one can miss a scrape (each /metrics of the whole mesh is ~3.5 MB):
// when its first sample then sits more than 1.1 intervals inside the window, it extrapolates only
// half an interval, so the relative tolerance grows by the longest gap between its successful
// scrapes in the window (minus the 1 s it expects) over W. The
// series per row are those that moved in the window (a constant counter contributes exactly 0 to
// both), counted by the real Prometheus (`count by (…) (increase(…) > 0)`). A wrong window, a lost
// extrapolation or a dropped series costs tens of percent, far outside this.
//
// Latencies are not compared: `irate` reads the last two scrapes, 10 s apart in the stand-in
// and 1 s apart in the real one, so the real one's quantiles come from the few requests of one
// second of integer bucket counters (real-prometheus.test.ts compares quantiles on equal data).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {authzQueries} from '../../source/demo/authz-queries.js';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {runCli} from '../reliability/cli.js';
import {prometheusOrSkip, queryProm, startRealPrometheus, type RealPrometheus, type Vector} from './real-prometheus-process.js';

const WINDOW = '20s';
const W = 20;
const PER_SERIES = 5;
const RELATIVE = 0.01;

const binary = prometheusOrSkip('real-prometheus-mesh.test.ts');

type Row = Record<string, string | number | null | undefined>;

async function statJson(args: string[], url: string): Promise<Row[]> {
	const run = runCli([...args, '-t', WINDOW, '-o', 'json', '--prometheus-url', url]);
	const code = await run.exit;
	if (code !== 0) throw new Error(`meshtop ${args.join(' ')} --prometheus-url ${url} exited ${code}: ${run.stderr()}`);
	return JSON.parse(run.stdout()) as Row[];
}

const routeName = (m: Record<string, string>): string => (m['route_kind'] === 'default' || m['route_name'] === 'default' ? '[default]' : m['route_name'] ?? '');

/** Series per row key, from the real Prometheus (the tolerance's n). */
async function seriesPerRow(url: string, query: string, rowKey: (m: Record<string, string>) => string): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const {metric, value} of await queryProm(url, query)) counts.set(rowKey(metric), (counts.get(rowKey(metric)) ?? 0) + value);
	return counts;
}

/** 1%, plus what the real one's missed scrapes in the last W seconds can cost it (see above). */
async function relativeTolerance(url: string): Promise<number> {
	const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(`up[${W + 2}s]`)}`, {signal: AbortSignal.timeout(10_000)});
	const body = await res.json() as {data: {result: Array<{values: Array<[number, string]>}>}};
	const now = Date.now() / 1000;
	const times = (body.data.result[0]?.values ?? []).filter(([, up]) => up === '1').map(([t]) => t);
	const edges = [now - W, ...times.filter(t => t > now - W), now];
	const gap = Math.max(...edges.slice(1).map((t, i) => t - edges[i]!));
	return RELATIVE + Math.max(0, gap - 1.1) / W;
}

function expectNear(what: string, ours: number, theirs: number, series: number, relative = RELATIVE): void {
	const tolerance = PER_SERIES * series + relative * Math.max(Math.abs(ours), Math.abs(theirs));
	expect(Math.abs(ours - theirs), `${what}: stand-in ${ours.toFixed(2)}, real Prometheus ${theirs.toFixed(2)} (± ${tolerance.toFixed(2)} over ${series} series)`).toBeLessThanOrEqual(tolerance);
}

/** Requests over the window, and their failed and timed-out parts, from a JSON row. */
function counts(row: Row, successField: string): {total: number; failures: number; timeouts: number} {
	const total = Number(row['rps']) * W;
	return {total, failures: (1 - Number(row[successField])) * total, timeouts: Number(row['timeoutRate'] ?? 0) * total};
}

describe.skipIf(!binary)('the demo mesh\'s series on a real Prometheus and on the stand-in', () => {
	let mesh: DemoMesh;
	let real: RealPrometheus | undefined;

	beforeAll(async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0});
		real = await startRealPrometheus(binary!, new URL(mesh.prometheusUrl).host);
		const deadline = Date.now() + 40_000;
		let firstScrape = 0;
		for (;;) {
			const up = await Promise.race([real.exited, queryProm(real.url, 'up').catch(() => [] as Vector)]);
			if (!firstScrape && up[0]?.value === 1) firstScrape = Date.now();
			// Every scrape of the last W seconds, and one before them.
			if (firstScrape && Date.now() - firstScrape > (W + 3) * 1000) break;
			if (Date.now() > deadline) throw new Error(`prometheus did not scrape the demo's /metrics for ${W} s (up=${JSON.stringify(up)}): ${real.stderr()}`);
			await new Promise(resolve => setTimeout(resolve, 250));
		}
	}, 60_000);

	afterAll(async () => {
		await real?.stop();
		await mesh?.close();
	}, 15_000);

	for (const [namespace, deployment] of [['booksapp', 'webapp'], ['emojivoto', 'web']] as const) {
		it(`stat-outbound deploy/${deployment} -n ${namespace}: same rows, RPS, success, timeouts and retries`, async () => {
			const args = ['stat-outbound', `deploy/${deployment}`, '-n', namespace];
			const [ours, theirs] = await Promise.all([statJson(args, mesh.prometheusUrl), statJson(args, real!.url)]);
			const relative = await relativeTolerance(real!.url);
			const rowKey = (r: Row) => [r['name'], r['service'], r['port'], r['route'], r['routeType'], r['backend'] ?? '', r['backendPort'] ?? ''].join('|');
			expect(ours.map(rowKey).sort()).toEqual(theirs.map(rowKey).sort());
			expect(ours.length).toBeGreaterThanOrEqual(2);
			const m = `{deployment="${deployment}", namespace="${namespace}"}`;
			const parent = (x: Record<string, string>) => `${x['parent_name']}|${x['parent_port']}|${routeName(x)}`;
			const perRoute = new Map<string, number>();
			const perBackend = new Map<string, number>();
			const retrySeries = new Map<string, number>();
			for (const family of ['http', 'grpc']) {
				const add = (into: Map<string, number>, from: Map<string, number>) => from.forEach((n, k) => into.set(k, (into.get(k) ?? 0) + n));
				add(perRoute, await seriesPerRow(real!.url, `count by (parent_name, parent_port, route_name, route_kind) (increase(outbound_${family}_route_request_statuses_total${m}[${WINDOW}]) > 0)`, parent));
				add(perBackend, await seriesPerRow(real!.url, `count by (parent_name, parent_port, route_name, route_kind, backend_name, backend_port) (increase(outbound_${family}_route_backend_response_statuses_total${m}[${WINDOW}]) > 0)`, x => `${parent(x)}|${x['backend_name']}|${x['backend_port']}`));
				add(retrySeries, await seriesPerRow(real!.url, `count by (parent_name, parent_port, route_name, route_kind) (increase(outbound_${family}_route_retry_requests_total${m}[${WINDOW}]) > 0)`, parent));
			}
			let retried = 0;
			for (const mine of ours) {
				const other = theirs.find(r => rowKey(r) === rowKey(mine))!;
				const route = `${mine['service']}|${mine['port']}|${mine['route']}`;
				const n = mine['backend'] === undefined ? perRoute.get(route) : perBackend.get(`${route}|${mine['backend']}|${mine['backendPort']}`);
				expect(n, `series of ${rowKey(mine)}`).toBeGreaterThan(0);
				const a = counts(mine, 'successRate');
				const b = counts(other, 'successRate');
				expectNear(`${rowKey(mine)} requests`, a.total, b.total, n!, relative);
				expectNear(`${rowKey(mine)} failures`, a.failures, b.failures, n!, relative);
				expectNear(`${rowKey(mine)} timeouts`, a.timeouts, b.timeouts, n!, relative);
				if (mine['backend'] === undefined) {
					const retries = (r: Row, c: {total: number}) => (Number(r['retryRate']) * c.total) / (1 - Number(r['retryRate']));
					expectNear(`${rowKey(mine)} retries`, retries(mine, a), retries(other, b), retrySeries.get(route) ?? 0, relative);
					if (Number(mine['retryRate']) > 0 && Number(other['retryRate']) > 0) retried++;
				}
			}
			if (deployment === 'webapp') expect(retried).toBeGreaterThan(0);
		}, 30_000);
	}

	it('stat-inbound deploy/books -n booksapp: same rows, RPS and success', async () => {
		const args = ['stat-inbound', 'deploy/books', '-n', 'booksapp'];
		const [ours, theirs] = await Promise.all([statJson(args, mesh.prometheusUrl), statJson(args, real!.url)]);
		const relative = await relativeTolerance(real!.url);
		const rowKey = (r: Row) => [r['name'], r['server'], r['port'], r['route'], r['routeType']].join('|');
		expect(ours.map(rowKey).sort()).toEqual(theirs.map(rowKey).sort());
		expect(ours.map(r => r['route'])).toEqual(expect.arrayContaining(['books-get', 'books-modify']));
		const series = await seriesPerRow(
			real!.url,
			`count by (srv_name, srv_kind, route_name, route_kind, target_port) (increase(response_total{deployment="books", direction="inbound", namespace="booksapp"}[${WINDOW}]) > 0)`,
			x => `${x['srv_kind'] === 'default' ? '[default]' : x['srv_name']}|${x['target_port']}|${x['route_name'] === 'default' ? '[default]' : x['route_name']}`,
		);
		for (const mine of ours) {
			const other = theirs.find(r => rowKey(r) === rowKey(mine))!;
			const n = series.get(`${mine['server']}|${mine['port']}|${mine['route']}`);
			expect(n, `series of ${rowKey(mine)}`).toBeGreaterThan(0);
			const a = counts(mine, 'successesRate');
			const b = counts(other, 'successesRate');
			expectNear(`${rowKey(mine)} requests`, a.total, b.total, n!, relative);
			expectNear(`${rowKey(mine)} failures`, a.failures, b.failures, n!, relative);
		}
	}, 30_000);

	it('Authz deploy/payments-api in payments: its six queries give the same groups, and the same counts', async () => {
		const queries = authzQueries({namespace: 'payments', type: 'deployment', name: 'payments-api'}, WINDOW);
		const key = (metric: Record<string, string>) => JSON.stringify(Object.keys(metric).sort().map(name => [name, metric[name]]));
		for (const query of [queries.responses, queries.allow, queries.deny, ...queries.quantiles]) {
			const [ours, theirs] = await Promise.all([queryProm(mesh.prometheusUrl, query), queryProm(real!.url, query)]);
			const relative = await relativeTolerance(real!.url);
			expect(ours.map(s => key(s.metric)).sort(), query).toEqual(theirs.map(s => key(s.metric)).sort());
			expect(theirs.length, query).toBeGreaterThan(0);
			if (query.startsWith('histogram_quantile')) continue;
			// The series that moved, per group: `sum(increase(X{…}[W])) by (G)` → `count by (G) (increase(X{…}[W]) > 0)`.
			const [, range, metric, by] = /^sum\((increase\((\w+)\{[^}]*\}\[[^\]]+\]\))\) by \(([^)]*)\)$/.exec(query)!;
			const series = await queryProm(real!.url, `count by (${by}) (${range} > 0)`);
			for (const sample of theirs) {
				const mine = ours.find(s => key(s.metric) === key(sample.metric))!;
				const n = series.find(s => key(s.metric) === key(sample.metric))?.value ?? 0;
				expectNear(`${metric} ${key(sample.metric)}`, mine.value, sample.value, n, relative);
			}
		}
		// The denial: deny samples carry no authz labels (spec §6.2).
		const deny = await queryProm(real!.url, queries.deny);
		expect(deny.some(s => s.value > 0 && !s.metric['authz_name'])).toBe(true);
	}, 30_000);
});
