// Parses what the user typed after `:` into an intent. Pure: the namespace used to
// resolve TYPE/NAME is passed in, and errors come back as text for the inline line.
import {parseResource, tapTargetTypes} from '../model/resource.js';
import type {Resource} from '../model/resource.js';
import {parseFilter} from '../model/filter/index.js';

export type LineIntent =
	| {kind: 'quit'}
	| {kind: 'clear'}
	| {kind: 'discard'}
	| {kind: 'to'; to: Resource | undefined}
	| {kind: 'from'; from: Resource | undefined}
	| {kind: 'port'; port: number | undefined}
	| {kind: 'server'; field: 'method' | 'path' | 'authority' | 'scheme'; value: string | undefined}
	| {kind: 'maxRps'; value: number}
	| {kind: 'ns'; namespace: string}
	| {kind: 'ctx'; context: string}
	/** `:ctx` alone: list the kubeconfig's contexts. */
	| {kind: 'contexts'}
	| {kind: 'fromAddress'; address: string}
	| {kind: 'tap'; target: Resource}
	| {kind: 'expr'; expr: string | undefined}
	/** `:record FILE` starts (`:record!` may replace FILE), `:record` alone stops or starts with a made-up name. */
	| {kind: 'record'; path: string | undefined; force: boolean}
	/** `:write FILE`, `:write! FILE` replaces. */
	| {kind: 'write'; path: string; force: boolean};

export type LineResult = {ok: true; intent: LineIntent} | {ok: false; error: string};

export const lineCommands = [
	':to RES',
	':from RES',
	':port N',
	':method M',
	':path PREFIX',
	':authority A',
	':scheme S',
	':maxrps N',
	':ns NAME',
	':ctx NAME',
	':tap RES',
	':filter EXPR',
	':record FILE',
	':write FILE',
	':grep TEXT',
	':clear',
	':discard',
	':q',
];

const toTypes = [...tapTargetTypes, 'service'];
const clearWords = new Set(['', '-', 'none', 'off']);

function resource(words: string[], namespace: string, allowed: readonly string[], what: string): Resource {
	return parseResource(words, namespace, allowed, what);
}

/** Takes `-n NS`, `-n=NS`, `--namespace NS` out of the words, as on the command line. */
function namespaceFlag(words: string[]): {words: string[]; namespace?: string} | {error: string} {
	const kept: string[] = [];
	let namespace: string | undefined;
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		const inline = /^(?:-n|--namespace)=(.*)$/.exec(word);
		if (inline) namespace = inline[1];
		else if (word === '-n' || word === '--namespace') namespace = words[++i];
		else {
			kept.push(word);
			continue;
		}
		if (!namespace) return {error: `${word.split('=')[0]} needs a namespace`};
	}
	return {words: kept, namespace};
}

export function parseCommandLine(line: string, currentNamespace: string): LineResult {
	const [verb = '', ...typed] = line.trim().replace(/^:/, '').split(/\s+/).filter(Boolean);
	// `:tap deploy/web -n emojivoto`, `:from deploy/x -n ns`: -n names the resource's namespace.
	const flagged = ['to', 'from', 'tap'].includes(verb.toLowerCase()) ? namespaceFlag(typed) : {words: typed};
	if ('error' in flagged) return fail(flagged.error);
	const rest = flagged.words;
	const namespace = flagged.namespace ?? currentNamespace;
	const arg = rest.join(' ');
	const off = clearWords.has(arg);
	const bang = verb.endsWith('!');
	try {
		switch (verb.toLowerCase().replace(/!$/, '')) {
			case 'record':
				return ok({kind: 'record', path: arg === '' ? undefined : arg, force: bang});
			case 'w':
			case 'write':
				if (arg === '') return fail('usage: :write FILE (.har, .json, .jsonl or .mtap)');
				return ok({kind: 'write', path: arg, force: bang});
			case 'q':
			case 'quit':
				return ok({kind: 'quit'});
			case 'clear':
				return ok({kind: 'clear'});
			case 'discard':
				return ok({kind: 'discard'});
			case 'to':
				return ok({kind: 'to', to: off ? undefined : resource(rest, namespace, toTypes, 'to')});
			case 'from':
				// An address (a pod or an outside client) filters by source IP through the filter language.
				if (rest.length === 1 && /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$|^[0-9a-f:]+:[0-9a-f:]*$/i.test(rest[0]!)) {
					return ok({kind: 'fromAddress', address: rest[0]!});
				}
				return ok({kind: 'from', from: off ? undefined : resource(rest, namespace, toTypes, 'from')});
			case 'port': {
				if (off) return ok({kind: 'port', port: undefined});
				const port = Number(arg);
				if (!/^\d+$/.test(arg) || port < 1 || port > 65_535) return fail(`port must be 1-65535, got "${arg}"`);
				return ok({kind: 'port', port});
			}
			case 'method':
				return ok({kind: 'server', field: 'method', value: off ? undefined : arg.toUpperCase()});
			case 'path':
				if (!off && !arg.startsWith('/')) return fail(`path is a prefix starting with "/", got "${arg}"`);
				return ok({kind: 'server', field: 'path', value: off ? undefined : arg});
			case 'authority':
				return ok({kind: 'server', field: 'authority', value: off ? undefined : arg});
			case 'scheme':
				return ok({kind: 'server', field: 'scheme', value: off ? undefined : arg.toUpperCase()});
			case 'maxrps': {
				// As --max-rps: a number ≥ 0; 0 asks for the server's default of 100.
				const value = Number(arg);
				if (!/^\d+(\.\d+)?$/.test(arg)) return fail(`maxrps must be a number ≥ 0 (0: the default 100), got "${arg}"`);
				return ok({kind: 'maxRps', value});
			}
			case 'ns':
			case 'namespace':
				if (off) return fail('usage: :ns NAME');
				return ok({kind: 'ns', namespace: arg});
			case 'ctx':
			case 'context':
				if (off) return ok({kind: 'contexts'});
				return ok({kind: 'ctx', context: arg});
			case 'tap':
				if (off) return fail('usage: :tap RES, e.g. :tap deploy/web');
				return ok({kind: 'tap', target: resource(rest, namespace, tapTargetTypes, 'tap target')});
			case 'filter': {
				if (off) return ok({kind: 'expr', expr: undefined});
				const parsed = parseFilter(arg);
				if (!parsed.ok) return fail(parsed.error.message);
				return ok({kind: 'expr', expr: arg});
			}
			case 'grep':
				// Plain text, matched as a quoted word of the filter language (what the row shows).
				return ok({kind: 'expr', expr: off ? undefined : JSON.stringify(arg)});
			default:
				// The list would be cut at 80 columns: point at what shows it whole.
				return fail(`unknown command ":${verb}" (tab completes; ? lists all)`);
		}
	} catch (error) {
		return fail(error instanceof Error ? error.message : String(error));
	}
}

function ok(intent: LineIntent): LineResult {
	return {ok: true, intent};
}

function fail(error: string): LineResult {
	return {ok: false, error};
}
