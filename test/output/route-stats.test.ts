// stat-outbound / stat-inbound output against the spec's illustrative table and JSON
// (linkerd-route-metrics.md §3.5, §3.6, §4), built from Prometheus samples through the real
// row assembly so the whole pure path is covered, trailing spaces included.
import {describe, expect, it} from 'vitest';
import type {PromSample} from '../../source/model/route-metrics/prom-response.js';
import {inboundQueries, outboundQueries, type RouteQuery} from '../../source/model/route-metrics/queries.js';
import {assembleInbound, assembleOutbound, type QueryResult} from '../../source/model/route-metrics/rows.js';
import {renderLinkerdTable} from '../../source/output/linkerd-table.js';
import {formatInboundJson, formatInboundTable, formatOutboundJson, formatOutboundTable} from '../../source/output/route-stats.js';

const web = {type: 'deployment', name: 'web', namespace: 'books'};
const oq = outboundQueries(web, '1m');

function on(queries: RouteQuery[], role: RouteQuery['role'], samples: PromSample[], quantile?: string): QueryResult {
	return {query: queries.find(q => q.role === role && q.protocol === 'http' && (quantile === undefined || q.quantile === quantile))!, samples};
}

const route = {namespace: 'books', deployment: 'web', parent_name: 'books', parent_port: '7000', route_name: 'books-split', route_kind: 'HTTPRoute'};
const v1 = {...route, backend_name: 'books-v1', backend_port: '7000'};
const v2 = {...route, backend_name: 'books-v2', backend_port: '7000'};
const authors = {namespace: 'books', deployment: 'web', parent_name: 'authors', parent_port: '7001', route_name: 'http', route_kind: 'default'};

/** The spec's example: 120 requests (118 ok; split over two series to show truncation), 6 retries, two backends. */
function booksSplit(): QueryResult[] {
	return [
		on(oq, 'route-counts', [
			{metric: {...route, http_status: '200'}, value: 100.7},
			{metric: {...route, http_status: '204'}, value: 18.9},
			{metric: {...route, http_status: '500'}, value: 2.2},
		]),
		on(oq, 'route-retries', [{metric: route, value: 6.4}]),
		on(oq, 'route-latency', [{metric: route, value: 0.025}], '0.5'),
		on(oq, 'route-latency', [{metric: route, value: 0.0475}], '0.95'),
		on(oq, 'route-latency', [{metric: route, value: 0.0495}], '0.99'),
		on(oq, 'backend-counts', [
			{metric: {...v1, http_status: '200'}, value: 78},
			{metric: {...v1, http_status: '502'}, value: 2},
			{metric: {...v2, http_status: '200'}, value: 46.3},
		]),
		on(oq, 'backend-latency', [{metric: v1, value: 0.0125}, {metric: v2, value: 0.018}], '0.5'),
		on(oq, 'backend-latency', [{metric: v1, value: 0.02375}, {metric: v2, value: 0.045}], '0.95'),
		on(oq, 'backend-latency', [{metric: v1, value: 0.02475}, {metric: v2, value: 0.049}], '0.99'),
	];
}

const spec = (lines: string[]) => lines.map(line => line.replaceAll('·', ' '));

describe('stat-outbound', () => {
	it('the spec\'s illustrative table, byte for byte', () => {
		// The spec's SERVICE column is 12 wide, wider than books:7000: it implies a row with a
		// 12-character service, which we supply (it sorts first and is checked on its own).
		const extra = [
			on(oq, 'route-counts', [{metric: {...authors, http_status: '200'}, value: 30}]),
			on(oq, 'backend-counts', [{metric: {...authors, backend_name: 'authors', backend_port: '7001', http_status: '200'}, value: 30}]),
		];
		const rows = assembleOutbound(web, [...booksSplit(), ...extra]);
		const lines = formatOutboundTable(rows, 60).split('\n');
		expect(lines.slice(0, 1).concat(lines.slice(3))).toEqual(
			spec([
				'NAME··SERVICE·······ROUTE········TYPE·······BACKEND········SUCCESS···RPS··LATENCY_P50··LATENCY_P95··LATENCY_P99··TIMEOUTS··RETRIES··',
				'web···books:7000····books-split··HTTPRoute··················98.33%··2.00·········25ms·········48ms·········50ms·····0.00%····4.76%··',
				'····················├────────────────────►··books-v1:7000···97.50%··1.33·········12ms·········24ms·········25ms·····0.00%···········',
				'····················└────────────────────►··books-v2:7000··100.00%··0.77·········18ms·········45ms·········49ms·····0.00%···········',
				'',
			]),
		);
		// A default route: [default] with no TYPE; its single backend gets └ and a ├ run as long as "[default]".
		expect(lines.slice(1, 3)).toEqual(
			spec([
				'web···authors:7001··[default]··'+'·'.repeat(28)+'100.00%··0.50··········0ms··········0ms··········0ms·····0.00%····0.00%··',
				'····················└────────────────────►··authors:7001···100.00%··0.50··········0ms··········0ms··········0ms·····0.00%···········',
			]),
		);
	});

	it('the spec\'s illustrative JSON: one line, field order, omitted fields, unrounded', () => {
		const json = formatOutboundJson(assembleOutbound(web, booksSplit()), 60);
		expect(json.endsWith('}]\n')).toBe(true);
		expect(json.split('\n')).toHaveLength(2);
		expect(json).toContain(
			'[{"name":"web","service":"books","port":"7000","route":"books-split","routeType":"HTTPRoute","successRate":0.9833333333333333,"rps":2,"latencyMsP50":25,"latencyMsP95":47.5,"latencyMsP99":49.5,"timeoutRate":0,"retryRate":0.047619047619047616},' +
				'{"name":"web","service":"books","port":"7000","route":"books-split","routeType":"HTTPRoute","backend":"books-v1","backendPort":"7000","successRate":0.975,"rps":1.3333333333333333,"latencyMsP50":12.5,"latencyMsP95":23.75,"latencyMsP99":24.75,"timeoutRate":0},',
		);
	});

	it('NaN latency is - and null; a backend with no counts prints NaN% in the table and is left out of JSON', () => {
		const rows = assembleOutbound(web, [
			on(oq, 'route-counts', [{metric: {...route, http_status: '200'}, value: 10}]),
			on(oq, 'route-latency', [{metric: route, value: Number.NaN}], '0.5'),
			on(oq, 'backend-latency', [{metric: v1, value: 0.01}], '0.5'),
		]);
		const table = formatOutboundTable(rows, 60);
		expect(table).toContain('HTTPRoute                 100.00%  0.17            -          0ms          0ms     0.00%    0.00%  \n');
		expect(table).toContain('└────────────────────►  books-v1:7000     NaN%  0.00         10ms          0ms          0ms      NaN%           \n');
		const json = JSON.parse(formatOutboundJson(rows, 60)) as Array<Record<string, unknown>>;
		expect(json).toHaveLength(1);
		expect(json[0]!['latencyMsP50']).toBeNull();
	});

	it('no data: the header alone, and []', () => {
		expect(formatOutboundTable([], 60)).toBe('NAME  SERVICE  ROUTE  TYPE  BACKEND  SUCCESS  RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  TIMEOUTS  RETRIES  \n');
		expect(formatOutboundJson([], 60)).toBe('[]\n');
	});

	it('terminal controls from the network are escaped in the table; JSON stays JSON (Go\'s HTML escapes too)', () => {
		const evil = {...route, route_name: 'a\u001b[2Jb<&>'};
		const rows = assembleOutbound(web, [on(oq, 'route-counts', [{metric: {...evil, http_status: '200'}, value: 1}])]);
		expect(formatOutboundTable(rows, 60)).not.toContain('\u001b');
		expect(formatOutboundJson(rows, 60)).toContain('"route":"a\\u001b[2Jb\\u003c\\u0026\\u003e"');
	});
});

