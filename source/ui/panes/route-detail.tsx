// One route in full: its figures, requests and failures per 10 s over the last five minutes
// ("when did it start"), and its latency histogram in readable bands. Opened with `h` on a
// route; the stream filtered to it is `enter`.
import {memo} from 'react';
import {Box} from 'ink';
import {formatLatency, formatPercent, formatRate} from '../../model/format.js';
import {latencyBands} from '../../model/latency-bands.js';
import {fitCell} from '../../model/sanitize.js';
import type {RouteRow} from '../../model/top-routes.js';
import {sparkline, trendBucketMs, trendBuckets} from '../../model/trend.js';
import {Pane} from '../components/pane.js';
import {Styled} from '../theme-context.js';
import type {Token} from '../theme.js';

interface Line {
	text: string;
	token?: Token;
}

export function routeDetailLines(route: RouteRow, width: number): Line[] {
	const failed = route.failures;
	const lines: Line[] = [
		{text: `${route.source} → ${route.destination}  ${[route.method, route.path].filter(Boolean).join(' ')}`, token: 'title'},
		{
			text: `  requests ${route.count} · success ${route.successRate === null ? '-' : formatPercent(route.successRate)} (${failed} failed) · ${formatRate(route.rps)} now`,
			token: failed > 0 ? 'error' : undefined,
		},
		{text: `  latency  p50 ${formatLatency(route.p50Us)} · p95 ${formatLatency(route.p95Us)} · p99 ${formatLatency(route.p99Us)} · best ${formatLatency(route.bestUs)} · worst ${formatLatency(route.worstUs)}`},
		{text: ''},
		{text: `Requests per ${trendBucketMs / 1000} s, last ${(trendBuckets * trendBucketMs) / 60_000} minutes (now at the right)`, token: 'title'},
		{text: `  ${sparkline(route.trend.total, trendBuckets)}  peak ${Math.max(0, ...route.trend.total)}`, token: 'ok'},
		{text: 'Failures per 10 s, on the same scale', token: 'title'},
	];
	const firstFailure = route.trend.failed.findIndex(n => n > 0);
	const since = firstFailure === -1 ? 'none in the last 5 minutes' : `first ${((trendBuckets - firstFailure) * trendBucketMs) / 1000} s ago`;
	lines.push({text: `  ${sparkline(route.trend.failed, trendBuckets, route.trend.total)}  ${since}`, token: firstFailure === -1 ? 'muted' : 'error'});
	lines.push({text: ''}, {text: `Latency (${route.latency.count} timed requests, bands of the histogram)`, token: 'title'});
	const bands = latencyBands(route.latency);
	const most = Math.max(1, ...bands.map(band => band.count));
	const labelWidth = Math.max(0, ...bands.map(band => band.label.length));
	const barRoom = Math.max(5, Math.min(40, width - labelWidth - 14));
	for (const band of bands) {
		const bar = '█'.repeat(Math.round((band.count / most) * barRoom));
		lines.push({text: `  ${band.label.padEnd(labelWidth)}  ${bar.padEnd(barRoom)} ${band.count}`});
	}
	if (bands.length === 0) lines.push({text: '  no timed requests yet', token: 'muted'});
	return lines;
}

export const RouteDetailPane = memo(function RouteDetailPane(props: {route: RouteRow | undefined; width: number; height: number}) {
	const {route, width, height} = props;
	const all = route ? routeDetailLines(route, width) : [{text: 'this route is no longer in top routes', token: 'muted' as Token}];
	// More lines than rows would make Yoga shrink them onto each other (two lines on one row, the
	// rest of the longer one left showing): show what fits and say what did not.
	const rows = Math.max(1, height - 1);
	const lines = all.length <= rows ? all : [...all.slice(0, rows - 1), {text: `  … ${all.length - rows + 1} more lines: a taller terminal shows them`, token: 'muted' as Token}];
	return (
		<Pane title="Route" info="esc back · enter: the stream of this route" focused width={width} height={height}>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{lines.map((line, i) => (
					<Styled key={i} token={line.token} wrap="truncate-end">
						{fitCell(line.text === '' ? ' ' : line.text, width)}
					</Styled>
				))}
			</Box>
		</Pane>
	);
});
