// The demo's protobufjs encoder against meshtop's own hand-written decoder: the two
// implementations must agree on every field of events that exercise the whole schema.
import {describe, expect, it} from 'vitest';
import {DemoCluster} from '../../source/demo/cluster.js';
import {inboundEvents, outboundEvents} from '../../source/demo/events.js';
import {encodeTapEvent, TapEventType} from '../../source/demo/proto.js';
import {buildTopology} from '../../source/demo/topology.js';
import {decodeTapEvent} from '../../source/tap/decode.js';

describe('demo encoder vs meshtop decoder', () => {
	it('agrees on addresses, labels, ids, durations, headers and end-of-stream', () => {
		const cluster = new DemoCluster(buildTopology({seed: 2}), () => '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
		const ctx = {topology: cluster.topology, pods: cluster.pods(), extractHeaders: true};
		let checked = 0;
		for (let w = 0; w < 6; w++) {
			for (const request of cluster.windowRequests(w)) {
				const views = [
					...(request.client.pod?.meshed ? outboundEvents(ctx, request, {base: w + 7, stream: checked % 50}) : []),
					...(request.server.pod?.meshed ? inboundEvents(ctx, request, {base: w + 7, stream: checked % 50}) : []),
				];
				for (const {event} of views) {
					const ours = decodeTapEvent(encodeTapEvent(event).subarray(4));
					const theirs = TapEventType.toObject(TapEventType.fromObject(event), {longs: Number, enums: String}) as Record<string, any>;
					expect(ours.source?.ip).toBe(request.client.ip);
					expect(ours.destination?.ip).toBe(request.server.ip);
					expect(ours.source?.port).toBe(request.client.port);
					expect(ours.sourceMeta).toEqual(theirs['sourceMeta'].labels);
					expect(ours.destinationMeta).toEqual(theirs['destinationMeta'].labels);
					expect(ours.proxyDirection).toBe(theirs['proxyDirection']);
					const kind = Object.keys(theirs['http'])[0]!;
					const http = theirs['http'][kind];
					expect(ours.http?.kind).toBe(kind);
					expect(ours.http?.id).toEqual(http.id);
					if (ours.http?.kind === 'requestInit') {
						expect(ours.http.method).toBe(request.method);
						expect(ours.http.path).toBe(request.path);
						expect(ours.http.authority).toBe(request.authority);
						expect(ours.http.headers?.map(h => [h.name, h.valueStr])).toEqual(http.headers.headers.map((h: any) => [h.name, h.valueStr]));
					}
					if (ours.http?.kind === 'responseEnd') {
						expect(ours.http.responseBytes).toBe(request.responseBytes);
						expect(ours.http.sinceRequestInit).toEqual({seconds: http.sinceRequestInit.seconds ?? 0, nanos: http.sinceRequestInit.nanos ?? 0});
						if (request.resetCode !== null) expect(ours.http.eos).toEqual({kind: 'reset', code: request.resetCode});
						else if (request.grpcStatus !== null) expect(ours.http.eos).toEqual({kind: 'grpc', code: request.grpcStatus});
						else expect(ours.http.eos).toBeNull();
					}
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});
});
