// The app shell: reads the store with useSyncExternalStore, owns the one useInput,
// and lays the panes out for the terminal size.
import React, {useCallback, useEffect, useRef, useState} from 'react';
import {Box, useInput} from 'ink';
import type {StoreState} from '../store/state.js';
import type {Store} from '../store/store.js';
import {runEffects} from './effects.js';
import {handleKey, inTextEntry, scopeOf} from './input.js';
import {splitKeys, typesText, type KeyPress} from './key-split.js';
import {commandFor, type keyName} from './keymap.js';
import {computeLayout, type Layout} from './layout.js';
import {DetailPane, detailHeight} from './panes/detail.js';
import {detailLines} from './panes/detail-lines.js';
import {Footer} from './panes/footer.js';
import {Header} from './panes/header.js';
import {TabBar} from './panes/tab-bar.js';
import {HelpPane, helpRows} from './panes/help.js';
import {MtlsPane} from './panes/mtls.js';
import {NavigatorPane} from './panes/navigator.js';
import {PortsPane} from './panes/ports.js';
import {PolicyPane} from './panes/policy.js';
import {policyViewLines} from './panes/policy-lines.js';
import {RouteDetailPane} from './panes/route-detail.js';
import {RoutesPane} from './panes/routes.js';
import {StreamPane} from './panes/stream.js';
import {isEmptyFilter} from '../model/filters.js';
import {mtlsMetrics, navigatorMetrics, routesMetrics} from './metrics-props.js';
import {detailRecords, emptyStreamText, navCursor, navigatorItems, streamPartners, streamRecords, tapStoppedText} from './selectors.js';
import type {PaneId, UiState} from './ui-state.js';
import {useTerminalSize, type SizedStream} from './use-terminal-size.js';
import {useVisibleState} from './use-visible-state.js';
import {viewKey} from './visible.js';

import type {Exporter} from '../model/export.js';

export interface AppProps {
	store: Store;
	initialUi: UiState;
	showSecrets: boolean;
	stdout: SizedStream;
	onQuit: () => void;
	/** After a read's keys were handled: the frame they cause should not wait for the frame cap. */
	onKeys?: () => void;
	/** ctrl-l: repaint the whole terminal. */
	onRedraw?: () => void;
	/** Puts text on the user's clipboard (OSC 52 to the terminal). */
	onCopy?: (text: string) => void;
	/** `y` and `:write` formats and files (commands/export.ts); absent, they say so. */
	exporter?: Exporter;
	/** meshtop's version, for recordings' headers. */
	version?: string;
}

function pageSize(layout: Layout, focus: PaneId): number {
	const rect = layout.panes[focus];
	return Math.max(1, (rect?.height ?? layout.mainHeight) - 3);
}

/** How far the help or detail overlay can scroll: its lines less the rows that show them. */
function overlayMaxScroll(ui: UiState, data: StoreState, layout: Layout, showSecrets: boolean): number {
	const overlay = ui.overlay;
	const rows = Math.max(1, layout.mainHeight - 2);
	if (overlay?.kind === 'help') return Math.max(0, helpRows(layout.width).length - rows);
	if (overlay?.kind === 'policy') return Math.max(0, policyViewLines(data, layout.width).length - rows);
	if (overlay?.kind === 'detail') {
		const {record, partner} = detailRecords(data, ui, overlay);
		return Math.max(0, detailHeight(record, detailLines(record, showSecrets, layout.width, undefined, partner).length) - rows);
	}
	return 0;
}

