// The metrics-api parts of the panes, rendered at fixed sizes and read back as exact lines.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {NavItem} from '../../source/ui/selectors.js';
import {MtlsPane, plaintextNote} from '../../source/ui/panes/mtls.js';
import {NavigatorPane, navigatorColumns, navMetrics, navRow} from '../../source/ui/panes/navigator.js';
import {RoutesPane} from '../../source/ui/panes/routes.js';
import {FakeSources} from './fixtures.js';
import {emojivotoEdges, emojivotoStats, votingRoutes} from './metrics-fixtures.js';
import {renderAt, type Rendered} from './render.js';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const workloads = new FakeSources().workloads['emojivoto']!;
const items: NavItem[] = [{kind: 'all', namespace: 'emojivoto'}, ...workloads.map(workload => ({kind: 'workload' as const, workload}))];

function navigator(width: number, stale: boolean, info: string): string[] {
	view = renderAt(
		<NavigatorPane
			items={items}
			level="workloads"
			namespace="emojivoto"
			cursor={1}
			query=""
			error={null}
			focused={false}
			width={width}
			height={7}
			metrics={navMetrics(emojivotoStats, stale)}
			metricsInfo={info}
		/>,
		width,
		10,
	);
	return view.lines().slice(0, 6);
}

describe('navigator with metrics-api', () => {
	it('at 40 columns (the wide layout at 160) keeps SR, RPS and p99 and drops the rest', () => {
		expect(navigator(40, false, 'metrics 1m')).toEqual([
			' Workloads in emojivoto  3 · metrics 1m',
			'WORKLOAD               SR     RPS    P99',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji        99.7%    19.7    7ms',
			'deploy/vote-bot         -       -      -',
			'deploy/web          90.0%    1.2k   1.3s',
		]);
	});

	it('at 80 columns', () => {
		expect(navigator(80, false, 'metrics 1m')).toEqual([
			' Workloads in emojivoto  3 · metrics 1m',
			'WORKLOAD                   SR     RPS    P50    P95    P99  TCP MESHED READY TAP',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji            99.7%    19.7    2ms    4ms    7ms    3    2/2   2/2 yes',
			'deploy/vote-bot             -       -      -      -      -    -    0/1   1/1 no',
			'deploy/web              90.0%    1.2k    5ms   48ms   1.3s    3    2/2   1/2 yes',
		]);
	});

	it('at 160 columns', () => {
		const pad = (text: string, n: number) => text + ' '.repeat(n - text.length);
		expect(navigator(160, false, 'metrics 1m')).toEqual([
			' Workloads in emojivoto  3 · metrics 1m',
			pad('WORKLOAD', 106) + ' SR     RPS    P50    P95    P99  TCP MESHED READY TAP',
			'ns/emojivoto: the whole namespace',
			pad('deploy/emoji', 104) + '99.7%    19.7    2ms    4ms    7ms    3    2/2   2/2 yes',
			pad('deploy/vote-bot', 108) + '-       -      -      -      -    -    0/1   1/1 no',
			pad('deploy/web', 104) + '90.0%    1.2k    5ms   48ms   1.3s    3    2/2   1/2 yes',
		]);
	});

	it('marks every number of a failed refresh with ~ and says how old it is', () => {
		expect(navigator(80, true, 'metrics stale 30s')).toEqual([
			' Workloads in emojivoto  3 · metrics stale 30s',
			'WORKLOAD                   SR     RPS    P50    P95    P99  TCP MESHED READY TAP',
			'ns/emojivoto: the whole namespace',
			'deploy/emoji           ~99.7%   ~19.7   ~2ms   ~4ms   ~7ms   ~3    2/2   2/2 yes',
			'deploy/vote-bot             -       -      -      -      -    -    0/1   1/1 no',
			'deploy/web             ~90.0%   ~1.2k   ~5ms  ~48ms  ~1.3s   ~3    2/2   1/2 yes',
		]);
	});

	it('dims stale numbers and colours a low success rate', () => {
		const columns = navigatorColumns('workloads', 40, true);
		const web = items[3]!;
		expect(navRow(web, columns, navMetrics(emojivotoStats, false)).cellTokens).toEqual([undefined, 'error', undefined, undefined]);
		expect(navRow(items[1]!, columns, navMetrics(emojivotoStats, false)).cellTokens).toEqual([undefined, undefined, undefined, undefined]);
		expect(navRow(web, columns, navMetrics(emojivotoStats, true)).cellTokens).toEqual([undefined, 'muted', 'muted', 'muted']);
		// A workload metrics-api has no row for (a CronJob, say) keeps its plain row.
		expect(navRow(web, columns, navMetrics([], false))).toEqual({key: 'deployment/web', cells: ['deploy/web', '', '', ''], token: 'warn'});
	});
});

function mtls(width: number, stale = false): string[] {
	view = renderAt(
		<MtlsPane
			overall={{total: 0, secured: 0}}
			edges={[]}
			selectedKey={null}
			focused={false}
			width={width}
			height={9}
			view="metrics"
			meshEdges={emojivotoEdges}
			meshNamespace="emojivoto"
			meshAt={1_000}
			meshStale={stale}
			now={stale ? 41_000 : undefined}
		/>,
		width,
		12,
	);
	return view.lines().slice(0, 8);
}

