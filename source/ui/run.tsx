// Entry point for the full-screen UI. Owns the terminal: alternate screen, signals,
// crashes, and the exit code.
import v8 from 'node:v8';
import {render} from 'ink';
import type {ClientFilter} from '../model/filters.js';
import type {MeshSources} from '../sources/types.js';
import {createStore} from '../store/store.js';
import type {Resource} from '../model/resource.js';
import type {TapSpec} from '../model/tap-spec.js';
import {App} from './app.js';
import type {Exporter} from '../model/export.js';
import {holdProcessWarnings} from './hold-warnings.js';
import {osc52} from './osc52.js';
import {frameStream} from './output-proxy.js';
import {FrameWriter} from './output-writer.js';
import {enterFullScreen} from './terminal.js';
import {ThemeContext} from './theme-context.js';
import {themeFor, colorEnabled} from './theme.js';
import {initialUi} from './ui-state.js';

export interface TuiOptions {
	sources: MeshSources;
	target?: Resource;
	spec?: Partial<TapSpec>;
	clientFilter?: ClientFilter;
	showSecrets: boolean;
	color: boolean;
	bufferSize: number;
	/** Data refresh interval in ms (-d); 1000 by default. */
	refreshMs?: number;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	/** Milliseconds an unfinished request waits for its end event. */
	ttlMs?: number;
	/** metrics-api window (--time-window), default 1m. */
	timeWindow?: string;
	/** Called once the first frame is rendered and queued: slow start-up work can begin then. */
	onStarted?: () => void;
	/** The store's clock: a replay passes the recording's (default Date.now). */
	clock?: () => number;
	/** A first notice for the footer (e.g. a recording that was cut short). */
	notice?: string;
	/** `y` and `:write` (commands/export.ts). */
	exporter?: Exporter;
	/** meshtop's version, for recordings' headers. */
	version?: string;
	/** --record FILE: record the tap from the start; --force may replace FILE. */
	record?: {path: string; force: boolean};
}

// Frame cap: a busy mesh repaints at most this often; a key press is not held back.
const maxFps = 20;

const signals: Array<[NodeJS.Signals, number]> = [
	['SIGTERM', 143],
	['SIGHUP', 129],
	['SIGINT', 130],
];

export async function runTui(options: TuiOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const stderr = options.stderr ?? process.stderr;
	if (!stdin.isTTY) {
		// Ink would fail on raw mode with a stack trace; say what to do instead.
		stderr.write('meshtop: the full-screen UI needs an interactive terminal; for pipes use `meshtop tap RESOURCE -o json`\n');
		return 1;
	}
	const store = createStore({
		sources: options.sources,
		model: {bufferSize: options.bufferSize, ttlMs: options.ttlMs ?? 30_000, maxRoutes: 500, rpsWindowMs: 10_000},
		timeWindow: options.timeWindow,
		refreshMs: options.refreshMs,
		clock: options.clock ?? Date.now,
		spec: options.spec,
		clientFilter: options.clientFilter,
	});
	// Keep V8's young generation at its initial size (a 1 MB semi-space) instead of letting it grow
	// to 64 MB per semi-space under steady allocation: a TUI left open allocates little per second
	// and its buffered requests are old-generation data anyway. Measured at 300 events/s in tmux:
	// RSS peak 225 → ~155 MB for a few more, cheap scavenges (docs/performance.md). Unlike
	// --max-semi-space-size this flag is read at run time, so it works without a re-exec.
	v8.setFlagsFromString('--semi-space-growth-factor=1');
	const releaseWarnings = holdProcessWarnings();
	const restore = enterFullScreen(stdout);
	const writer = new FrameWriter({
		out: stdout,
		size: () => ({columns: stdout.columns || 80, rows: stdout.rows || 24}),
		minIntervalMs: 1000 / maxFps,
	});
	// Registered before Ink's own listener, so the frame Ink renders for the new size repaints everything.
	const onResize = () => writer.invalidate();
	stdout.on('resize', onResize);
	let finish: (code: number, error?: unknown) => void = () => {};
	const done = new Promise<{code: number; error?: unknown}>(resolve => {
		let finished = false;
		finish = (code, error) => {
			if (finished) return;
			finished = true;
			resolve({code, error});
		};
	});
	const onSignal = new Map<NodeJS.Signals, () => void>();
	for (const [signal, code] of signals) {
		const handler = () => finish(code);
		onSignal.set(signal, handler);
		process.on(signal, handler);
	}
	const onCrash = (error: unknown) => finish(1, error);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);

	let instance: ReturnType<typeof render> | undefined;
	try {
		instance = render(
			<ThemeContext.Provider value={themeFor(colorEnabled(options.color))}>
				<App
					store={store}
					initialUi={initialUi(Boolean(options.target))}
					showSecrets={options.showSecrets}
					stdout={stdout}
					onQuit={() => finish(0)}
					onKeys={() => writer.expedite()}
					onRedraw={() => writer.redraw()}
					onCopy={text => stdout.write(osc52(text))}
					exporter={options.exporter}
					version={options.version}
				/>
			</ThemeContext.Provider>,
			// Debug mode: Ink writes each whole frame, unthrottled and nothing else; the writer diffs and caps.
			{stdout: frameStream(stdout, writer) as unknown as NodeJS.WriteStream, stdin, stderr, exitOnCtrlC: false, patchConsole: false, debug: true},
		);
		instance.waitUntilExit().then(
			() => finish(0),
			error => finish(1, error),
		);
		store.start(options.target ?? null);
		if (options.notice) store.notify({level: 'error', text: options.notice});
		if (options.record) store.startRecording(options.record.path, {force: options.record.force, showSecrets: options.showSecrets, meshtop: options.version ?? 'unknown'});
		options.onStarted?.();
	} catch (error) {
		finish(1, error);
	}

	const result = await done;
	try {
		instance?.unmount();
	} catch {
		// Unmounting a crashed tree can throw again; the terminal still gets restored below.
	}
	store.close();
	writer.close();
	stdout.off('resize', onResize);
	restore();
	for (const [signal, handler] of onSignal) process.off(signal, handler);
	process.off('uncaughtException', onCrash);
	process.off('unhandledRejection', onCrash);
	for (const warning of releaseWarnings()) stderr.write(`meshtop: warned while the screen was up: ${warning}\n`);
	if (result.error !== undefined) {
		const error = result.error;
		stderr.write(`meshtop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	}
	return result.code;
}
