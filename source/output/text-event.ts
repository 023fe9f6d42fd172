// One `linkerd viz tap` text line (spec §6.1), optionally with the `-o wide`
// label columns. Every string that came off the network goes through sanitize.
import {durationToMicros, formatAddress, grpcStatusName} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import type {Labels, TapEvent} from '../model/event.js';

export function tapEventText(ev: TapEvent, wide: boolean): string {
	const flow = flowText(ev);
	const extra = wide ? wideLabels(ev) : '';
	const http = ev.http;
	if (http === null) return `unknown ${flow}${extra}`;
	const id = `id=${http.id.base}:${http.id.stream}`;
	switch (http.kind) {
		case 'requestInit': {
			// An absent method reads as the enum's zero value, GET, as it does upstream.
			const method = http.method === '' ? 'GET' : sanitize(http.method);
			return `req ${id} ${flow} :method=${method} :authority=${sanitize(http.authority)} :path=${sanitize(http.path)}${extra}`;
		}
		case 'responseInit':
			return `rsp ${id} ${flow} :status=${http.httpStatus} latency=${durationToMicros(http.sinceRequestInit)}µs${extra}`;
		case 'responseEnd': {
			// `duration` is since_response_init, not the whole request.
			const tail = `duration=${durationToMicros(http.sinceResponseInit)}µs response-length=${http.responseBytes}B${extra}`;
			if (http.eos?.kind === 'grpc') return `end ${id} ${flow} grpc-status=${grpcStatusName(http.eos.code)} ${tail}`;
			if (http.eos?.kind === 'reset') return `end ${id} ${flow} reset-error=${http.eos.code} ${tail}`;
			return `end ${id} ${flow} ${tail}`;
		}
	}
}

function flowText(ev: TapEvent): string {
	let proxy = '???';
	let tls = '';
	if (ev.proxyDirection === 'INBOUND') {
		proxy = 'in ';
		tls = ev.sourceMeta?.tls ?? '';
	} else if (ev.proxyDirection === 'OUTBOUND') {
		proxy = 'out';
		tls = ev.destinationMeta?.tls ?? '';
	}
	return `proxy=${proxy} src=${formatAddress(ev.source)} dst=${formatAddress(ev.destination)} tls=${sanitize(tls)}`;
}

function wideLabels(ev: TapEvent): string {
	return (
		labelText('src_', ev.sourceMeta, true) +
		labelText('dst_', ev.destinationMeta, true) +
		labelText('rt_', ev.routeMeta, false)
	);
}

function labelText(prefix: string, labels: Labels, sorted: boolean): string {
	if (labels === null) return '';
	const keys = Object.keys(labels);
	if (sorted) keys.sort();
	let out = '';
	for (const k of keys) out += ` ${prefix}${sanitize(k)}=${sanitize(labels[k]!)}`;
	return out;
}
