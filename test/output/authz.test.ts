// `meshtop authz` output against route-metrics spec §6.3: the synthetic example byte for byte,
// the row filter, the sort, `-` rows, Go's %.1f on ties, and the JSON shape.
import {describe, expect, it} from 'vitest';
import type {AuthzRow, PolicyRef} from '../../source/model/authz.js';
import {goFixed} from '../../source/model/go-format.js';
import {formatAuthzJson, formatAuthzTable} from '../../source/output/authz.js';

const ref = (kind: string, name: string): PolicyRef => ({kind, name});
const zero = {allowed: 0, denied: 0, success: 0, failure: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0};

function row(server: PolicyRef, route: PolicyRef, authz: PolicyRef, counts: Partial<AuthzRow>): AuthzRow {
	return {server, route, authz, ...zero, ...counts};
}

const books = ref('server', 'books-server');
const booksGet = ref('HTTPRoute', 'books-get');
const allowed = row(books, booksGet, ref('authorizationpolicy', 'books-get-authn'), {allowed: 78, success: 78, p50Ms: 2, p95Ms: 9, p99Ms: 10});
const denials = row(books, booksGet, ref('', ''), {denied: 30});
const probe = row(ref('default', 'all-unauthenticated'), ref('default', 'probe'), ref('default', 'probe'), {allowed: 12, success: 12, p50Ms: 1, p95Ms: 1, p99Ms: 1});
// Series that exist with no increase: shown as `-` only for a named, non-default authorization.
const idlePolicy = row(ref('server', 'admin'), ref('HTTPRoute', 'metrics'), ref('authorizationpolicy', 'scrape'), {});
const idleDefault = row(ref('default', 'deny'), ref('default', 'default'), ref('default', 'deny'), {});
const idleDenials = row(books, booksGet, ref('', ''), {});

describe('linkerd viz authz table', () => {
	it('prints the spec example byte for byte, sorted by SERVER, ROUTE, AUTHORIZATION', () => {
		const expected = [
			'ROUTE      SERVER                       AUTHORIZATION                        UNAUTHORIZED  SUCCESS     RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  ',
			'books-get  books-server                                                            0.5rps    0.00%  0.0rps          0ms          0ms          0ms  ',
			'books-get  books-server                 authorizationpolicy/books-get-authn        0.0rps  100.00%  1.3rps          2ms          9ms         10ms  ',
			'probe      default:all-unauthenticated  default/probe                              0.0rps  100.00%  0.2rps          1ms          1ms          1ms  ',
			'',
		].join('\n');
		expect(formatAuthzTable([probe, allowed, denials], 60)).toBe(expected);
		expect(formatAuthzTable([denials, probe, allowed], 60)).toBe(expected);
	});

	it('drops idle rows without a named authorization and shows the rest with - cells', () => {
		const text = formatAuthzTable([idleDefault, idleDenials, idlePolicy, probe], 60);
		expect(text.split('\n')).toEqual([
			'ROUTE    SERVER                       AUTHORIZATION               UNAUTHORIZED  SUCCESS     RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  ',
			'metrics  admin                        authorizationpolicy/scrape             -        -       -            -            -            -  ',
			'probe    default:all-unauthenticated  default/probe                     0.0rps  100.00%  0.2rps          1ms          1ms          1ms  ',
			'',
		]);
	});

	it('prints the header alone when nothing is shown', () => {
		expect(formatAuthzTable([], 60)).toBe(
			'ROUTE  SERVER  AUTHORIZATION  UNAUTHORIZED  SUCCESS  RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  \n',
		);
		expect(formatAuthzTable([idleDefault], 60)).toBe(formatAuthzTable([], 60));
	});

	it("rounds like Go's %.1f and %.2f: exact ties to even", () => {
		// 15 denials in 60 s = 0.25 rps exactly: Go prints 0.2, JS toFixed 0.3.
		const tie = row(books, booksGet, ref('', ''), {denied: 15});
		expect(formatAuthzTable([tie], 60)).toContain('  0.2rps  ');
		// 3 of 8 succeed: 37.5% exactly; 45 requests in 60 s: 0.75 → 0.8 (odd digit rounds up).
		const mixed = row(books, booksGet, ref('authorizationpolicy', 'p'), {success: 3, failure: 5});
		expect(formatAuthzTable([mixed], 60)).toContain('37.50%');
		expect(formatAuthzTable([row(books, booksGet, ref('', ''), {denied: 45})], 60)).toContain('0.8rps');
	});

	it('sanitizes server text', () => {
		const hostile = row(ref('server', 'evil\u001b[2J'), booksGet, ref('authorizationpolicy', 'x\u0007'), {success: 1});
		expect(formatAuthzTable([hostile], 60)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
	});
});

describe('linkerd viz authz -o json', () => {
	it('is MarshalIndent of maps: sorted keys, 2 spaces, server order, no newline, - cells left out', () => {
		const text = formatAuthzJson([probe, idlePolicy, denials, idleDefault], 60);
		expect(text).toBe(
			[
				'[',
				'  {',
				'    "authorization": "default/probe",',
				'    "latency_ms_p50": 1,',
				'    "latency_ms_p95": 1,',
				'    "latency_ms_p99": 1,',
				'    "route": "probe",',
				'    "rps": 0.2,',
				'    "server": "default:all-unauthenticated",',
				'    "success": 1,',
				'    "unauthorized": 0',
				'  },',
				'  {',
				'    "authorization": "authorizationpolicy/scrape",',
				'    "route": "metrics",',
				'    "server": "admin"',
				'  },',
				'  {',
				'    "authorization": "",',
				'    "latency_ms_p50": 0,',
				'    "latency_ms_p95": 0,',
				'    "latency_ms_p99": 0,',
				'    "route": "books-get",',
				'    "rps": 0,',
				'    "server": "books-server",',
				'    "success": 0,',
				'    "unauthorized": 0.5',
				'  }',
				']',
			].join('\n'),
		);
	});

	it('is [] with no rows', () => {
		expect(formatAuthzJson([], 60)).toBe('[]');
	});
});

describe('goFixed', () => {
	it.each<[number, number, string]>([
		[0.25, 1, '0.2'],
		[0.35, 1, '0.3'], // 0.35 is 0.34999… in binary: below the tie
		[0.75, 1, '0.8'],
		[1.25, 1, '1.2'],
		[2.5, 0, '2'],
		[3.5, 0, '4'],
		[1.3, 1, '1.3'],
		[100, 2, '100.00'],
		[0.125, 2, '0.12'],
		[-0.25, 1, '-0.2'],
		[12.3456, 2, '12.35'],
	])('%.*f of %d', (x, digits, expected) => {
		expect(goFixed(x, digits)).toBe(expected);
	});
});
