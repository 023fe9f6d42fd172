// The header's words. Pure; every string that came from the cluster is sanitized by fitCell at render.
import {type ClientFilter, describeFilter} from '../../model/filters.js';
import {resourceLabel} from '../../model/resource.js';
import {type FilterKey, isServerFilterKey, type StoreState} from '../../store/state.js';
import type {ServerFilter} from '../../store/store.js';
import type {Resource} from '../../model/resource.js';
import type {TapSpec, TapStatus} from '../../model/tap-spec.js';
import {describeScope} from '../../model/namespace-scope.js';
import type {Token} from '../theme.js';
import {budgetText, samplingFacts, shareText, untappedText} from '../../model/sampling.js';
import type {ContextInfo} from '../../model/cluster.js';
import {formatBytes} from '../../model/format.js';
import stringWidth from 'string-width';
import type {RecordingView} from '../../store/recording.js';

export function targetText(target: Resource | null): string {
	if (!target) return 'no tap';
	const label = resourceLabel(target);
	return target.namespace ? `${label} -n ${target.namespace}` : label;
}

/** What is tapped: the target, or for many namespaces the scope (`ns every namespace`, `deploy/web -n a,b`). */
export function tapText(target: Resource | null, spec: TapSpec | null): string {
	const scope = spec?.namespaces;
	if (!scope || !target) return targetText(target);
	if (scope.all) return 'every namespace (-A)';
	const names = scope.names.join(',');
	return target.type === 'namespace' ? `ns ${names}` : `${resourceLabel(target)} -n ${names}`;
}

/** The data refresh interval as the header shows it (`-d`, `+`/`-`). */
export function refreshText(ms: number): string {
	return `refresh ${ms / 1000}s`;
}

/** The tap's state; `short`, for a tap over many namespaces, says the scope in fewer words. */
export function statusText(status: TapStatus | null, now: number): {text: string; short?: string; token: Token} {
	const one = tapStateText(status, now);
	if (!status?.scope) return one;
	// Many namespaces: how many, the rate each asks for, and which failed (the others go on);
	// those with no pods to tap (kube-system and the like) only counted: that is not a failure.
	const {summary, failed, empty} = describeScope(status.scope);
	const failures = failed.length > 0 ? ` · failed: ${failed.map(ns => `${ns.namespace} (${ns.message ?? 'failed'})`).join(', ')}` : '';
	const nothing = empty.length > 0 ? ` · ${empty.length} with nothing to tap` : '';
	const count = status.scope.namespaces.length;
	// Narrow: the namespaces and each one's rate in a few characters; which failed stays named.
	const brief = `${count} ns${count > 1 ? ` × ${status.scope.rpsEach} rps` : ''}`;
	const briefFailures = failed.length > 0 ? ` · failed: ${failed.map(ns => ns.namespace).join(', ')}` : '';
	return {
		text: `${one.text} · ${summary}${failures}${nothing}`,
		short: `${one.text} · ${brief}${briefFailures}`,
		token: failed.length > 0 && one.token === 'ok' ? 'warn' : one.token,
	};
}

