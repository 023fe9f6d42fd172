// `meshtop tap`: stream one target's events to stdout in linkerd's formats, with
// back-pressure, --max-requests, clean ctrl-c, and one-line errors on stderr.
import process from 'node:process';
import type {Writable} from 'node:stream';
import {credentialReloader} from '../kube/config.js';
import {compileEventFilter} from '../model/event-filter.js';
import {parseFilter} from '../model/filter/index.js';
import {RequestAssembler} from '../model/request-assembler.js';
import {sanitize} from '../model/sanitize.js';
import type {ClientFilter} from '../model/filters.js';
import type {TapEvent} from '../model/event.js';
import {type SessionOptions, startTapSession, type TapSession} from '../tap/session.js';
import type {TapHandlers} from '../tap/types.js';
import type {Recorder} from '../sources/recorder.js';
import type {TapContext} from '../tap/stream.js';
import type {TapSpec, TapStatus} from '../model/tap-spec.js';
import type {Resource} from '../model/resource.js';
import {createEventFormatter} from '../output/index.js';
import {HarStream, harPrefix, harSuffix} from '../output/har.js';
import {type Options, type TapFormat, resolveTap} from '../options.js';
import {watchTargetPods} from '../kube/target-watch.js';
import {watchNamespaces} from '../kube/inventory.js';
import {startMultiTapSession} from '../tap/multi-session.js';
import {describeScope, emptyText} from '../model/namespace-scope.js';
import {abortOnSignals, meshtopVersion, withCluster} from './shared.js';
import {RECORDING_VERSION} from '../model/recording.js';
import {formatBytes} from '../model/format.js';

export async function runTapCommand(options: Options): Promise<number> {
	if (options.replay !== undefined) return (await import('./tap-replay.js')).runTapReplay(options);
	return withCluster(options, async loaded => {
		const {spec, clientFilter} = resolveTap(options, loaded.namespace);
		const version = meshtopVersion();
		let recorder: Recorder | undefined;
		if (options.record !== undefined) {
			const {openRecorder} = await import('../sources/recorder.js');
			const header = {format: RECORDING_VERSION, meshtop: version, context: loaded.context, server: loaded.server, spec: spec!, startedAt: Date.now(), showSecrets: options.showSecrets};
			recorder = openRecorder(options.record, header, {force: options.force, onError: line => process.stderr.write(`meshtop: ${sanitize(line)}\n`)});
		}
		try {
			return await runTapHeadless({
				context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
				spec: spec!,
				clientFilter,
				format: options.tapFormat,
				showSecrets: options.showSecrets,
				maxRequests: options.maxRequests,
				version,
				stdout: process.stdout,
				stderr: process.stderr,
				signal: abortOnSignals(),
				watchPods: onChange => watchTargetPods(loaded.kubeConfig, spec!.target, onChange, () => undefined),
				watchPodsOf: (target, onChange) => watchTargetPods(loaded.kubeConfig, target, onChange, () => undefined),
				watchNamespaces: (onList, onError) => watchNamespaces(loaded.kubeConfig, list => onList(list.map(ns => ns.name)), onError),
				recorder,
			});
		} finally {
			recorder?.close();
			if (recorder && !recorder.error) {
				process.stderr.write(`meshtop: recorded ${recorder.frames} ${recorder.frames === 1 ? 'frame' : 'frames'} (${formatBytes(recorder.bytes)}) to ${sanitize(recorder.path)}\n`);
			}
		}
	});
}

export interface HeadlessOptions {
	/** The cluster to tap; absent when `open` supplies the events (a replay). */
	context?: TapContext;
	spec: TapSpec;
	clientFilter: ClientFilter;
	format: TapFormat;
	showSecrets: boolean;
	maxRequests?: number;
	/** meshtop's version, for the HAR log's creator (default 'unknown'). */
	version?: string;
	stdout: Writable & {isTTY?: boolean};
	stderr: Writable & {isTTY?: boolean};
	/** Aborted on SIGINT/SIGTERM: finish the current write and exit 0. */
	signal: AbortSignal;
	/** Re-tap when the target's pods change; returns a stop function. */
	watchPods?: (onChange: (reason: string) => void) => () => void;
	/** Many namespaces (spec.namespaces): re-tap one namespace's target when its pods change. */
	watchPodsOf?: (target: Resource, onChange: (reason: string) => void) => () => void;
	/** -A: the namespace names, each time they change; returns a stop function. */
	watchNamespaces?: (onList: (names: string[]) => void, onError: (message: string) => void) => () => void;
	session?: SessionOptions;
	/** Milliseconds a request may wait for its end under --filter or -o har (default 30 s, as the TUI). */
	ttlMs?: number;
	/** --record: every frame received goes here, before any client-side filter. */
	recorder?: Recorder;
	/** Where the events come from: the cluster (default) or a recording (tap --replay). */
	open?: (handlers: TapHandlers) => TapSession;
}

function write(stream: Writable, text: string): Promise<void> | void {
	if (stream.write(text)) return;
	return new Promise(resolve => {
		const done = () => {
			stream.off('drain', done);
			stream.off('close', done);
			stream.off('error', done);
			resolve();
		};
		stream.on('drain', done);
		stream.on('close', done);
		stream.on('error', done);
	});
}

