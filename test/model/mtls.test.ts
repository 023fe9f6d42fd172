import {describe, expect, it} from 'vitest';
import {MtlsCoverage} from '../../source/model/mtls.js';
import {makeRecord} from './events.js';

describe('MtlsCoverage', () => {
	it('counts only tls=true as secured and keeps every other reason raw', () => {
		const m = new MtlsCoverage();
		// Every value from spec §4.1 (server side, then client side), plus legacy ones and a missing label.
		const reasons = [
			'passthru',
			'disabled',
			'loopback',
			'port_skipped',
			'no_tls_from_remote',
			'not_provided_by_service_discovery',
			'ingress_without_override',
			'not_provided_by_remote',
			'no_identity',
			'',
		];
		m.add(makeRecord({tls: 'true'}));
		m.add(makeRecord({tls: 'true'}));
		for (const tls of reasons) m.add(makeRecord({tls}));
		m.add(makeRecord({tls: 'disabled'}));
		m.add(makeRecord({tls: 'TRUE'}));
		expect(m.overall()).toEqual({total: 14, secured: 2});
		const [edge] = m.edges();
		expect(edge).toMatchObject({source: 'deploy/web', destination: 'deploy/api', total: 14, secured: 2, unmeshedSource: false});
		expect(edge!.reasons).toEqual([
			{reason: 'disabled', count: 2},
			{reason: '', count: 1},
			{reason: 'TRUE', count: 1},
			{reason: 'ingress_without_override', count: 1},
			{reason: 'loopback', count: 1},
			{reason: 'no_identity', count: 1},
			{reason: 'no_tls_from_remote', count: 1},
			{reason: 'not_provided_by_remote', count: 1},
			{reason: 'not_provided_by_service_discovery', count: 1},
			{reason: 'passthru', count: 1},
			{reason: 'port_skipped', count: 1},
		]);
	});

	it('orders edges by secured share, then by total', () => {
		const m = new MtlsCoverage();
		const add = (source: string, secured: number, plain: number) => {
			for (let i = 0; i < secured; i++) m.add(makeRecord({sourceName: source, tls: 'true'}));
			for (let i = 0; i < plain; i++) m.add(makeRecord({sourceName: source, tls: 'disabled'}));
		};

		add('deploy/all', 5, 0);
		add('deploy/half-small', 1, 1);
		add('deploy/none', 0, 3);
		add('deploy/half-big', 4, 4);
		add('deploy/all-big', 9, 0);
		expect(m.edges().map((e) => [e.source, e.secured, e.total])).toEqual([
			['deploy/none', 0, 3],
			['deploy/half-big', 4, 8],
			['deploy/half-small', 1, 2],
			['deploy/all-big', 9, 9],
			['deploy/all', 5, 5],
		]);
	});

	it('flags unmeshed sources', () => {
		const m = new MtlsCoverage();
		// Plaintext from the client of an INBOUND request.
		m.add(makeRecord({direction: 'INBOUND', sourceName: '10.3.3.3', sourceLabels: null, tls: 'no_tls_from_remote'}));
		// A pod the tap server knows, without control_plane_ns.
		m.add(makeRecord({direction: 'INBOUND', sourceName: 'deploy/legacy', sourceLabels: {pod: 'legacy-1', deployment: 'legacy'}, tls: 'true'}));
		// A meshed pod, and a node whose mesh status is unknown.
		m.add(makeRecord({direction: 'INBOUND', sourceName: 'deploy/web', tls: 'true'}));
		m.add(makeRecord({direction: 'INBOUND', sourceName: 'node/n1', sourceLabels: {node: 'n1'}, tls: 'true'}));
		const flags = Object.fromEntries(m.edges().map((e) => [e.source, e.unmeshedSource]));
		expect(flags).toEqual({'10.3.3.3': true, 'deploy/legacy': true, 'deploy/web': false, 'node/n1': false});
	});

	it('bounds the edges, dropping the least recently seen', () => {
		const m = new MtlsCoverage({maxEdges: 2});
		m.add(makeRecord({destinationName: 'a'}));
		m.add(makeRecord({destinationName: 'b'}));
		m.add(makeRecord({destinationName: 'a'}));
		m.add(makeRecord({destinationName: 'c'}));
		expect(m.edges().map((e) => e.destination).sort()).toEqual(['a', 'c']);
		expect(m.evictions).toBe(1);
		expect(m.overall()).toEqual({total: 4, secured: 4});
		m.clear();
		expect([m.overall(), m.edges()]).toEqual([{total: 0, secured: 0}, []]);
	});
});