describe('mTLS pane, all edges from metrics-api', () => {
	it('at 80 columns: identities as sa.ns, the no-identity message as the reason, sanitized', () => {
		expect(mtls(80)).toEqual([
			' mTLS · all edges, metrics-api  5 edges in emojivoto',
			'40.00% secured (2/5 edges) ████████████░░░░░░░░░░░░░░░░░░',
			'metrics-api lists meshed peers only; tap has seen no plaintext source',
			'SOURCE → DESTINATION    CLIENT ID       SERVER ID       SECURED',
			'gateway → web           -               -               no server identity',
			'vote-bot → web          -               -               Not Provided By Remote',
			'web → payments/billing  web.emojivoto   billing.paymen… Not Provided By Service…',
			'web → emoji             web.emojivoto   emoji.emojivoto yes',
		]);
	});

	it('at 160 columns', () => {
		expect(mtls(160)).toEqual([
			' mTLS · all edges, metrics-api  5 edges in emojivoto',
			'40.00% secured (2/5 edges) ████████████░░░░░░░░░░░░░░░░░░',
			'metrics-api lists meshed peers only; tap has seen no plaintext source',
			'SOURCE → DESTINATION                            CLIENT ID                       SERVER ID                       SECURED',
			'gateway → web                                   -                               -                               no server identity',
			'vote-bot → web                                  -                               -                               Not Provided By Remote',
			'web → payments/billing                          web.emojivoto                   billing.payments                Not Provided By Service Discovery',
			'web → emoji                                     web.emojivoto                   emoji.emojivoto                 yes',
		]);
	});

	it('at 48 columns everything narrows, and stale edges say so', () => {
		expect(mtls(48, true)).toEqual([
			' mTLS · all edges, metrics-api  5 edges in emoj…',
			'40.00% secured (2/5 edges) ████████░░░░░░░░░░░░░',
			'metrics-api lists meshed peers only; tap has se…',
			'FROM → TO      CLIENT ID    SERVER ID    SECURED',
			'gateway → web  -            -            ~no se…',
			'vote-bot → web -            -            ~Not P…',
			// Identities of the namespace in view lose the namespace rather than their name.
			'web → payment… web          billing.pay… ~Not P…',
			'web → emoji    web          emoji        ~yes',
		]);
	});

	it('names the plaintext sources tap saw, bare, as many as fit whole, then how many more', () => {
		const sources = ['198.51.100.23', 'deploy/old-frontend', 'deploy/legacy-batch'];
		expect(plaintextNote(sources, 120)).toBe('meshed peers only; tap saw 3 without mTLS: 198.51.100.23, old-frontend, legacy-batch');
		expect(plaintextNote(sources, 80)).toBe('meshed peers only; tap saw 3 without mTLS: 198.51.100.23, old-frontend +1 more');
		expect(plaintextNote([], 80)).toBe('metrics-api lists meshed peers only; tap has seen no plaintext source');
	});

	it('without edges it says why: the poll failure, or still asking', () => {
		view = renderAt(
			<MtlsPane overall={{total: 0, secured: 0}} edges={[]} selectedKey={null} focused={false} width={60} height={6} view="metrics" meshEdges={[]} meshNamespace="emojivoto" meshAt={null} meshError={'Linkerd viz is not installed\u0007 (no namespace labelled linkerd.io/extension=viz)'} />,
			60,
			8,
		);
		expect(view.lines().slice(0, 5)).toEqual([
			' mTLS · all edges, metrics-api  0 edges in emojivoto',
			'- secured (0/0 edges) ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░',
			'metrics-api lists meshed peers only; tap has seen no plaint…',
			'FROM → TO         CLIENT ID    SERVER ID    SECURED',
			'Linkerd viz is not installed\\x07 (no namespace labelled lin…',
		]);
	});
});

describe('routes pane with metrics-api routes', () => {
	const section = {rows: votingRoutes, stale: false, resource: 'deploy/voting', timeWindow: '1m'};

	it('at 80 columns: a section below the tap rows, at most half the pane', () => {
		view = renderAt(<RoutesPane routes={[]} selectedKey={null} sort="count" focused={false} width={80} height={12} metricsRoutes={section} />, 80, 14);
		expect(view.lines().slice(0, 12)).toEqual([
			' Top routes  0 · sort: count (s)',
			'SOURCE       DESTINATION  METHOD PATH                COUNT SUCCESS    P95    P99',
			'no completed requests yet',
			'',
			'',
			'',
			'',
			'metrics-api routes (1m) · deploy/voting',
			'ROUTE                     AUTHORITY              SR     RPS    P50    P95    P99',
			'Results                   voting-svc.emoji…   98.2%     4.7    3ms    7ms   15ms',
			'VoteDoughnut              voting-svc.emoji…    0.0%     1.6    2ms    8ms   37ms',
			'[DEFAULT]                 voting-svc.emoji…       -       -      -      -      -',
		]);
	});

	it('at 160 columns, short of room it says how many more', () => {
		view = renderAt(<RoutesPane routes={[]} selectedKey={null} sort="count" focused={false} width={160} height={10} metricsRoutes={{...section, stale: true}} />, 160, 12);
		expect(view.lines().slice(6, 10)).toEqual([
			'metrics-api routes (1m) · deploy/voting · stale · 1 more',
			'ROUTE                                                                     AUTHORITY                                              SR     RPS    P50    P95    P99',
			'Results                                                                   voting-svc.emojivoto.svc.cluster.local             ~98.2%    ~4.7   ~3ms   ~7ms  ~15ms',
			'VoteDoughnut                                                              voting-svc.emojivoto.svc.cluster.local              ~0.0%    ~1.6   ~2ms   ~8ms  ~37ms',
		]);
	});

	it('without metrics-api routes the pane is as before', () => {
		view = renderAt(<RoutesPane routes={[]} selectedKey={null} sort="count" focused={false} width={80} height={6} metricsRoutes={{...section, rows: []}} />, 80, 8);
		expect(view.lines().slice(0, 4)).toEqual([' Top routes  0 · sort: count (s)', 'SOURCE       DESTINATION  METHOD PATH                COUNT SUCCESS    P95    P99', 'no completed requests yet', '']);
	});
});
