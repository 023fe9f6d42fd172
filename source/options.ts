// Command line flags → validated, typed options. Pure: no I/O. Resources are kept as
// words until the kubeconfig tells the default namespace (see resolveTap).
import {authzResourceTypes} from './model/authz.js';
import type {ClientFilter} from './model/filters.js';
import {parseFilter} from './model/filter/index.js';
import type {NamespaceScope, TapSpec} from './model/tap-spec.js';
import {parseResource, resourceWords, tapTargetTypes, UsageError} from './model/resource.js';
import {windowSeconds} from './model/route-metrics/queries.js';

export type Command = 'tui' | 'tap' | 'demo' | 'stat' | 'edges' | 'replay' | 'stat-outbound' | 'stat-inbound' | 'authz';
export type TapFormat = 'text' | 'wide' | 'json' | 'jsonl' | 'har';
export type TableFormat = 'table' | 'wide' | 'json';

export interface RawFlags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	/** -A: tap every namespace. */
	allNamespaces?: boolean;
	to?: string;
	toNamespace?: string;
	from?: string;
	fromNamespace?: string;
	/** Numbers arrive as the typed text (numeric flags are read as strings and checked here). */
	port?: string | number;
	method?: string;
	path?: string;
	authority?: string;
	scheme?: string;
	selector?: string;
	maxRps?: string | number;
	output?: string;
	maxRequests?: string | number;
	buffer?: string | number;
	/** -d/--refresh: seconds between data redraws in the TUI, as top's -d. */
	refresh?: string | number;
	showSecrets?: boolean;
	color?: boolean;
	demo?: boolean;
	demoPort?: string | number;
	vizNamespace?: string;
	metricsAddr?: string;
	timeWindow?: string;
	/** Filter-language expression on whole requests (`tap --filter`, and the TUI's start filter). */
	filter?: string;
	requestTimeout?: string;
	/** --record FILE: keep the raw tap frames (tap and the TUI). */
	record?: string;
	/** tap --replay FILE: print a recording instead of tapping. */
	replay?: string;
	/** tap --replay: at the recorded pace. */
	pace?: boolean;
	/** --record: replace an existing FILE. */
	force?: boolean;
	/** stat-outbound/stat-inbound: Prometheus's base URL (linkerd's --prometheusURL); no Kubernetes calls. */
	prometheusUrl?: string;
}

export interface Options {
	command: Command;
	/** Resource words as typed, resolved against the namespace later. */
	resourceWords: string[];
	kubeconfig?: string;
	context?: string;
	/** -n as given (the first of a list); undefined means "the context's namespace, else default". */
	namespace?: string;
	/** -A, or -n a,b,c: one tap per namespace (model/namespace-scope.ts). */
	namespaceScope?: NamespaceScope;
	flags: RawFlags;
	tapFormat: TapFormat;
	tableFormat: TableFormat;
	maxRequests?: number;
	bufferSize: number;
	/** TUI data refresh interval in ms (from -d SECONDS). */
	refreshMs: number;
	maxRps: number;
	showSecrets: boolean;
	color: boolean;
	demo: boolean;
	demoPort?: number;
	vizNamespace?: string;
	metricsAddr?: string;
	timeWindow: string;
	/** --request-timeout in ms; 0 = none; undefined = the defaults (kube/http.ts). */
	requestTimeoutMs?: number;
	/** --record FILE (tap, TUI). */
	record?: string;
	/** The recording to read: tap --replay FILE, or meshtop replay FILE. */
	replay?: string;
	pace: boolean;
	force: boolean;
	/** --prometheus-url, checked to be an http(s) URL. */
	prometheusUrl?: string;
}

const commands = new Set<Command>(['tap', 'demo', 'stat', 'edges', 'replay', 'stat-outbound', 'stat-inbound', 'authz']);

/** The resource types of `linkerd viz stat-outbound`/`stat-inbound` (and of stat). */
export const routeStatTypes = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob', 'replicaset', 'replicationcontroller', 'pod', 'namespace'];

