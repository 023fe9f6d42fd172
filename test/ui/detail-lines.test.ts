import {describe, expect, it} from 'vitest';
import {clientIdentity, detailLines} from '../../source/ui/panes/detail-lines.js';
import {makeRecord} from '../model/events.js';

const text = (lines: Array<{text: string}>, field: string) => lines.find(line => line.text.startsWith(`  ${field} `))?.text;

describe('the request detail', () => {
	it('a pending request says pending and how long it has waited, live', () => {
		const open = makeRecord({state: 'open', success: null, httpStatus: null, latencyUs: null, totalUs: null, eos: null, startedAt: 10_000});
		expect(text(detailLines(open, false, 100, 13_200), 'status')).toBe('  status        pending: waiting 3.2s for the response');
		expect(text(detailLines(open, false, 100, 13_200), 'latency')).toBe('  latency       first byte waiting 3.2s · total waiting 3.2s');
		const headers = {...open, httpStatus: 200, latencyUs: 4000};
		expect(text(detailLines(headers, false, 100, 15_000), 'status')).toBe('  status        pending: HTTP 200, waiting 5.0s for the end of the stream');
	});

	it("an outbound request's client is the reporting pod itself; an inbound one's is the peer the server saw", () => {
		const outbound = makeRecord({
			direction: 'OUTBOUND',
			tls: 'true',
			sourceLabels: {deployment: 'web', namespace: 'emojivoto', serviceaccount: 'web', tls: 'loopback'},
			destinationLabels: {deployment: 'emoji', namespace: 'emojivoto', tls: 'true', server_id: 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local'},
		});
		expect(clientIdentity(outbound)).toBe("web.emojivoto.serviceaccount.identity.linkerd.cluster.local (this pod's own)");
		const inbound = makeRecord({direction: 'INBOUND', tls: 'true', sourceLabels: {tls: 'true', client_id: 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local'}});
		expect(clientIdentity(inbound)).toBe('vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local');
		expect(clientIdentity(makeRecord({direction: 'OUTBOUND', tls: 'not_provided_by_service_discovery'}))).toBe('-');
	});
});
