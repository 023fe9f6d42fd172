// The stream's pairing is not worked out again while a quiet meshtop republishes the same records.
import {describe, expect, it} from 'vitest';
import type {RequestRecord} from '../../source/model/types.js';
import {streamPartners, streamRecords} from '../../source/ui/selectors.js';
import type {StoreState} from '../../source/store/state.js';
import {makeRecord} from '../model/events.js';

function pair(seq: number, startedAt: number): RequestRecord[] {
	const common = {method: 'GET', authority: 'b:80', path: `/p/${seq}`, startedAt, httpStatus: 200, responseBytes: 10, state: 'done' as const, tls: 'true'};
	return [
		makeRecord({...common, seq, direction: 'OUTBOUND', source: {ip: '10.0.0.1', port: 1000 + seq}, destination: {ip: '10.0.0.2', port: 80}, latencyUs: 2000, totalUs: 2500}),
		makeRecord({...common, seq: seq + 1, direction: 'INBOUND', source: {ip: '10.0.0.1', port: 2000 + seq}, destination: {ip: '10.0.0.2', port: 80}, latencyUs: 1000, totalUs: 1500}),
	];
}

const data = (records: RequestRecord[]) => ({snapshot: {records}}) as unknown as StoreState;
const ui = {stream: {selectedSeq: null, follow: true}};

describe('stream pairing across publishes', () => {
	it('reuses the pairing for the same records in a new array, and works it out again when one finishes', () => {
		const records = [...pair(1, 0), ...pair(3, 5000)];
		const first = streamPartners(data(records), ui);
		expect(first.size).toBe(4);
		// The next publish of a quiet buffer: a new array, the same records, the same states.
		expect(streamPartners(data([...records]), ui)).toBe(first);
		expect(streamRecords(data([...records]), ui).map(r => r.seq)).toEqual([1, 3]);
		// A request that finishes changes what can pair.
		const open = {...pair(5, 9000)[0]!, state: 'open' as const};
		const later = [...records, open, pair(5, 9000)[1]!];
		const withOpen = streamPartners(data(later), ui);
		expect(withOpen.size).toBe(4);
		const done = streamPartners(data([...records, pair(5, 9000)[0]!, pair(5, 9000)[1]!]), ui);
		expect(done).not.toBe(withOpen);
		expect(done.size).toBe(6);
	});
});