/** How a flag's value looked on the command line, for messages: `"abc"`, `"-1"`. */
function shown(value: string | number): string {
	return JSON.stringify(String(value));
}

/** A numeric flag, read as text (meow/yargs would turn "abc" into NaN and drop a missing value). */
function wholeNumber(value: string | number | undefined, flag: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
	if (value === undefined) return undefined;
	if (value === '') throw new UsageError(`--${flag} needs a value`);
	const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
		throw new UsageError(`--${flag} must be a whole number ${range}, got ${shown(value)}`);
	}
	return n;
}

const stringFlags: Array<[keyof RawFlags, string]> = [
	['kubeconfig', 'kubeconfig'], ['context', 'context'], ['namespace', 'namespace'], ['to', 'to'],
	['toNamespace', 'to-namespace'], ['from', 'from'], ['fromNamespace', 'from-namespace'], ['method', 'method'],
	['path', 'path'], ['authority', 'authority'], ['scheme', 'scheme'], ['selector', 'selector'], ['output', 'output'],
	['vizNamespace', 'viz-namespace'], ['metricsAddr', 'metrics-addr'], ['timeWindow', 'time-window'],
	['requestTimeout', 'request-timeout'], ['record', 'record'], ['replay', 'replay'], ['prometheusUrl', 'prometheus-url'],
];

/** Flags that shape the tap request itself: a recording already applied them. */
const serverFilterFlags: Array<[keyof RawFlags, string]> = [
	['to', 'to'], ['toNamespace', 'to-namespace'], ['method', 'method'], ['path', 'path'], ['authority', 'authority'],
	['scheme', 'scheme'], ['selector', 'selector'], ['maxRps', 'max-rps'],
];

const durationUnits: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/**
 * kubectl's --request-timeout: "0" = no timeout, a plain number = seconds, else a Go duration
 * (`30s`, `1m`, `1m30s`, `500ms`). Milliseconds, or undefined when the text is not one.
 */
export function parseRequestTimeout(text: string): number | undefined {
	const value = text.trim();
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value)) return undefined;
	let ms = 0;
	for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(n) * durationUnits[unit!]!;
	return Math.round(ms);
}