describe('stat-inbound', () => {
	const iq = inboundQueries({type: 'deployment', name: 'books', namespace: 'booksapp'}, '1m');
	const books = {namespace: 'booksapp', deployment: 'books'};
	const probe = {...books, srv_kind: 'default', srv_name: 'all-unauthenticated', route_kind: 'default', route_name: 'probe', target_port: '4191'};
	const dflt = {...books, srv_kind: 'default', srv_name: 'all-unauthenticated', route_kind: 'default', route_name: 'default', target_port: '7000'};
	const get = {...books, srv_kind: 'server', srv_name: 'books-server', route_kind: 'HTTPRoute', route_name: 'books-get', target_port: '7000'};
	const lat = (q: string, values: Array<[Record<string, string>, number]>) => on(iq, 'inbound-latency', values.map(([metric, value]) => ({metric, value})), q);
	const results = [
		on(iq, 'inbound-counts', [
			{metric: {...get, classification: 'success'}, value: 19},
			{metric: {...get, classification: 'failure'}, value: 1},
			{metric: {...dflt, classification: 'success'}, value: 90.4},
			{metric: {...probe, classification: 'success'}, value: 12},
		]),
		lat('0.5', [[probe, 1], [dflt, 3], [get, 4]]),
		lat('0.95', [[probe, 1], [dflt, 9], [get, 19]]),
		lat('0.99', [[probe, 1], [dflt, 10], [get, 20]]),
	];
	const resource = {type: 'deployment', name: 'books', namespace: 'booksapp'};

	it('the spec\'s synthetic table, sorted by NAME, SERVER, TYPE', () => {
		expect(formatInboundTable(assembleInbound(resource, results), 60)).toBe(
			[
				'NAME   SERVER             ROUTE      TYPE       SUCCESS   RPS  LATENCY_P50  LATENCY_P95  LATENCY_P99  ',
				'books  [default]:4191     probe                 100.00%  0.20          1ms          1ms          1ms  ',
				'books  [default]:7000     [default]             100.00%  1.50          3ms          9ms         10ms  ',
				'books  books-server:7000  books-get  HTTPRoute   95.00%  0.33          4ms         19ms         20ms  ',
				'',
			].join('\n'),
		);
	});

	it('JSON: successesRate (sic), server without its port', () => {
		const json = formatInboundJson(assembleInbound(resource, results), 60);
		expect(json).toContain('{"name":"books","server":"books-server","port":"7000","route":"books-get","routeType":"HTTPRoute","successesRate":0.95,"rps":0.3333333333333333,"latencyMsP50":4,"latencyMsP95":19,"latencyMsP99":20}');
		expect(formatInboundJson([], 60)).toBe('[]\n');
	});
});

describe('linkerd\'s table renderer', () => {
	it('pads ─ cells with ─ and joins them with ──', () => {
		const text = renderLinkerdTable([{header: 'A', leftAlign: true}, {header: 'BBBB', leftAlign: true}, {header: 'N'}], [['├─', '──►', '7'], ['x', 'y', '10']]);
		// Widths 2, 4, 2: ├─ ends in ─ and ──► starts with one, so ── joins them and ──► is left-padded with ─.
		expect(text).toBe('A   BBBB   N  \n├──────►   7  \nx   y     10  \n');
	});
});
