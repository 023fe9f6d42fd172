// `meshtop tap`: stream one target's events to stdout in linkerd's formats, with
// back-pressure, --max-requests, clean ctrl-c, and one-line errors on stderr.
import process from 'node:process';
import type {Writable} from 'node:stream';
import {credentialReloader} from '../kube/config.js';
import {compileEventFilter} from '../model/event-filter.js';
import {sanitize} from '../model/sanitize.js';
import type {ClientFilter} from '../model/filters.js';
import type {TapEvent} from '../model/event.js';
import {type SessionOptions, startTapSession} from '../tap/session.js';
import type {TapContext} from '../tap/stream.js';
import type {TapSpec, TapStatus} from '../model/tap-spec.js';
import {createEventFormatter} from '../output/index.js';
import {type Options, resolveTap} from '../options.js';
import {watchTargetPods} from '../kube/target-watch.js';
import {abortOnSignals, withCluster} from './shared.js';

export function runTapCommand(options: Options): Promise<number> {
	return withCluster(options, async loaded => {
		const {spec, clientFilter} = resolveTap(options, loaded.namespace);
		return runTapHeadless({
			context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
			spec: spec!,
			clientFilter,
			format: options.tapFormat,
			showSecrets: options.showSecrets,
			maxRequests: options.maxRequests,
			stdout: process.stdout,
			stderr: process.stderr,
			signal: abortOnSignals(),
			watchPods: onChange => watchTargetPods(loaded.kubeConfig, spec!.target, onChange, () => undefined),
		});
	});
}

export interface HeadlessOptions {
	context: TapContext;
	spec: TapSpec;
	clientFilter: ClientFilter;
	format: 'text' | 'wide' | 'json' | 'jsonl';
	showSecrets: boolean;
	maxRequests?: number;
	stdout: Writable & {isTTY?: boolean};
	stderr: Writable & {isTTY?: boolean};
	/** Aborted on SIGINT/SIGTERM: finish the current write and exit 0. */
	signal: AbortSignal;
	/** Re-tap when the target's pods change; returns a stop function. */
	watchPods?: (onChange: (reason: string) => void) => () => void;
	session?: SessionOptions;
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
	const format = createEventFormatter(options.format, {showSecrets: options.showSecrets});
	const keep = compileEventFilter(options.clientFilter);
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
	const onStatus = (s: TapStatus) => {
		if (s.state === 'waiting' && options.stderr.isTTY) status('waiting for traffic…');
		if (s.state === 'reconnecting') {
			// retryAt is on the session's clock, which tests inject.
			const seconds = Math.max(0, Math.round((s.retryAt - now()) / 1000));
			status(`${s.reason}; reconnecting in ${seconds}s (attempt ${s.attempt})`);
		}
	};
	const onEvents = (events: TapEvent[]) => {
		if (stdoutClosed || options.signal.aborted) return;
		let text = '';
		for (const event of events) {
			if (!keep(event)) continue;
			text += format(event);
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
	const session = startTapSession(
		options.context,
		options.spec,
		{
			onEvents,
			onStatus,
			onBadFrame: reason => {
				badFrames += 1;
				if (badFrames <= 3 || badFrames % 1000 === 0) status(`skipped a malformed tap frame (${badFrames} so far): ${reason}`);
			},
		},
		{retryBeforeFirstStream: false, reloadCredentials: credentialReloader(options.context), ...options.session},
	);
	const onAbort = () => session.stop();
	options.signal.addEventListener('abort', onAbort, {once: true});
	const stopWatch = options.watchPods?.(reason => session.retap(reason));
	const failure = await session.done;
	stopWatch?.();
	options.signal.removeEventListener('abort', onAbort);
	if (failure !== undefined) {
		status(failure);
		return 1;
	}
	return 0;
}