/** Flags and positional words → Options; throws UsageError (exit 2) on bad input. */
export function buildOptions(positionals: string[], flags: RawFlags, env: Record<string, string | undefined>): Options {
	let command: Command = 'tui';
	let words = positionals;
	if (words[0] && commands.has(words[0] as Command)) {
		command = words[0] as Command;
		words = words.slice(1);
	}
	let replay = flags.replay;
	if (command === 'replay') {
		if (words.length === 0 || words[0] === '') throw new UsageError('meshtop replay needs a FILE, e.g. meshtop replay incident.mtap');
		replay = words[0];
		words = words.slice(1);
	}
	const resource = resourceWords(words);
	const extra = words.slice(resource.length);
	if (command === 'demo' && words.length > 0) throw new UsageError('meshtop demo takes no arguments');
	const isRouteStat = command === 'stat-outbound' || command === 'stat-inbound';
	if (isRouteStat && resource.length === 0) {
		throw new UsageError(`meshtop ${command} needs a RESOURCE, e.g. meshtop ${command} deploy/web -n books`);
	}
	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
	const namespaceScope = parseNamespaceScope(flags);
	if (flags.replay !== undefined && command !== 'tap') throw new UsageError('--replay goes with tap (meshtop tap --replay FILE); for the full-screen UI use meshtop replay FILE');
	if (replay !== undefined) checkReplayFlags(command, resource, flags);
	if (flags.record !== undefined && command !== 'tap' && command !== 'tui') throw new UsageError('--record goes with tap or the full-screen UI');
	if (flags.pace && flags.replay === undefined) throw new UsageError('--pace goes with tap --replay FILE');
	if (flags.force && flags.record === undefined) throw new UsageError('--force goes with --record FILE (it allows replacing FILE)');
	if (command === 'tap' && resource.length === 0 && !namespaceScope && replay === undefined) {
		throw new UsageError('meshtop tap needs a RESOURCE, e.g. meshtop tap deploy/web -n emojivoto');
	}
	if (command === 'authz' && resource.length === 0) {
		throw new UsageError('meshtop authz needs a RESOURCE, e.g. meshtop authz deploy/web -n emojivoto');
	}
	for (const [key, flag] of stringFlags) {
		if (flags[key] === '') throw new UsageError(`--${flag} needs a value`);
	}
	const isTap = command === 'tap';
	const output = flags.output ?? (isTap ? 'text' : 'table');
	const tapFormats: TapFormat[] = ['text', 'wide', 'json', 'jsonl', 'har'];
	const tableFormats: TableFormat[] = ['table', 'json'];
	if (isTap && !tapFormats.includes(output as TapFormat)) {
		throw new UsageError(`-o must be one of ${tapFormats.join(', ')}, got "${output}"`);
	}
	if (command === 'edges') tableFormats.splice(1, 0, 'wide');
	if ((command === 'stat' || command === 'edges') && !tableFormats.includes(output as TableFormat)) {
		throw new UsageError(`-o must be one of ${tableFormats.join(', ')}, got "${output}"`);
	}
	// linkerd's own words for this one: scripts may match them.
	if (isRouteStat && !tableFormats.includes(output as TableFormat)) throw new UsageError(`Invalid output format: ${output}`);
	// linkerd viz authz renders the table for any -o but json (spec route-metrics §6.3).
	const tableOutput = command === 'authz' ? (output === 'json' ? 'json' : 'table') : output;
	if (flags.maxRps === '') throw new UsageError('--max-rps needs a value');
	const maxRps = flags.maxRps === undefined ? 100 : typeof flags.maxRps === 'number' ? flags.maxRps : /^\d+(\.\d+)?$/.test(flags.maxRps.trim()) ? Number(flags.maxRps) : Number.NaN;
	if (!Number.isFinite(maxRps) || maxRps < 0) throw new UsageError(`--max-rps must be a number ≥ 0, got ${shown(flags.maxRps!)}`);
	const port = wholeNumber(flags.port, 'port', 1, 65535);
	const requestTimeoutMs = flags.requestTimeout === undefined ? undefined : parseRequestTimeout(flags.requestTimeout);
	if (flags.requestTimeout !== undefined && requestTimeoutMs === undefined) {
		throw new UsageError(`--request-timeout must be 0 (none), seconds or a duration like 30s or 1m, got ${shown(flags.requestTimeout)}`);
	}
	const timeWindow = flags.timeWindow ?? '1m';
	// stat-outbound/stat-inbound paste the window into PromQL and read it as a Go duration: 1m30s is fine there.
	if (isRouteStat ? windowSeconds(timeWindow) === undefined : !/^\d+(s|m|h)$/.test(timeWindow)) {
		throw new UsageError(`--time-window must look like 30s, 1m or 1h${isRouteStat ? ' (or 1m30s)' : ''}, got "${timeWindow}"`);
	}
	if (flags.prometheusUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(flags.prometheusUrl)) {
		throw new UsageError(`--prometheus-url must be an http:// or https:// URL such as http://localhost:9090, got "${flags.prometheusUrl}"`);
	}
	// linkerd's ValidateTimeWindow, for the commands whose linkerd counterpart checks it.
	if (command === 'authz' && Number(timeWindow.slice(0, -1)) * (durationUnits[timeWindow.slice(-1)]! / 1000) < 15) {
		throw new UsageError('metrics time window needs to be at least 15s');
	}
	if (flags.metricsAddr !== undefined && !/^[^\s:]+:\d{1,5}$|^\[[0-9a-f:]+\]:\d{1,5}$/i.test(flags.metricsAddr)) {
		throw new UsageError(`--metrics-addr must be HOST:PORT, got "${flags.metricsAddr}"`);
	}
	if (flags.filter !== undefined) {
		const parsed = parseFilter(flags.filter);
		if (!parsed.ok) throw new UsageError(`--filter: ${parsed.error.message}`);
	}
	const refresh = flags.refresh === undefined ? 1 : /^\d+(\.\d+)?$|^\.\d+$/.test(String(flags.refresh).trim()) ? Number(flags.refresh) : Number.NaN;
	if (!Number.isFinite(refresh) || refresh < 0.1 || refresh > 60) {
		throw new UsageError(`-d/--refresh must be seconds from 0.1 to 60, got "${String(flags.refresh)}"`);
	}
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	const options: Options = {
		command,
		resourceWords: resource,
		kubeconfig: flags.kubeconfig,
		context: flags.context,
		namespace: namespaceScope && !namespaceScope.all ? namespaceScope.names[0] : flags.namespace,
		namespaceScope,
		flags: {...flags, port},
		tapFormat: (isTap ? output : 'text') as TapFormat,
		tableFormat: (isTap ? 'table' : tableOutput) as TableFormat,
		maxRequests: wholeNumber(flags.maxRequests, 'max-requests'),
		bufferSize: wholeNumber(flags.buffer, 'buffer', 10, 1_000_000) ?? 10_000,
		refreshMs: Math.round(refresh * 1000),
		maxRps,
		showSecrets: flags.showSecrets ?? false,
		color: (flags.color ?? true) && !noColor,
		demo: flags.demo ?? false,
		demoPort: wholeNumber(flags.demoPort, 'demo-port', 0, 65535),
		vizNamespace: flags.vizNamespace,
		metricsAddr: flags.metricsAddr,
		timeWindow,
		requestTimeoutMs,
		record: flags.record,
		replay,
		pace: flags.pace ?? false,
		force: flags.force ?? false,
		prometheusUrl: flags.prometheusUrl,
	};
	if (isRouteStat) parseResource(resource, 'default', routeStatTypes, `${command} resource`);
	// Validate resources now (with a placeholder namespace) so usage errors come before any I/O.
	if ((command === 'tap' && replay === undefined) || command === 'tui') resolveTap(options, 'default');
	if (command === 'authz') parseResource(resource, 'default', authzResourceTypes, 'authz resource');
	return options;
}

