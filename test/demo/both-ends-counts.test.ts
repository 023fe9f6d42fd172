// Top routes and mTLS over a namespace tap count each request once (model/both-ends.ts),
// measured on the demo over the wire: tap ns/NAME with headers, feed the model as the store
// does (each read stamped with its arrival time), and compare each route's count with the
// truth, the number of distinct x-request-id values its requests carried (the two sides of one
// request carry the same id). Before the rule a route counted every tapped side.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type DemoMesh, startDemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {BothEnds} from '../../source/model/both-ends.js';
import {Correlator} from '../../source/model/correlate.js';
import {MeshModel} from '../../source/model/mesh-model.js';
import {routeTemplate} from '../../source/model/route-template.js';
import type {RequestRecord} from '../../source/model/types.js';
import {startTapSession} from '../../source/tap/session.js';

function requestId(record: RequestRecord): string {
	return record.requestHeaders?.find(h => h.name === 'x-request-id')?.valueStr ?? `no id #${record.seq}`;
}

const routeOf = (r: RequestRecord) => `${r.sourceName} → ${r.destinationName} ${r.method} ${routeTemplate(r.path)}`;

interface Tapped {
	model: MeshModel;
	/** Completed records (joined apart from the model's) in the order their ends arrived, with that time. */
	done: Array<{record: RequestRecord; at: number}>;
}

async function tapNamespace(mesh: DemoMesh, namespace: string, wanted: number): Promise<Tapped> {
	const loaded = await loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
	const model = new MeshModel({bufferSize: 10_000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000});
	const correlator = new Correlator({ttlMs: 30_000, maxOpen: 100_000});
	const done: Tapped['done'] = [];
	const spec = {target: {namespace: '', type: 'namespace', name: namespace}, maxRps: 0, extractHeaders: true};
	let enough!: () => void;
	const finished = new Promise<void>(resolve => (enough = resolve));
	const session = startTapSession({kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context}, spec, {
		onEvents(events) {
			const at = Date.now();
			model.ingest(events, at);
			for (const event of events) {
				const record = correlator.ingest(event, at);
				if (record && event.http?.kind === 'responseEnd') done.push({record, at});
			}
			if (done.length >= wanted) enough();
		},
		onStatus: () => undefined,
	});
	await finished;
	session.stop();
	await session.done;
	return {model, done};
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

describe('top routes over a namespace tap (demo; truth: x-request-id)', () => {
	let mesh: DemoMesh;
	beforeAll(async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0});
	});
	afterAll(async () => {
		await mesh?.close();
	});

	it('ns/emojivoto: each route counts its distinct requests, not both sides of each', async () => {
		const {model, done} = await tapNamespace(mesh, 'emojivoto', 800);
		const now = Date.now();
		const snapshot = model.snapshot(now, 'count');
		// Only requests whose end came in before the snapshot: the same set the routes counted.
		const counted = snapshot.records.filter(r => r.state === 'done');
		const truth = new Map<string, Set<string>>();
		for (const r of counted) truth.set(routeOf(r), (truth.get(routeOf(r)) ?? new Set()).add(requestId(r)));
		const before = countBy(counted, routeOf);
		const after = new Map(snapshot.routes.map(route => [`${route.source} → ${route.destination} ${route.method} ${route.path}`, route.count]));
		const ids = countBy(counted, requestId);
		const bothSides = [...ids.values()].filter(n => n === 2).length;
		const rows = [...truth].map(([route, set]) => ({route, truth: set.size, before: before.get(route), after: after.get(route)}));
		const sum = (pick: (row: (typeof rows)[number]) => number | undefined) => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
		console.log(
			`ns/emojivoto: ${counted.length} completed records, ${ids.size} requests (x-request-id), ${bothSides} seen at both ends; ` +
				`route counts: truth ${sum(r => r.truth)}, before ${sum(r => r.before)}, after ${sum(r => r.after)}; bothEnds ${snapshot.counts.bothEnds}\n` +
				rows.map(r => `  ${r.route}: truth ${r.truth} before ${r.before} after ${r.after}`).join('\n'),
		);
		expect(bothSides).toBeGreaterThan(100);
		for (const row of rows) expect(row.after, row.route).toBe(row.truth);
		expect(snapshot.counts.bothEnds).toBe(bothSides);
		expect(snapshot.mtls.overall.total).toBe(snapshot.records.length - snapshot.counts.bothEnds);

		// Which side counted: the first whose end came in. Replay the ends in arrival order.
		const order = new BothEnds();
		const firstSide = countBy(
			done.filter(({record, at}) => order.counts(record, at) && ids.get(requestId(record)) === 2),
			({record}) => record.direction,
		);
		console.log(`ns/emojivoto: of ${bothSides} requests seen at both ends, counted by INBOUND ${firstSide.get('INBOUND') ?? 0}, by OUTBOUND ${firstSide.get('OUTBOUND') ?? 0}`);
		// The server's proxy sees the end first, so its view is nearly always the one counted.
		expect(firstSide.get('INBOUND') ?? 0).toBeGreaterThanOrEqual(bothSides * 0.9);
	}, 60_000);
});
