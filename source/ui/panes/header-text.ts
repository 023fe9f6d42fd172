// The header's words. Pure; every string that came from the cluster is sanitized by fitCell at render.
import {type ClientFilter, describeFilter} from '../../model/filters.js';
import {resourceLabel} from '../../model/resource.js';
import {type FilterKey, isServerFilterKey, type StoreState} from '../../store/state.js';
import type {ServerFilter} from '../../store/store.js';
import type {Resource} from '../../model/resource.js';
import type {TapStatus} from '../../model/tap-spec.js';
import type {Token} from '../theme.js';

export function targetText(target: Resource | null): string {
	if (!target) return 'no tap';
	const label = resourceLabel(target);
	return target.namespace ? `${label} -n ${target.namespace}` : label;
}

/** The data refresh interval as the header shows it (`-d`, `+`/`-`). */
export function refreshText(ms: number): string {
	return `refresh ${ms / 1000}s`;
}

export function statusText(status: TapStatus | null, now: number): {text: string; token: Token} {
	if (!status) return {text: 'not tapping: pick a workload (enter) or :tap RES', token: 'muted'};
	switch (status.state) {
		case 'connecting': {
			// A server that takes the connection and never answers must not look like a fresh start.
			const elapsed = status.since === undefined ? 0 : Math.floor((now - status.since) / 1000);
			const text = status.attempt > 1 ? `connecting (attempt ${status.attempt})…` : 'connecting…';
			return {text: elapsed >= 1 ? `${text} ${elapsed}s` : text, token: 'muted'};
		}
		case 'waiting':
			return {text: 'connected, waiting for requests', token: 'muted'};
		case 'live':
			return {text: '● live', token: 'ok'};
		case 'reconnecting': {
			const seconds = Math.max(0, Math.ceil((status.retryAt - now) / 1000));
			return {text: `reconnecting in ${seconds}s (attempt ${status.attempt}): ${status.reason}`, token: 'warn'};
		}
		case 'failed':
			return {text: `failed: ${status.message}`, token: 'error'};
		case 'stopped':
			return {text: 'stopped', token: 'muted'};
	}
}

export function serverFilterChips(filter: ServerFilter): string[] {
	const chips: string[] = [];
	if (filter.to) chips.push(`to=${targetText(filter.to)}`);
	if (filter.method) chips.push(`method=${filter.method}`);
	if (filter.path) chips.push(`path=${filter.path}`);
	if (filter.authority) chips.push(`authority=${filter.authority}`);
	if (filter.scheme) chips.push(`scheme=${filter.scheme}`);
	if (filter.labelSelector) chips.push(`-l ${filter.labelSelector}`);
	return chips;
}

/** One filter's chip: a client filter as describeFilter words it, a server one as the tap API has it. */
function chip(key: FilterKey, data: StoreState, server: ServerFilter): string[] {
	if (key === 'maxRps') return server.maxRps !== 100 ? [`max-rps=${server.maxRps}`] : [];
	if (isServerFilterKey(key)) return serverFilterChips({[key]: server[key]} as unknown as ServerFilter);
	return describeFilter({[key]: data.clientFilter[key]} as ClientFilter);
}

/** The filters in the order they were added: esc removes the rightmost. */
export function filterLine(data: StoreState, server: ServerFilter): string {
	const chips = data.filterOrder.flatMap(key => chip(key, data, server));
	return `filters: ${chips.length > 0 ? chips.join('  ') : 'none'}`;
}

/**
 * The tap's figures, widest first. Tap events are not requests (about three per request:
 * request, response, end), so the rate says events. Narrower, the words shorten, then the
 * sampling budget, the rate and the zero counts go: what is dropped or hidden stays.
 */
export function countsForms(data: StoreState, server: ServerFilter): string[] {
	const {counts} = data.snapshot;
	const rps = server.maxRps > 0 ? server.maxRps : 100;
	const dropped = counts.expired + counts.unmatched;
	const tail = (hidden: string, bad: string) => [
		...(counts.filteredOut > 0 ? [`${counts.filteredOut} ${hidden}`] : []),
		...(data.badFrames > 0 ? [`${data.badFrames} ${bad}`] : []),
	];
	const full = [`${data.eventsPerSecond} tap events/s`, `sampled at ${rps} rps`, `${counts.open} unfinished`, `${dropped} dropped`, ...tail('hidden by filters', 'bad frames')];
	const short = [`${data.eventsPerSecond} ev/s`, `≤${rps} rps`, `${counts.open} open`, `${dropped} dropped`, ...tail('hidden', 'bad')];
	return [
		full,
		short,
		short.filter((_, i) => i !== 1),
		short.filter((_, i) => i > 1),
		short.filter((item, i) => i > 1 && !/^0 /.test(item)),
	].map(items => items.join(' · '));
}

/** The widest form of the tap's figures that fits `width` (the narrowest when none does). */
export function countsText(data: StoreState, server: ServerFilter, width = Number.POSITIVE_INFINITY): string {
	const forms = countsForms(data, server);
	return forms.find(form => form.length <= width) ?? forms.at(-1)!;
}
