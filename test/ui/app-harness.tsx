import React from 'react';
import {createStore, type Store} from '../../source/store/store.js';
import {App} from '../../source/ui/app.js';
import {initialUi} from '../../source/ui/ui-state.js';
import type {Resource} from '../../source/model/resource.js';
import type {Exporter} from '../../source/model/export.js';
import {FakeSources, ManualTime, requestEvents, type RequestSpec} from './fixtures.js';
import {renderAt, type Rendered} from './render.js';

process.env.TZ = 'UTC';

export interface Harness extends Rendered {
	store: Store;
	sources: FakeSources;
	time: ManualTime;
	/** Sends requests on the running tap and lets one batch tick pass. */
	traffic(specs: RequestSpec[]): Promise<void>;
	quits: number;
	/** What the app copied (OSC 52), newest last. */
	copies: string[];
}

export const webTarget: Resource = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

export function startApp(options: {
	columns: number;
	rows: number;
	target?: Resource | null;
	showSecrets?: boolean;
	bufferSize?: number;
	sources?: FakeSources;
	/** Data refresh interval; 100 ms (one ingest tick) unless a test is about the refresh. */
	refreshMs?: number;
	/** For `y` and `:write`. */
	exporter?: Exporter;
}): Harness {
	const sources = options.sources ?? new FakeSources();
	const time = new ManualTime();
	const store = createStore({
		sources,
		model: {bufferSize: options.bufferSize ?? 1000, ttlMs: 30_000, maxRoutes: 500, rpsWindowMs: 10_000},
		clock: time.clock,
		schedule: time.schedule,
		// Most tests step time by the ingest tick; the refresh interval has its own tests.
		refreshMs: options.refreshMs ?? 100,
	});
	const target = options.target === undefined ? webTarget : options.target;
	const harness = {} as Harness;
	harness.quits = 0;
	harness.copies = [];
	const view = renderAt(
		stdout => (
			<App
				store={store}
				initialUi={initialUi(Boolean(target))}
				showSecrets={options.showSecrets ?? false}
				stdout={stdout}
				onQuit={() => harness.quits++}
				onCopy={text => harness.copies.push(text)}
				exporter={options.exporter}
			/>
		),
		options.columns,
		options.rows,
	);
	store.start(target);
	return Object.assign(harness, view, {
		store,
		sources,
		time,
		async traffic(specs: RequestSpec[]) {
			sources.lastTap.handlers.onEvents(specs.flatMap(spec => requestEvents(spec)));
			time.advance(100);
			await view.settle();
		},
	});
}
