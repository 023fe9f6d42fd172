// Command line flags → validated, typed options. Pure: no I/O. Resources are kept as
// words until the kubeconfig tells the default namespace (see resolveTap).
import type {ClientFilter} from './model/filters.js';
import type {TapSpec} from './model/tap-spec.js';
import {parseResource, resourceWords, tapTargetTypes, UsageError} from './model/resource.js';

export type Command = 'tui' | 'tap' | 'demo' | 'stat' | 'edges';
export type TapFormat = 'text' | 'wide' | 'json' | 'jsonl';
export type TableFormat = 'table' | 'wide' | 'json';

export interface RawFlags {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	to?: string;
	toNamespace?: string;
	from?: string;
	fromNamespace?: string;
	port?: number;
	method?: string;
	path?: string;
	authority?: string;
	scheme?: string;
	selector?: string;
	maxRps?: number;
	output?: string;
	maxRequests?: number;
	buffer?: number;
	/** -d/--refresh: seconds between data redraws in the TUI, as top's -d. */
	refresh?: number;
	showSecrets?: boolean;
	color?: boolean;
	demo?: boolean;
	demoPort?: number;
	vizNamespace?: string;
	metricsAddr?: string;
	timeWindow?: string;
}

export interface Options {
	command: Command;
	/** Resource words as typed, resolved against the namespace later. */
	resourceWords: string[];
	kubeconfig?: string;
	context?: string;
	/** -n as given; undefined means "the context's namespace, else default". */
	namespace?: string;
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
}

const commands = new Set<Command>(['tap', 'demo', 'stat', 'edges']);

function positiveInt(value: number | undefined, flag: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
	if (value === undefined) return undefined;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got ${String(value)}`);
	}
	return value;
}

/** Flags and positional words → Options; throws UsageError (exit 2) on bad input. */
export function buildOptions(positionals: string[], flags: RawFlags, env: Record<string, string | undefined>): Options {
	let command: Command = 'tui';
	let words = positionals;
	if (words[0] && commands.has(words[0] as Command)) {
		command = words[0] as Command;
		words = words.slice(1);
	}
	const resource = resourceWords(words);
	const extra = words.slice(resource.length);
	if (command === 'demo' && words.length > 0) throw new UsageError('meshtop demo takes no arguments');
	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
	if (command === 'tap' && resource.length === 0) {
		throw new UsageError('meshtop tap needs a RESOURCE, e.g. meshtop tap deploy/web -n emojivoto');
	}
	const isTap = command === 'tap';
	const output = flags.output ?? (isTap ? 'text' : 'table');
	const tapFormats: TapFormat[] = ['text', 'wide', 'json', 'jsonl'];
	const tableFormats: TableFormat[] = ['table', 'json'];
	if (isTap && !tapFormats.includes(output as TapFormat)) {
		throw new UsageError(`-o must be one of ${tapFormats.join(', ')}, got "${output}"`);
	}
	if (command === 'edges') tableFormats.splice(1, 0, 'wide');
	if ((command === 'stat' || command === 'edges') && !tableFormats.includes(output as TableFormat)) {
		throw new UsageError(`-o must be one of ${tableFormats.join(', ')}, got "${output}"`);
	}
	const maxRps = flags.maxRps ?? 100;
	if (!Number.isFinite(maxRps) || maxRps < 0) throw new UsageError(`--max-rps must be a number ≥ 0, got ${String(flags.maxRps)}`);
	positiveInt(flags.port, 'port', 1, 65535);
	const timeWindow = flags.timeWindow ?? '1m';
	if (!/^\d+(s|m|h)$/.test(timeWindow)) throw new UsageError(`--time-window must look like 30s, 1m or 1h, got "${timeWindow}"`);
	if (flags.metricsAddr !== undefined && !/^[^\s:]+:\d{1,5}$|^\[[0-9a-f:]+\]:\d{1,5}$/i.test(flags.metricsAddr)) {
		throw new UsageError(`--metrics-addr must be HOST:PORT, got "${flags.metricsAddr}"`);
	}
	const refresh = flags.refresh ?? 1;
	if (!Number.isFinite(refresh) || refresh < 0.1 || refresh > 60) {
		throw new UsageError(`-d/--refresh must be seconds from 0.1 to 60, got ${String(flags.refresh)}`);
	}
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	const options: Options = {
		command,
		resourceWords: resource,
		kubeconfig: flags.kubeconfig,
		context: flags.context,
		namespace: flags.namespace,
		flags,
		tapFormat: (isTap ? output : 'text') as TapFormat,
		tableFormat: (isTap ? 'table' : output) as TableFormat,
		maxRequests: positiveInt(flags.maxRequests, 'max-requests'),
		bufferSize: positiveInt(flags.buffer, 'buffer', 10, 1_000_000) ?? 10_000,
		refreshMs: Math.round(refresh * 1000),
		maxRps,
		showSecrets: flags.showSecrets ?? false,
		color: (flags.color ?? true) && !noColor,
		demo: flags.demo ?? false,
		demoPort: positiveInt(flags.demoPort, 'port', 0, 65535),
		vizNamespace: flags.vizNamespace,
		metricsAddr: flags.metricsAddr,
		timeWindow,
	};
	// Validate resources now (with a placeholder namespace) so usage errors come before any I/O.
	if (command === 'tap' || command === 'tui') resolveTap(options, 'default');
	return options;
}

export interface ResolvedTap {
	spec: TapSpec | undefined;
	clientFilter: ClientFilter;
}

/** The tap request and client-side filter once the default namespace is known. */
export function resolveTap(options: Options, defaultNamespace: string): ResolvedTap {
	const flags = options.flags;
	const namespace = options.namespace ?? defaultNamespace;
	const target = options.resourceWords.length > 0 ? parseResource(options.resourceWords, namespace) : undefined;
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
	if (flags.port !== undefined) clientFilter.port = flags.port;
	const spec: TapSpec | undefined = target && {
		target,
		labelSelector: flags.selector,
		to,
		method: flags.method,
		path: flags.path,
		authority: flags.authority,
		scheme: flags.scheme,
		maxRps: options.maxRps,
		extractHeaders: options.command !== 'tap' || options.tapFormat === 'json' || options.tapFormat === 'jsonl',
	};
	return {spec, clientFilter};
}
