// Arguments of the Linkerd-extension commands (check, install, uninstall). `linkerd check` calls
// `linkerd-meshtop check` with its own flags in pflag form (`--as-group=[] --verbose=false
// --wait=5m0s --output=json`), so unlike the other commands these ignore flags they do not know.
// Pure: argv in, typed arguments out; UsageError on bad values.
import {UsageError} from './model/resource.js';

export type ExtensionCommand = 'check' | 'install' | 'uninstall';

// Flags of every command that take a value, so `meshtop -n check …` reads `check` as the
// namespace, not the command. Keep in step with cli.tsx's meow flags.
const valueFlags = new Set([
	'kubeconfig', 'context', 'namespace', 'n', 'to', 'to-namespace', 'from', 'from-namespace', 'port', 'method', 'path',
	'authority', 'scheme', 'selector', 'l', 'max-rps', 'output', 'o', 'max-requests', 'buffer', 'demo-port',
	'viz-namespace', 'metrics-addr', 'time-window', 't', 'prometheus-url', 'prometheusURL',
	// linkerd's, passed to extensions
	'as', 'as-group', 'linkerd-namespace', 'L', 'api-addr', 'wait',
]);

function flagName(arg: string): string {
	return arg.replace(/^--?/, '').split('=')[0]!;
}

/** The extension command in argv (without node and the script), and where it is; undefined for the others. */
export function findExtensionCommand(args: readonly string[]): {command: ExtensionCommand; index: number} | undefined {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			const next = args[i + 1];
			return isExtension(next) ? {command: next, index: i + 1} : undefined;
		}
		if (arg.startsWith('-') && arg.length > 1) {
			// `-n ns` and `--namespace ns` carry their value in the next word; `-nns`, `--namespace=ns` do not.
			const short = !arg.startsWith('--');
			if (!arg.includes('=') && valueFlags.has(flagName(arg)) && (!short || arg.length === 2)) i++;
			continue;
		}
		return isExtension(arg) ? {command: arg, index: i} : undefined;
	}
	return undefined;
}

function isExtension(word: string | undefined): word is ExtensionCommand {
	return word === 'check' || word === 'install' || word === 'uninstall';
}

export interface CheckArgs {
	help: boolean;
	output: 'table' | 'json';
	demo: boolean;
	demoPort?: number;
	kubeconfig?: string;
	context?: string;
	/** For the RBAC check; default the context's namespace. */
	namespace?: string;
	as?: string;
	asGroups: string[];
	vizNamespace?: string;
	metricsAddr?: string;
	/** linkerd's --wait: caps how long any one check may take. */
	waitMs?: number;
	color?: boolean;
	/** Flags accepted and not acted on (linkerd's, or unknown), for the record. */
	ignored: string[];
}

const booleans = new Set(['help', 'h', 'demo', 'color', 'no-color', 'verbose', 'proxy', 'pre']);

/** Go's time.Duration text (5m0s, 1h2m3.5s, 300ms, 10s) → milliseconds. */
export function parseGoDuration(text: string): number | undefined {
	const units: Record<string, number> = {ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};
	if (text === '0') return 0;
	const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
	if (parts.length === 0 || parts.map(p => p[0]).join('') !== text) return undefined;
	return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
}

/** pflag writes a string array as [a,b] (and an empty one as []); a plain value is one group. */
function groupsOf(value: string): string[] {
	const inner = /^\[(.*)\]$/.exec(value)?.[1];
	const list = inner === undefined ? [value] : inner.split(',');
	return list.map(g => g.trim()).filter(g => g !== '');
}

function booleanValue(name: string, value: string | undefined): boolean {
	if (value === undefined || value === 'true') return true;
	if (value === 'false') return false;
	throw new UsageError(`--${name} takes true or false, got "${value}"`);
}

/** The words after `check` (the command word itself removed). */
export function parseCheckArgs(args: readonly string[]): CheckArgs {
	const parsed: CheckArgs = {help: false, output: 'table', demo: false, asGroups: [], ignored: []};
	const words: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			words.push(...args.slice(i + 1));
			break;
		}
		if (!arg.startsWith('-') || arg === '-') {
			words.push(arg);
			continue;
		}
		let name: string;
		let value: string | undefined;
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
			value = eq < 0 ? undefined : arg.slice(eq + 1);
		} else {
			// -o json, -o=json, -ojson
			name = arg.slice(1, 2);
			const rest = arg.slice(2);
			value = rest === '' ? undefined : rest.replace(/^=/, '');
		}
		const takeValue = (): string => {
			if (value !== undefined) return value;
			const next = args[i + 1];
			if (next === undefined) throw new UsageError(`--${name} needs a value`);
			i++;
			return next;
		};
		if (booleans.has(name)) {
			const on = booleanValue(name, value);
			if (name === 'help' || name === 'h') parsed.help = on;
			else if (name === 'demo') parsed.demo = on;
			else if (name === 'color') parsed.color = on;
			else if (name === 'no-color') parsed.color = !on;
			else parsed.ignored.push(arg);
			continue;
		}
		if (!valueFlags.has(name)) {
			// Unknown: ignored, and so is a following word that is not a flag (its likely value).
			parsed.ignored.push(arg);
			if (value === undefined && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) parsed.ignored.push(args[++i]!);
			continue;
		}
		const text = takeValue();
		switch (name) {
			case 'o':
			case 'output':
				if (text !== 'json' && text !== 'table') throw new UsageError(`-o must be json or table, got "${text}"`);
				parsed.output = text;
				break;
			case 'kubeconfig':
				parsed.kubeconfig = text || undefined;
				break;
			case 'context':
				parsed.context = text || undefined;
				break;
			case 'n':
			case 'namespace':
				parsed.namespace = text || undefined;
				break;
			case 'as':
				parsed.as = text || undefined;
				break;
			case 'as-group':
				parsed.asGroups.push(...groupsOf(text));
				break;
			case 'viz-namespace':
				parsed.vizNamespace = text || undefined;
				break;
			case 'metrics-addr':
				parsed.metricsAddr = text || undefined;
				break;
			case 'demo-port': {
				const port = Number(text);
				if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--demo-port must be a port number, got "${text}"`);
				parsed.demoPort = port;
				break;
			}
			case 'wait': {
				const ms = parseGoDuration(text);
				if (ms === undefined) throw new UsageError(`--wait must be a duration like 5m0s or 30s, got "${text}"`);
				parsed.waitMs = ms;
				break;
			}
			default:
				// -L/--linkerd-namespace, --api-addr, and the other commands' flags: not used by check.
				parsed.ignored.push(value === undefined ? `${arg} ${text}` : arg);
		}
	}
	if (words.length > 0) throw new UsageError(`check takes no arguments, got "${words[0]}"`);
	if (parsed.asGroups.length > 0 && !parsed.as) {
		// As kubectl: the API server only impersonates groups together with a user.
		throw new UsageError('--as-group needs --as (the API server impersonates groups only together with a user)');
	}
	return parsed;
}
