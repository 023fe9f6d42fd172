// `meshtop tap --replay FILE`: a recording printed as the live tap printed it, with no
// cluster: the same formatter, filters and --max-requests (commands/tap.ts runTapHeadless),
// fed by the recorded frames on the recorded clock, as fast as stdout takes them or --pace.
import process from 'node:process';
import {describeCut} from '../model/recording.js';
import {sanitize} from '../model/sanitize.js';
import {replayClock, startReplaySession} from '../tap/replay-session.js';
import {readRecordingFile} from '../sources/recording-file.js';
import {type Options, resolveTap} from '../options.js';
import {abortOnSignals, meshtopVersion} from './shared.js';
import {runTapHeadless} from './tap.js';

export async function runTapReplay(options: Options): Promise<number> {
	const say = (line: string) => process.stderr.write(`meshtop: ${sanitize(line)}\n`);
	const recording = readRecordingFile(options.replay!);
	const cut = describeCut(recording);
	if (cut) say(cut);
	const {header} = recording;
	if (options.showSecrets && !header.showSecrets) say('this recording was made without --show-secrets: its secret headers were masked when written');
	const {clientFilter} = resolveTap(options, header.spec.target.namespace || 'default');
	const clock = replayClock(recording.frames[0]?.at ?? header.startedAt);
	return runTapHeadless({
		spec: header.spec,
		clientFilter,
		format: options.tapFormat,
		showSecrets: options.showSecrets,
		maxRequests: options.maxRequests,
		version: meshtopVersion(),
		stdout: process.stdout,
		stderr: process.stderr,
		signal: abortOnSignals(),
		session: {timing: {now: clock.now, delay: () => Promise.resolve()}},
		open: handlers => startReplaySession(recording.frames, handlers, clock, {pace: options.pace}),
	});
}
