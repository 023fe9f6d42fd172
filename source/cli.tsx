// meshtop's entry: parse argv (meow, options.ts), pick the command (source/commands/), run
// it. Each command is imported lazily, so `meshtop tap` never loads Ink or React and
// `meshtop --version` loads almost nothing.
import process from 'node:process';
import {existsSync, readFileSync} from 'node:fs';
import {describeFilterSyntax} from './model/filter/help.js';
import {buildOptions, type FlagSpec, type Options, unknownFlag} from './options.js';
import {commandHelp} from './command-help.js';
import {UsageError} from './model/resource.js';
import {findExtensionCommand} from './check-args.js';
import {programName, withProgramName} from './program-name.js';

const filterHelp = describeFilterSyntax()
	.map(line => `    ${line}`)
	.join('\n');

const help = `
  Usage
    $ meshtop [RESOURCE] [flags]       full-screen TUI; with RESOURCE it taps it at once
    $ meshtop tap RESOURCE [flags]     stream requests to stdout, like linkerd viz tap
    $ meshtop tap -A | -n a,b [flags]  the same over many namespaces
    $ meshtop stat [RESOURCE] [flags]  golden metrics from the viz metrics-api
    $ meshtop edges [NAMESPACE]        mTLS edges from the viz metrics-api
    $ meshtop stat-outbound RESOURCE   policy-route metrics from Prometheus, like linkerd viz stat-outbound
    $ meshtop stat-inbound RESOURCE    inbound metrics per Server and route, like linkerd viz stat-inbound
    $ meshtop authz RESOURCE [flags]   allowed and denied requests per Server, route, policy
    $ meshtop demo [--demo-port N]     run the built-in demo mesh; prints a kubeconfig
    $ meshtop check [-o json]          can meshtop work here? (linkerd check runs it too)
    $ meshtop replay FILE              full-screen UI on a recording (--record); no cluster

  RESOURCE   TYPE/NAME, TYPE NAME, TYPE or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns)

  Cluster
    --kubeconfig PATH       kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
    --context NAME          kubeconfig context
    -n, --namespace NS      namespace (default: the context's, else default); a,b,c taps
                            each (one tap per namespace, max-rps split, merged)
    -A, --all-namespaces    tap every namespace, following those that come and go
    --request-timeout D     give up on an unanswered API server request after D (30s, 1m;
                            0 = never; default 30s, and 10s for the TLS handshake)
    --demo                  use an in-process demo mesh instead of a cluster

  Filters
    --to RES                only requests to RES (svc allowed)     --to-namespace NS
    --from RES              only requests from RES (client-side)   --from-namespace NS
    --port N                only requests to destination port N (client-side)
    --filter EXPR           only whole requests matching EXPR (client-side; see Filter below)
    --method M  --path PREFIX  --authority A  --scheme S  -l, --selector SELECTOR
    --max-rps N             tap sample rate across all pods (default 100)

  Output
    -o, --output FORMAT     tap: text, wide, json, jsonl, har; stat, stat-outbound, stat-inbound,
                            authz: table, json; edges: table, wide, json
    --max-requests N        stop after N completed requests
    --buffer N              requests kept for scrollback (default 10000)
    -d, --refresh SECONDS   TUI: redraw data at most this often, like top -d (default 1,
                            0.1 to 60; + and - change it live); keys redraw at once
    --show-secrets          show credential headers instead of [masked]
    --record FILE           tap, TUI: keep the raw tap frames in FILE (--force replaces it)
    --replay FILE           tap: print a recording instead of tapping (--pace: recorded pace)
    --no-color              no colours (NO_COLOR is honoured too)

  Metrics
    --viz-namespace NS      where Linkerd viz runs (default: found by label)
    --metrics-addr H:P      talk to metrics-api directly, no port-forward
    -t, --time-window W     metrics window (default 1m)
    --prometheus-url URL    stat-outbound/stat-inbound, the TUI's policy view: ask this Prometheus

  Filter (--filter, and / in the TUI)
${filterHelp}

  Exit codes: 0 ok, 1 runtime error, 2 usage error. meshtop COMMAND --help for one command.
`;

