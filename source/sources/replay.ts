// MeshSources over a recording: one namespace, no metrics-api, no other contexts, and a tap
// that plays the recorded frames once on the recording's clock (tap/replay-session.ts).
// The tap API applied the recording's filters when it was made: asking again (a changed
// server-side filter) cannot be answered, and the status says so.
import type {DecodedRecording} from '../model/recording.js';
import {type ReplayClock, replayClock, startReplaySession} from '../tap/replay-session.js';
import type {MeshSources} from './types.js';

export function replaySources(recording: DecodedRecording, file: string): {sources: MeshSources; clock: ReplayClock} {
	const {header, frames} = recording;
	const clock = replayClock(frames[0]?.at ?? header.startedAt);
	const namespace = header.spec.target.type === 'namespace' ? header.spec.target.name : header.spec.target.namespace;
	const stops = new Set<() => void>();
	let played = false;
	const sources: MeshSources = {
		info: {
			context: header.context,
			server: header.server,
			namespace,
			contexts: [header.context],
			replay: {file, startedAt: header.startedAt, frames: frames.length, meshtop: header.meshtop},
		},
		watchNamespaces(onList) {
			onList([{name: namespace, injected: true}]);
			return () => undefined;
		},
		watchWorkloads(_namespace, onList) {
			onList([]);
			return () => undefined;
		},
		tap(_spec, handlers) {
			if (played) {
				handlers.onStatus({state: 'failed', message: 'a recording cannot be tapped again: its tap filters were fixed when it was made; use / to filter'});
				return () => undefined;
			}
			played = true;
			const session = startReplaySession(frames, handlers, clock);
			const stop = () => session.stop();
			stops.add(stop);
			return () => {
				stops.delete(stop);
				stop();
			};
		},
		withContext: () => Promise.reject(new Error('a replay has no other contexts')),
		close() {
			for (const stop of [...stops]) stop();
			stops.clear();
		},
	};
	return {sources, clock};
}