export function App(props: AppProps) {
	const {store, showSecrets, onQuit, onKeys, onRedraw} = props;
	const [ui, setUi] = useState(props.initialUi);
	// Keys can arrive faster than renders: handle each against the latest state, not a stale closure.
	const uiRef = useRef(ui);
	const size = useTerminalSize(props.stdout);
	const layout = computeLayout(size.columns, size.rows, ui.focus);
	const layoutRef = useRef(layout);
	layoutRef.current = layout;
	// Data reaches React only when it changes what is on screen; keys always do.
	const {data, accept} = useVisibleState(store, next => viewKey(next, uiRef.current, layoutRef.current, store.getServerFilter(), showSecrets));

	const onKey = useCallback(
		(input: string, key: Parameters<typeof keyName>[1]) => {
			const presses = splitKeys(input, key);
			for (let i = 0; i < presses.length; i++) {
				const current = uiRef.current;
				let press: KeyPress = presses[i]!;
				if (commandFor(press.name, 'global') === 'redraw') {
					onRedraw?.();
					continue;
				}
				// Typed-ahead text after `/` or `:` goes in as one run, like a paste.
				if (inTextEntry(current) && typesText(press)) {
					let text = press.input;
					while (i + 1 < presses.length && typesText(presses[i + 1]!)) text += presses[++i]!.input;
					press = {name: text, input: text};
				}
				const data = store.getState();
				const ctx = {
					data,
					serverFilter: store.getServerFilter(),
					pageSize: pageSize(layoutRef.current, current.focus),
					overlayMaxScroll: overlayMaxScroll(current, data, layoutRef.current, showSecrets),
					visible: Object.keys(layoutRef.current.panes) as PaneId[],
					showSecrets,
					exporter: props.exporter,
				};
				const outcome = handleKey(current, press.name, press.input, ctx);
				uiRef.current = outcome.ui;
				setUi(outcome.ui);
				accept();
				if (runEffects(store, outcome.effects, {copy: props.onCopy, exporter: props.exporter, showSecrets, version: props.version})) {
					onQuit();
					return;
				}
			}
			onKeys?.();
		},
		[store, onQuit, onKeys, onRedraw, accept, showSecrets, props.onCopy, props.exporter, props.version],
	);
	useInput(onKey);
	// The policy figures are polled only while their view is open.
	const policyOpen = ui.overlay?.kind === 'policy';
	useEffect(() => store.setPolicyOpen(policyOpen), [store, policyOpen]);

	const {snapshot} = data;
	const overlay = ui.overlay;
	const main = {width: layout.width, height: layout.mainHeight};
	let body: React.ReactNode;
	if (overlay?.kind === 'help') {
		body = <HelpPane scroll={overlay.scroll} {...main} />;
	} else if (overlay?.kind === 'detail') {
		const {record: live, partner} = detailRecords(data, ui, overlay);
		const shown = streamRecords(data, ui);
		const at = shown.findIndex(record => record.seq === overlay.seq);
		const position = at === -1 ? undefined : `${at + 1}/${shown.length}`;
		body = <DetailPane record={live} partner={partner} version={data.version} showSecrets={showSecrets} scroll={overlay.scroll} now={live.state === 'open' ? data.now : undefined} position={position} {...main} />;
	} else if (overlay?.kind === 'policy') {
		body = <PolicyPane lines={policyViewLines(data, layout.width)} scroll={overlay.scroll} {...main} />;
	} else if (overlay?.kind === 'route') {
		body = <RouteDetailPane route={snapshot.routes.find(route => route.key === overlay.key)} {...main} />;
	} else if (overlay?.kind === 'ports') {
		body = <PortsPane ports={snapshot.ports} current={data.clientFilter.port} cursor={overlay.cursor} typed={overlay.typed} {...main} />;
	} else {
		const pane = (id: PaneId) => {
			const rect = layout.panes[id];
			if (!rect) return null;
			const focused = ui.focus === id;
			switch (id) {
				case 'navigator':
					return (
						<NavigatorPane
							items={navigatorItems(data, ui)}
							level={ui.nav.level}
							namespace={data.namespace}
							cursor={navCursor(data, ui)}
							query={ui.nav.query}
							sort={ui.nav.sort}
							error={ui.nav.level === 'namespaces' ? data.namespacesError : data.workloadsError}
							focused={focused}
							{...navigatorMetrics(data)}
							{...rect}
						/>
					);
				case 'stream':
					return (
						<StreamPane
							records={streamRecords(data, ui)}
							partners={streamPartners(data, ui)}
							namespaces={Boolean(data.spec?.namespaces)}
							markers={snapshot.markers}
							selection={ui.stream}
							focused={focused}
							paused={data.paused}
							version={data.version}
							empty={emptyStreamText(data)}
							stopped={tapStoppedText(data)}
							replay={Boolean(data.info.replay)}
							{...rect}
						/>
					);
				case 'routes':
					return (
						<RoutesPane
							routes={snapshot.routes}
							selectedKey={ui.routes.selectedKey}
							sort={data.sort}
							focused={focused}
							metricsRoutes={routesMetrics(data)}
							filtered={!isEmptyFilter(data.clientFilter)}
							bothEnds={snapshot.counts.bothEnds}
							{...rect}
						/>
					);
				case 'mtls':
					return (
						<MtlsPane
							overall={snapshot.mtls.overall}
							edges={snapshot.mtls.edges}
							selectedKey={ui.mtls.selectedKey}
							focused={focused}
							filtered={!isEmptyFilter(data.clientFilter)}
							{...mtlsMetrics(data, ui)}
							{...rect}
						/>
					);
			}
		};
		// Routes beside mTLS, under the stream in the medium and wide layouts.
		const lower = (
			<Box flexDirection="row">
				{pane('routes')}
				<Box width={1} />
				{pane('mtls')}
			</Box>
		);
		body = layout.mode === 'medium' ? (
			<Box flexDirection="column" height={layout.mainHeight}>
				{pane(ui.focus === 'navigator' ? 'navigator' : 'stream')}
				{lower}
			</Box>
		) : layout.mode === 'stacked' ? (
			<Box flexDirection="column" height={layout.mainHeight}>
				<TabBar focus={ui.focus} width={layout.width} />
				{pane(ui.focus)}
			</Box>
		) : layout.wide ? (
			<Box flexDirection="row" height={layout.mainHeight}>
				{pane('navigator')}
				<Box width={1} />
				<Box flexDirection="column">
					{pane('stream')}
					{lower}
				</Box>
			</Box>
		) : (
			pane(ui.focus)
		);
	}
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header data={data} serverFilter={store.getServerFilter()} width={layout.width} />
			<Box height={layout.mainHeight} flexDirection="column">
				{body}
			</Box>
			<Footer scope={scopeOf(ui)} overlay={overlay} notice={data.notice} width={layout.width} paused={data.paused} />
		</Box>
	);
}
