// The header's words. Pure; every string that came from the cluster is sanitized by fitCell at render.
import {describeFilter} from '../../model/filters.js';
import {resourceLabel} from '../../model/resource.js';
import type {StoreState} from '../../store/state.js';
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
		case 'connecting':
			return {text: status.attempt > 1 ? `connecting (attempt ${status.attempt})…` : 'connecting…', token: 'muted'};
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

export function filterLine(data: StoreState, server: ServerFilter): string {
	const chips = [...serverFilterChips(server), ...describeFilter(data.clientFilter)];
	return `filters: ${chips.length > 0 ? chips.join('  ') : 'none'}`;
}

export function countsText(data: StoreState, server: ServerFilter): string {
	const {counts} = data.snapshot;
	const parts = [
		`${data.eventsPerSecond} ev/s`,
		`sampled at ${server.maxRps > 0 ? server.maxRps : 100} rps`,
		`${counts.open} unfinished`,
		`${counts.expired + counts.unmatched} dropped`,
	];
	if (counts.filteredOut > 0) parts.push(`${counts.filteredOut} hidden by filters`);
	if (data.badFrames > 0) parts.push(`${data.badFrames} bad frames`);
	return parts.join(' · ');
}
