// A captured request back as the tap events it was joined from: request, then response and
// end when they arrived. For exports of the buffer (`y`, `:write x.json`), which print what
// `linkerd viz tap -o json` would have. Durations come back at the microsecond the model
// keeps (the wire has nanoseconds); everything else is what the events carried. Pure.
import type {Duration, TapEvent} from './event.js';
import type {RequestRecord} from './types.js';

function duration(us: number | null): Duration | null {
	if (us === null) return null;
	const seconds = Math.floor(us / 1_000_000);
	return {seconds, nanos: Math.round((us - seconds * 1_000_000) * 1000)};
}

export interface TimedEvent {
	event: TapEvent;
	/** Clock time (ms) the event arrived, as far as the record tells. */
	at: number;
}

export function recordEvents(rec: RequestRecord): TimedEvent[] {
	const base = {
		source: rec.source,
		destination: rec.destination,
		sourceMeta: rec.sourceLabels,
		destinationMeta: rec.destinationLabels,
		routeMeta: rec.routeLabels,
		proxyDirection: rec.direction,
	};
	const id = {base: rec.streamBase, stream: rec.streamId};
	const out: TimedEvent[] = [
		{
			at: rec.startedAt,
			event: {...base, http: {kind: 'requestInit', id, method: rec.method, scheme: rec.scheme, authority: rec.authority, path: rec.path, headers: rec.requestHeaders}},
		},
	];
	if (rec.httpStatus !== null) {
		out.push({
			at: rec.startedAt + Math.round((rec.latencyUs ?? 0) / 1000),
			event: {...base, http: {kind: 'responseInit', id, sinceRequestInit: duration(rec.latencyUs), httpStatus: rec.httpStatus, headers: rec.responseHeaders}},
		});
	}
	if (rec.state === 'done') {
		const sinceResponse = rec.totalUs !== null && rec.latencyUs !== null ? rec.totalUs - rec.latencyUs : null;
		out.push({
			at: rec.startedAt + Math.round((rec.totalUs ?? 0) / 1000),
			event: {
				...base,
				http: {kind: 'responseEnd', id, sinceRequestInit: duration(rec.totalUs), sinceResponseInit: duration(sinceResponse), responseBytes: rec.responseBytes ?? 0, eos: rec.eos, trailers: rec.trailers},
			},
		});
	}
	return out;
}
