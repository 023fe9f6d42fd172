import {describe, expect, it} from 'vitest';
import {RequestAssembler} from '../../source/model/request-assembler.js';
import {requestEvents} from '../ui/fixtures.js';

describe('RequestAssembler (headless --filter)', () => {
	it('hands back a request whole, its events in order, when its end arrives', () => {
		const assembler = new RequestAssembler({ttlMs: 1000, maxOpen: 100});
		const [req1, rsp1, end1] = requestEvents({stream: 1, status: 503});
		const [req2, rsp2, end2] = requestEvents({stream: 2});
		expect(assembler.push(req1!, 0)).toBeUndefined();
		expect(assembler.push(req2!, 0)).toBeUndefined();
		expect(assembler.push(rsp2!, 1)).toBeUndefined();
		expect(assembler.push(rsp1!, 1)).toBeUndefined();
		const first = assembler.push(end1!, 2)!;
		expect(first.events).toEqual([req1, rsp1, end1]);
		expect(first.record).toMatchObject({httpStatus: 503, success: false, state: 'done'});
		expect(assembler.push(end2!, 3)!.events).toEqual([req2, rsp2, end2]);
		expect(assembler.counts).toEqual({unfinished: 0, unmatched: 0});
	});

	it('drops requests that never end at the TTL and at finish, and counts them; strays are unmatched', () => {
		const assembler = new RequestAssembler({ttlMs: 1000, maxOpen: 100});
		assembler.push(requestEvents({stream: 1})[0]!, 0);
		assembler.push(requestEvents({stream: 2})[0]!, 1500);
		expect(assembler.expire(1800)).toBe(1);
		// The end of the dropped request now matches nothing.
		expect(assembler.push(requestEvents({stream: 1})[2]!, 1900)).toBeUndefined();
		expect(assembler.finish()).toBe(1);
		expect(assembler.counts).toEqual({unfinished: 2, unmatched: 1});
	});

	it('a request replaced by a new one with the same id is dropped, never mixed with it', () => {
		const assembler = new RequestAssembler({ttlMs: 10_000, maxOpen: 100});
		const old = requestEvents({stream: 7, path: '/old'});
		const fresh = requestEvents({stream: 7, path: '/new'});
		assembler.push(old[0]!, 0);
		assembler.push(fresh[0]!, 1);
		assembler.push(fresh[1]!, 2);
		const done = assembler.push(fresh[2]!, 3)!;
		expect(done.events.map(e => (e.http?.kind === 'requestInit' ? e.http.path : e.http?.kind))).toEqual(['/new', 'responseInit', 'responseEnd']);
		expect(assembler.counts.unfinished).toBe(1);
	});
});