export async function runTapHeadless(options: HeadlessOptions): Promise<number> {
	// -o har writes one entry per whole request; the others one text per event.
	const har = options.format === 'har' ? new HarStream({showSecrets: options.showSecrets}) : undefined;
	const format = options.format === 'har' ? undefined : createEventFormatter(options.format, {showSecrets: options.showSecrets});
	const keep = compileEventFilter(options.clientFilter);
	// --filter judges whole requests: their events are held until the end arrives.
	const expression = options.clientFilter.expr ? parseFilter(options.clientFilter.expr) : undefined;
	const whole = expression?.ok && !expression.filter.matchesAll ? expression.filter : undefined;
	const assembler = whole || har ? new RequestAssembler({ttlMs: options.ttlMs ?? 30_000, maxOpen: 100_000}) : undefined;
	let lastExpire = 0;
	let completed = 0;
	let badFrames = 0;
	let stdoutClosed = false;
	// Failure texts carry server words (ApiError, Status messages): never raw control bytes on stderr.
	const now = options.session?.timing?.now ?? Date.now;
	const status = (line: string) => options.stderr.write(`meshtop: ${sanitize(line)}\n`);
	options.stdout.on('error', () => {
		// EPIPE: the reader (head, jq) went away; stop quietly.
		stdoutClosed = true;
		session.stop();
	});
	// Many namespaces: the rate split once (again when the namespaces change), each failure once;
	// namespaces with nothing to tap (no meshed pods: noise, not failure) in one line, said once
	// the failures have settled, and again only when more join them.
	let scopeLine = '';
	const failedShown = new Set<string>();
	let emptyShown = 0;
	const onScope = (s: TapStatus) => {
		if (!s.scope) return;
		const {summary, failed, empty} = describeScope(s.scope);
		if (s.scope.namespaces.length > 0 && summary !== scopeLine) {
			scopeLine = summary;
			status(`tapping ${summary}`);
		}
		for (const ns of failed) {
			if (failedShown.has(ns.namespace)) continue;
			failedShown.add(ns.namespace);
			status(`namespace ${ns.namespace}: ${ns.message ?? 'failed'}`);
		}
		if (s.scope.settled && empty.length > emptyShown) {
			emptyShown = empty.length;
			status(emptyText(empty));
		}
	};
	const onStatus = (s: TapStatus) => {
		onScope(s);
		if (s.state === 'waiting' && options.stderr.isTTY) status('waiting for traffic…');
		if (s.state === 'reconnecting') {
			// retryAt is on the session's clock, which tests inject.
			const seconds = Math.max(0, Math.round((s.retryAt - now()) / 1000));
			status(`${s.reason}; reconnecting in ${seconds}s (attempt ${s.attempt})`);
		}
	};
	const onEvents = (events: TapEvent[], frames?: Uint8Array[]) => {
		const at = now();
		if (frames) options.recorder?.add(frames, at);
		if (stdoutClosed || options.signal.aborted) return;
		let text = '';
		if (assembler && at - lastExpire >= 1000) {
			assembler.expire(at);
			lastExpire = at;
		}
		for (const event of events) {
			if (!keep(event)) continue;
			if (assembler) {
				const done = assembler.push(event, at);
				if (done === undefined) continue;
				if (whole && !whole.matches(done.record, {showSecrets: options.showSecrets})) continue;
				if (har) text += har.entry(done.record);
				else for (const held of done.events) text += format!(held);
			} else text += format!(event);
			if (event.http?.kind === 'responseEnd') {
				completed += 1;
				if (options.maxRequests !== undefined && completed >= options.maxRequests) {
					session.stop();
					break;
				}
			}
		}
		return text ? write(options.stdout, text) : undefined;
	};
	// The HAR log is one JSON object: open it before any entry, close it below on every way out.
	if (har) options.stdout.write(harPrefix(options.version ?? 'unknown'));
	const handlers: TapHandlers = {
		onEvents,
		onStatus,
		onBadFrame: reason => {
			badFrames += 1;
			if (badFrames <= 3 || badFrames % 1000 === 0) status(`skipped a malformed tap frame (${badFrames} so far): ${reason}`);
		},
	};
	const live = (): TapSession => {
		const sessionOptions: SessionOptions = {retryBeforeFirstStream: false, reloadCredentials: credentialReloader(options.context!), ...options.session};
		if (!options.spec.namespaces) return startTapSession(options.context!, options.spec, handlers, sessionOptions);
		return startMultiTapSession(options.spec, handlers, {
			startSession: (spec, each) => startTapSession(options.context!, spec, each, sessionOptions),
			watchPods: options.watchPodsOf,
			watchNamespaces: options.watchNamespaces,
			failWithoutList: true,
		});
	};
	const session = options.open ? options.open(handlers) : live();
	const onAbort = () => session.stop();
	options.signal.addEventListener('abort', onAbort, {once: true});
	const stopWatch = options.spec.namespaces ? undefined : options.watchPods?.(reason => session.retap(reason));
	const failure = await session.done;
	stopWatch?.();
	options.signal.removeEventListener('abort', onAbort);
	if (har && !stdoutClosed) await write(options.stdout, harSuffix());
	if (assembler) {
		assembler.finish();
		const {unfinished, unmatched} = assembler.counts;
		const parts = [];
		if (unfinished > 0) parts.push(`${unfinished} ${unfinished === 1 ? 'request' : 'requests'} never completed`);
		if (unmatched > 0) parts.push(`${unmatched} ${unmatched === 1 ? 'event' : 'events'} belonged to requests begun before the tap`);
		const why = whole ? '--filter judges whole requests' : '-o har lists whole requests';
		const one = parts.length === 1 && unfinished + unmatched === 1;
		if (parts.length > 0) status(`${why}: ${parts.join(', and ')}; ${one ? 'it was' : 'they were'} not printed`);
	}
	if (failure !== undefined) {
		status(failure);
		return 1;
	}
	return 0;
}
