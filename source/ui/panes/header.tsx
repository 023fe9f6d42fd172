import {memo} from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {fitCell} from '../../model/sanitize.js';
import type {StoreState} from '../../store/state.js';
import type {ServerFilter} from '../../store/store.js';
import {Styled} from '../theme-context.js';
import type {Token} from '../theme.js';
import {contextText, countsForms, countsText, filterLine, recordingText, statusText, tapText} from './header-text.js';
import {metricsStatus} from './metrics-text.js';

export interface HeaderProps {
	data: StoreState;
	serverFilter: ServerFilter;
	width: number;
}

export const Header = memo(function Header({data, serverFilter, width}: HeaderProps) {
	const paused = data.paused ? ` PAUSED +${data.newSincePause} new ` : '';
	const rec = recordingText(data.recording);
	const badge = `${paused}${paused && rec ? ' ' : ''}${rec}`;
	const contextWidth = Math.max(0, width - (badge ? badge.length + 1 : 0));
	const context = contextText(data.info, data.namespace, data.refreshMs, data.now, contextWidth);
	const status = statusText(data.tapStatus, data.now);
	// The counts say what is not shown (dropped, hidden by filters): a long status is cut before they
	// lose more than the sampling budget; only a long target takes the rate and the zeros too.
	// A failed tap's figures are all zeros: its reason takes the room.
	const forms = countsForms(data, serverFilter);
	const least = (data.tapStatus?.state === 'failed' ? forms.at(-1)! : forms[status.short ? 3 : 2]!).length + 2;
	// Every namespace (-A) says so in two characters when the scope's words need the room.
	const wide = data.target ? `tap ${tapText(data.target, data.spec)}  ` : '';
	const narrow = data.spec?.namespaces?.all && status.short && wide.length + stringWidth(status.short) + least > width;
	const tap = narrow ? 'tap -A  ' : wide;
	const statusRoom = Math.max(12, width - tap.length - least);
	const statusCell = fitCell(status.short && stringWidth(status.text) > statusRoom ? status.short : status.text, statusRoom);
	const counts = `  ${countsText(data, serverFilter, Math.max(0, width - tap.length - statusCell.length - 2))}`;
	const countsCell = fitCell(counts, Math.max(0, width - tap.length - statusCell.length));
	return (
		<Box flexDirection="column" width={width} height={3}>
			<Box>
				<Styled token="title" wrap="truncate-end">
					{fitCell(context, contextWidth)}
				</Styled>
				{badge ? <Text> </Text> : null}
				{paused ? <Styled token="paused">{paused}</Styled> : null}
				{paused && rec ? <Text> </Text> : null}
				{rec ? <Styled token="error">{rec}</Styled> : null}
			</Box>
			<Text wrap="truncate-end">
				<Text>{fitCell(tap, width)}</Text>
				<Styled token={status.token}>{statusCell}</Styled>
				<Styled token="muted">{countsCell}</Styled>
			</Text>
			<MetricsLine filters={filterLine(data, serverFilter)} metrics={metricsStatus(data)} width={width} />
		</Box>
	);
});

/** Filters, then metrics-api trouble (one line; the tap goes on regardless). */
function MetricsLine(props: {filters: string; metrics: {text: string; token: Token} | null; width: number}) {
	const {filters, metrics, width} = props;
	const left = fitCell(filters, width);
	if (!metrics) {
		return (
			<Styled token="accent" wrap="truncate-end">
				{left}
			</Styled>
		);
	}
	return (
		<Text wrap="truncate-end">
			<Styled token="accent">{left}</Styled>
			<Styled token={metrics.token}>{fitCell(`  ${metrics.text}`, Math.max(0, width - stringWidth(left)))}</Styled>
		</Text>
	);
}