const namespaceName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** -A, or a comma list given to -n; undefined for one namespace. */
function parseNamespaceScope(flags: RawFlags): NamespaceScope | undefined {
	if (flags.allNamespaces) {
		if (flags.namespace !== undefined) throw new UsageError('-A taps every namespace; give either -A or -n, not both');
		return {all: true};
	}
	if (flags.namespace === undefined || !flags.namespace.includes(',')) return undefined;
	const names = [...new Set(flags.namespace.split(',').map(name => name.trim()).filter(Boolean))];
	for (const name of names) {
		if (!namespaceName.test(name)) throw new UsageError(`invalid namespace "${name}" in -n: lower-case letters, digits and '-'`);
	}
	if (names.length === 0) throw new UsageError('-n needs a namespace');
	return names.length === 1 ? undefined : {all: false, names};
}

/** A recording holds one tap's frames: its target and server-side filters were fixed when it was made. */
function checkReplayFlags(command: Command, resource: string[], flags: RawFlags): void {
	const what = command === 'replay' ? 'meshtop replay' : '--replay';
	if (resource.length > 0) throw new UsageError(`${what} takes the target from the recording; drop "${resource.join(' ')}"`);
	for (const [key, flag] of serverFilterFlags) {
		if (flags[key] !== undefined) throw new UsageError(`--${flag} was applied by the tap API when the recording was made; with ${what} use --filter, --from or --port`);
	}
	if (flags.allNamespaces || flags.namespace?.includes(',')) throw new UsageError(`${what} replays one recording; -A and -n a,b,c go with a live tap`);
	for (const flag of ['demo', 'record'] as const) {
		if (flags[flag]) throw new UsageError(`--${flag} does not go with ${what}: a replay needs no cluster`);
	}
}

export interface ResolvedTap {
	spec: TapSpec | undefined;
	clientFilter: ClientFilter;
}

