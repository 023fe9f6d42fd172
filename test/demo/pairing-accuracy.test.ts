// How often pairing (model/pairing.ts) is wrong or misses, measured on the demo over the wire:
// tap whole namespaces (both ends of most requests are tapped), join the events as the store
// does (each read stamped with its arrival time), and pair. The truth is the x-request-id
// header every demo request carries: the two sides of one request carry the same id. The
// pairing is run twice: on records without headers (what the rule decides from timing and
// outcome alone, the case of a tap without header extraction) and with them.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type DemoMesh, startDemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {Correlator} from '../../source/model/correlate.js';
import {pairRecords} from '../../source/model/pairing.js';
import type {RequestRecord} from '../../source/model/types.js';
import {startTapSession} from '../../source/tap/session.js';

function requestId(record: RequestRecord): string | undefined {
	return record.requestHeaders?.find(h => h.name === 'x-request-id')?.valueStr;
}

async function tapRecords(mesh: DemoMesh, namespace: string, wanted: number): Promise<RequestRecord[]> {
	const loaded = await loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
	const correlator = new Correlator({ttlMs: 30_000, maxOpen: 100_000});
	const records: RequestRecord[] = [];
	const spec = {target: {namespace: '', type: 'namespace', name: namespace}, maxRps: 0, extractHeaders: true};
	let done!: () => void;
	const enough = new Promise<void>(resolve => (done = resolve));
	const session = startTapSession({kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context}, spec, {
		onEvents(events) {
			const at = Date.now();
			for (const event of events) {
				const record = correlator.ingest(event, at);
				if (record && event.http?.kind === 'requestInit') records.push(record);
			}
			if (records.filter(r => r.state === 'done').length >= wanted) done();
		},
		onStatus: () => undefined,
	});
	await enough;
	session.stop();
	await session.done;
	return records.filter(r => r.state === 'done');
}

interface Score {
	records: number;
	/** Requests both of whose sides were tapped (the most pairs there could be). */
	pairable: number;
	pairs: number;
	wrong: number;
	missed: number;
	ambiguous: number;
}

function score(records: RequestRecord[], withHeaders: boolean): Score {
	const input = withHeaders ? records : records.map(r => ({...r, requestHeaders: null}));
	const result = pairRecords(input);
	const byId = new Map<string, RequestRecord[]>();
	for (const r of records) {
		const id = requestId(r)!;
		byId.set(id, [...(byId.get(id) ?? []), r]);
	}
	const pairable = [...byId.values()].filter(rs => rs.some(r => r.direction === 'OUTBOUND') && rs.some(r => r.direction === 'INBOUND')).length;
	let wrong = 0;
	for (let i = 0; i < input.length; i++) {
		const partner = result.partner.get(input[i]!.seq);
		if (partner && input[i]!.direction === 'OUTBOUND' && requestId(records.find(r => r.seq === partner.seq)!) !== requestId(records[i]!)) wrong++;
	}
	return {records: records.length, pairable, pairs: result.pairs, wrong, missed: pairable - (result.pairs - wrong), ambiguous: result.ambiguous};
}

describe('pairing on the demo (truth: x-request-id)', () => {
	let mesh: DemoMesh;
	beforeAll(async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0});
	});
	afterAll(async () => {
		await mesh?.close();
	});

	for (const namespace of ['emojivoto', 'booksapp']) {
		it(`ns/${namespace}: never a wrong pair; most pairable requests paired`, async () => {
			const records = await tapRecords(mesh, namespace, 600);
			for (const r of records) expect(requestId(r)).toBeDefined();
			const timing = score(records, false);
			const headers = score(records, true);
			console.log(`pairing ns/${namespace}: timing only ${JSON.stringify(timing)}; with request ids ${JSON.stringify(headers)}`);
			expect(timing.pairable).toBeGreaterThan(50);
			expect(timing.wrong).toBe(0);
			expect(headers.wrong).toBe(0);
			expect(headers.pairs).toBeGreaterThanOrEqual(timing.pairs);
			expect(timing.pairs).toBeGreaterThan(timing.pairable / 2);
		}, 60_000);
	}
});