function tapStateText(status: TapStatus | null, now: number): {text: string; token: Token} {
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

/** What the tap sees of the target's real traffic, and how its max-rps budget is split (model/sampling.ts). */
export function samplingOf(data: StoreState, server: ServerFilter) {
	return samplingFacts({
		target: data.target,
		workloads: data.workloads,
		stats: data.metrics.stats.rows,
		inboundRps: data.inboundRequestsPerSecond,
		maxRps: server.maxRps,
		namespaces: tappedNamespaces(data),
	});
}

/** The namespaces of a tap over many (-A, -n a,b,c); undefined for a tap of one target. */
function tappedNamespaces(data: StoreState): string[] | undefined {
	const scope = data.spec?.namespaces;
	if (!scope) return undefined;
	const listed = data.tapStatus?.scope?.namespaces.map(ns => ns.namespace);
	return listed ?? (scope.all ? [] : scope.names);
}

/**
 * The tap's figures, widest first. Tap events are not requests (about three per request:
 * request, response, end), so the rate says events. The share of the real traffic comes first
 * (it says how much is not shown at all). Narrower, the words shorten, then the sampling budget,
 * the rate and the zero counts go: the share and what is dropped or hidden stay.
 */
export function countsForms(data: StoreState, server: ServerFilter): string[] {
	const {counts} = data.snapshot;
	const facts = samplingOf(data, server);
	const rps = server.maxRps > 0 ? server.maxRps : 100;
	const dropped = counts.expired + counts.unmatched;
	const share = facts ? shareText(facts) : '';
	const untapped = facts ? untappedText(facts) : '';
	const tail = (hidden: string, bad: string) => [
		...(counts.filteredOut > 0 ? [`${counts.filteredOut} ${hidden}`] : []),
		...(data.badFrames > 0 ? [`${data.badFrames} ${bad}`] : []),
	];
	const lead = share ? [share.replace(/^seeing /, '').replace(' inbound rps', ' rps')] : [];
	const full = [
		`${data.eventsPerSecond} tap events/s`,
		...(share ? [share] : []),
		facts ? budgetText(facts) : `sampled at ${rps} rps`,
		`${counts.open} unfinished`,
		`${dropped} dropped`,
		...tail('hidden by filters', 'bad frames'),
		...(untapped ? [untapped] : []),
	];
	const rest = [`${counts.open} open`, `${dropped} dropped`, ...tail('hidden', 'bad')];
	return [
		full,
		[...lead, `${data.eventsPerSecond} ev/s`, `≤${rps} rps`, ...rest],
		[...lead, `${data.eventsPerSecond} ev/s`, ...rest],
		[...lead, ...rest],
		[...lead, ...rest.filter(item => !/^0 /.test(item))],
	].map(items => items.join(' · '));
}

/** The widest form of the tap's figures that fits `width` (the narrowest when none does). */
export function countsText(data: StoreState, server: ServerFilter, width = Number.POSITIVE_INFINITY): string {
	const forms = countsForms(data, server);
	return forms.find(form => form.length <= width) ?? forms.at(-1)!;
}

/** "● REC name 1.2 MB" while recording (the file's base name: the notice said where). */
export function recordingText(recording: RecordingView | null): string {
	if (!recording) return '';
	const name = recording.path.split(/[\\/]/).at(-1) ?? recording.path;
	return `● REC ${name} ${formatBytes(recording.bytes)}`;
}

/** UTC, to the second: the same instant whoever opens the recording, wherever. */
export function utcText(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The first header line of a replay: what file, recorded where and when, and the recorded time now shown. */
export function replayText(info: ContextInfo, now: number): string {
	return contextForms(info, '', 0, now)[0]!;
}

/**
 * The first header line, widest first. Narrower, the API server's URL goes first (the context
 * names it), then the refresh interval, then the program's name; the namespace, and in a
 * replay the file and the recorded time now shown, stay.
 */
export function contextForms(info: ContextInfo, namespace: string, refreshMs: number, now: number): string[] {
	const replay = info.replay;
	if (replay) {
		const name = replay.file.split(/[\\/]/).at(-1) ?? replay.file;
		const recorded = `recorded ${utcText(replay.startedAt)}`;
		const at = `at ${utcText(now).slice(11)}`;
		return [
			`meshtop  REPLAY ${name}  ${recorded}  ctx ${info.context}  ${info.server}  ${at}`,
			`meshtop  REPLAY ${name}  ${recorded}  ctx ${info.context}  ${at}`,
			`REPLAY ${name}  ${recorded}  ctx ${info.context}  ${at}`,
			`REPLAY ${name}  ${recorded}  ${at}`,
			`REPLAY ${name}  ${at}`,
		];
	}
	const ctx = `ctx ${info.context}`;
	const ns = `ns ${namespace}`;
	const refresh = refreshText(refreshMs);
	return [
		`meshtop  ${ctx}  ${info.server}  ${ns}  ${refresh}`,
		`meshtop  ${ctx}  ${ns}  ${refresh}`,
		`${ctx}  ${ns}  ${refresh}`,
		`${ctx}  ${ns}`,
		ns,
	];
}

/** The widest first line that fits `width` (the narrowest, to be cut, when none does). */
export function contextText(info: ContextInfo, namespace: string, refreshMs: number, now: number, width: number): string {
	const forms = contextForms(info, namespace, refreshMs, now);
	return forms.find(form => stringWidth(form) <= width) ?? forms.at(-1)!;
}