/** The tap request and client-side filter once the default namespace is known. */
export function resolveTap(options: Options, defaultNamespace: string): ResolvedTap {
	const flags = options.flags;
	const namespace = options.namespace ?? defaultNamespace;
	const scope = options.namespaceScope;
	let target = options.resourceWords.length > 0 ? parseResource(options.resourceWords, namespace) : undefined;
	if (scope && target?.type === 'namespace') {
		throw new UsageError(`${target.name ? `ns/${target.name}` : 'ns'} names one namespace; with ${scope.all ? '-A' : '-n a,b,c'} give no RESOURCE and each namespace is tapped whole`);
	}
	if (scope?.all && target) {
		throw new UsageError('-A taps whole namespaces; to tap one workload in several namespaces, name them: -n a,b,c');
	}
	// Many namespaces and no RESOURCE: each namespace is tapped whole (ns/NAME); the target is
	// the template the taps retarget, named after the first (or the context's) namespace.
	if (scope && !target) target = {namespace: '', type: 'namespace', name: namespace};
	const to = flags.to
		? parseResource([flags.to], flags.toNamespace ?? '', [...tapTargetTypes, 'service'], '--to')
		: flags.toNamespace
			? {namespace: '', type: 'namespace', name: flags.toNamespace}
			: undefined;
	if (to && flags.toNamespace && to.type !== 'namespace') to.namespace = flags.toNamespace;
	const clientFilter: ClientFilter = {};
	if (flags.from) {
		const from = parseResource([flags.from], flags.fromNamespace ?? namespace, tapTargetTypes, '--from');
		clientFilter.from = {type: from.type, name: from.name, namespace: from.type === 'namespace' ? from.name : from.namespace};
	} else if (flags.fromNamespace) {
		clientFilter.fromNamespace = flags.fromNamespace;
	}
	if (flags.port !== undefined) clientFilter.port = Number(flags.port);
	if (flags.filter !== undefined && flags.filter.trim() !== '') clientFilter.expr = flags.filter.trim();
	const spec: TapSpec | undefined = target && {
		target,
		labelSelector: flags.selector,
		to,
		method: flags.method,
		path: flags.path,
		authority: flags.authority,
		scheme: flags.scheme,
		maxRps: options.maxRps,
		...(scope ? {namespaces: scope} : {}),
		// The filter may read headers (header.NAME, user agents in bare words); text output ignores them.
		extractHeaders: options.command !== 'tap' || options.tapFormat === 'json' || options.tapFormat === 'jsonl' || options.tapFormat === 'har' || clientFilter.expr !== undefined,
	};
	return {spec, clientFilter};
}

export interface FlagSpec {
	type: 'string' | 'boolean' | 'number';
	shortFlag?: string;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

/**
 * The first flag in argv that `flags` does not define (`--foo`, `-x`), or undefined. Stops at
 * `--`; `--no-X` counts for a boolean X; a word after a flag that takes a value is that value.
 */
export function unknownFlag(argv: readonly string[], flags: Record<string, FlagSpec>): string | undefined {
	const long = new Map<string, FlagSpec>();
	const short = new Map<string, FlagSpec>();
	for (const [name, spec] of Object.entries(flags)) {
		long.set(kebab(name), spec);
		long.set(name, spec);
		if (spec.shortFlag) short.set(spec.shortFlag, spec);
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') return undefined;
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
		let spec: FlagSpec | undefined;
		let inline = false;
		if (arg.startsWith('--')) {
			const name = arg.slice(2).split('=')[0]!;
			inline = arg.includes('=');
			spec = long.get(name);
			if (!spec && name.startsWith('no-') && long.get(name.slice(3))?.type === 'boolean') spec = long.get(name.slice(3));
			if (!spec) return `--${name}`;
		} else {
			spec = short.get(arg[1]!);
			if (!spec) return `-${arg[1]}`;
			inline = arg.length > 2;
		}
		// Skip the value of a flag that takes one, so `--path -x` is not taken for a flag.
		if (spec.type !== 'boolean' && !inline && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) i += 1;
	}
	return undefined;
}