// Numbers are read as text and checked in options.ts: meow would turn "abc" into NaN and
// silently drop a flag given without its value.
const flags = {
	kubeconfig: {type: 'string'},
	context: {type: 'string'},
	namespace: {type: 'string', shortFlag: 'n'},
	allNamespaces: {type: 'boolean', shortFlag: 'A'},
	to: {type: 'string'},
	toNamespace: {type: 'string'},
	from: {type: 'string'},
	fromNamespace: {type: 'string'},
	port: {type: 'string'},
	method: {type: 'string'},
	path: {type: 'string'},
	authority: {type: 'string'},
	scheme: {type: 'string'},
	selector: {type: 'string', shortFlag: 'l'},
	maxRps: {type: 'string'},
	output: {type: 'string', shortFlag: 'o'},
	maxRequests: {type: 'string'},
	buffer: {type: 'string'},
	refresh: {type: 'string', shortFlag: 'd'},
	showSecrets: {type: 'boolean'},
	color: {type: 'boolean', default: true},
	demo: {type: 'boolean'},
	demoPort: {type: 'string'},
	vizNamespace: {type: 'string'},
	metricsAddr: {type: 'string'},
	timeWindow: {type: 'string', shortFlag: 't'},
	prometheusUrl: {type: 'string'},
	requestTimeout: {type: 'string'},
	filter: {type: 'string'},
	record: {type: 'string'},
	replay: {type: 'string'},
	pace: {type: 'boolean'},
	force: {type: 'boolean'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const satisfies Record<string, FlagSpec & {default?: boolean}>;

async function parse(name: string, argv: string[]) {
	const {default: meow} = await import('meow');
	// Unknown flags and --help are handled in main(), with meshtop's own words and exit codes.
	return meow(withProgramName(help, name), {importMeta: import.meta, allowUnknownFlags: true, autoHelp: false, autoVersion: false, flags, argv});
}

async function fail(message: string, code: number): Promise<number> {
	// Messages can carry server text (Status, ApiError, gRPC details): never raw to the terminal.
	const {sanitize} = await import('./model/sanitize.js');
	process.stderr.write(`meshtop: ${sanitize(message)}\n`);
	return code;
}

async function runCommand(options: Options): Promise<number> {
	switch (options.command) {
		case 'tui':
			return (await import('./commands/tui.js')).runTuiCommand(options);
		case 'tap':
			return (await import('./commands/tap.js')).runTapCommand(options);
		case 'stat':
			return (await import('./commands/stat.js')).runStatCommand(options);
		case 'edges':
			return (await import('./commands/edges.js')).runEdgesCommand(options);
		case 'authz':
			return (await import('./commands/authz.js')).runAuthzCommand(options);
		case 'demo':
			return (await import('./commands/demo.js')).runDemoCommand(options);
		case 'replay':
			return (await import('./commands/replay.js')).runReplayCommand(options);
		case 'stat-outbound':
			return (await import('./commands/route-stats.js')).runStatOutboundCommand(options);
		case 'stat-inbound':
			return (await import('./commands/route-stats.js')).runStatInboundCommand(options);
	}
}

/** package.json sits one level above dist/cli.js, two above the bundle in dist/bundle/. */
function packageJson(): URL {
	const candidates = [new URL('../package.json', import.meta.url), new URL('../../package.json', import.meta.url)];
	return candidates.find(url => existsSync(url)) ?? candidates[0]!;
}

function printVersion(): number {
	const pkg = JSON.parse(readFileSync(packageJson(), 'utf8')) as {version: string};
	process.stdout.write(`${pkg.version}\n`);
	return 0;
}

async function main(): Promise<number> {
	// `meshtop --version` is what scripts and health checks call: answer before loading anything.
	if (process.argv.length === 3 && process.argv[2] === '--version') return printVersion();
	// linkerd spells it --prometheusURL; meshtop's flags are kebab-case.
	const argv = process.argv.slice(2).map(arg => arg.replace(/^--prometheusURL(?==|$)/, '--prometheus-url'));
	const name = programName(process.argv[1]);
	// check, install, uninstall: the Linkerd-extension commands, which take linkerd's flags.
	const extension = findExtensionCommand(argv);
	if (extension) {
		try {
			const {runExtensionCommand} = await import('./commands/extension.js');
			return await runExtensionCommand(extension.command, argv, extension.index, name, {stdout: process.stdout, env: process.env});
		} catch (error) {
			if (error instanceof UsageError) return fail(`${error.message} (see ${name} ${extension.command} --help)`, 2);
			return fail(error instanceof Error ? error.message : String(error), 1);
		}
	}
	const unknown = unknownFlag(argv, flags);
	if (unknown) return fail(`unknown flag ${unknown} (see ${name} --help)`, 2);
	let cli: Awaited<ReturnType<typeof parse>>;
	try {
		cli = await parse(name, argv);
	} catch (error) {
		// meow's own checks, e.g. "The flag --port can only be set once."
		const text = (error instanceof Error ? error.message : String(error)).replace(/^The/, 'the').replace(/\.$/, '');
		return fail(`${text} (see ${name} --help)`, 2);
	}
	if (cli.flags.version) return printVersion();
	if (cli.flags.help) {
		process.stdout.write(`${withProgramName(commandHelp[cli.input[0] ?? ''] ?? help, name)}\n`);
		return 0;
	}
	let options: Options;
	try {
		options = buildOptions(cli.input, cli.flags, process.env);
	} catch (error) {
		if (error instanceof UsageError) return fail(`${withProgramName(error.message, name)} (see ${name} --help)`, 2);
		throw error;
	}
	try {
		return await runCommand(options);
	} catch (error) {
		if (error instanceof UsageError) return fail(withProgramName(error.message, name), 2);
		return fail(error instanceof Error ? error.message : String(error), 1);
	}
}

main().then(
	code => {
		process.exitCode = code;
		// Open watches and sockets must not keep a finished command alive.
		setImmediate(() => process.exit(code));
	},
	async error => {
		const {sanitize} = await import('./model/sanitize.js');
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`meshtop: unexpected error: ${text.split('\n').map(sanitize).join('\n')}\n`);
		process.exit(1);
	},
);
