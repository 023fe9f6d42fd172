// The keyboard contract as data. The help overlay, the footer and the README key
// table are all generated from this list, so a binding cannot exist undocumented.

export type Scope = 'global' | 'navigator' | 'stream' | 'routes' | 'mtls' | 'detail' | 'ports' | 'help' | 'confirm' | 'route' | 'policy';

export type Command =
	| 'quit'
	| 'help'
	| 'back'
	| 'focusNext'
	| 'focusPrev'
	| 'up'
	| 'down'
	| 'top'
	| 'bottom'
	| 'pageUp'
	| 'pageDown'
	| 'open'
	| 'pause'
	| 'follow'
	| 'toggleTo'
	| 'toggleFrom'
	| 'ports'
	| 'search'
	| 'failuresOnly'
	| 'hideNoise'
	| 'clearFilters'
	| 'discard'
	| 'sort'
	| 'edges'
	| 'routeDetail'
	| 'policy'
	| 'prevRequest'
	| 'nextRequest'
	| 'copyCurl'
	| 'togglePairs'
	| 'copyJson'
	| 'record'
	| 'write'
	| 'redraw'
	| 'refreshLonger'
	| 'refreshShorter'
	| 'commandLine';

export interface Binding {
	command: Command;
	/** Key names as keyName() produces them. */
	keys: string[];
	/** A word or two for the footer. */
	short: string;
	/** How the keys are written in help and README. */
	label: string;
	description: string;
	/** Scopes where the binding acts; 'global' means everywhere outside text entry. */
	scopes: Scope[];
	/** Shown in the footer of these scopes (a subset of scopes). */
	footer?: Scope[];
}

const panes: Scope[] = ['navigator', 'stream', 'routes', 'mtls'];
const lists: Scope[] = [...panes, 'detail', 'ports', 'help', 'policy'];

export const keymap: readonly Binding[] = [
	{command: 'help', short: 'help', keys: ['?'], label: '?', description: 'help: list every key', scopes: ['global'], footer: panes},
	{command: 'quit', short: 'quit', keys: ['q', 'ctrl+c'], label: 'q ctrl-c', description: 'quit', scopes: ['global'], footer: panes},
	{
		command: 'back',
		short: 'back',
		keys: ['escape'],
		label: 'esc',
		description: 'back / close; in a pane, remove the most recent filter (one per press)',
		scopes: ['global'],
		footer: ['detail', 'ports', 'help', 'navigator', 'policy'],
	},
	{command: 'focusNext', short: 'next pane', keys: ['tab'], label: 'tab', description: 'focus next pane', scopes: panes, footer: panes},
	{command: 'focusPrev', short: 'prev pane', keys: ['shift+tab'], label: 'shift-tab', description: 'focus previous pane', scopes: panes},
	{command: 'up', short: 'up', keys: ['up', 'k'], label: '↑ k', description: 'move up', scopes: lists},
	{command: 'down', short: 'scroll', keys: ['down', 'j'], label: '↓ j', description: 'move down', scopes: lists, footer: ['detail', 'policy']},
	{command: 'top', short: 'top', keys: ['g', 'home'], label: 'g', description: 'go to the top (oldest)', scopes: lists},
	{command: 'bottom', short: 'bottom', keys: ['G', 'end'], label: 'G', description: 'go to the bottom (newest)', scopes: lists},
	{command: 'pageUp', short: 'page up', keys: ['pageup'], label: 'PgUp', description: 'page up', scopes: lists},
	{command: 'pageDown', short: 'page down', keys: ['pagedown'], label: 'PgDn', description: 'page down', scopes: lists},
	{
		command: 'open',
		short: 'open',
		keys: ['return'],
		label: 'enter',
		description: 'open: namespace → workloads, workload → tap it, request → detail, route (tap or metrics-api) → stream filtered to it, port → filter',
		scopes: [...panes, 'ports', 'route'],
		footer: [...panes, 'ports'],
	},
	{command: 'routeDetail', short: 'trend', keys: ['h'], label: 'h', description: 'on a route: requests and failures over the last 5 minutes (when did it start) and its latency histogram', scopes: ['routes'], footer: ['routes']},
	{
		command: 'policy',
		short: 'policy',
		keys: ['P'],
		label: 'P',
		description: 'policy of the tapped workload: its HTTPRoute/GRPCRoute routes (Prometheus, as stat-outbound/stat-inbound) and authorization, allowed and denied (metrics-api Authz)',
		scopes: [...panes, 'policy'],
		footer: ['routes', 'policy'],
	},
	{command: 'copyCurl', short: 'copy curl', keys: ['c'], label: 'c', description: 'in the detail: copy the request as a curl command (OSC 52: works over SSH and in tmux)', scopes: ['detail'], footer: ['detail']},
	{command: 'copyJson', short: 'copy json', keys: ['y'], label: 'y', description: 'in the detail: copy the request as linkerd tap -o json objects (OSC 52)', scopes: ['detail'], footer: ['detail']},
	{command: 'prevRequest', short: 'prev', keys: ['left', '['], label: '← [', description: 'in the detail: the previous request of the (filtered, sorted) stream', scopes: ['detail'], footer: ['detail']},
	{command: 'nextRequest', short: 'next', keys: ['right', ']'], label: '→ ]', description: 'in the detail: the next request of the stream', scopes: ['detail'], footer: ['detail']},
	{command: 'pause', short: 'pause', keys: ['space'], label: 'space', description: 'pause / resume the whole view', scopes: [...panes, 'detail'], footer: ['stream', 'routes', 'mtls', 'detail']},
	{command: 'follow', short: 'follow', keys: ['F'], label: 'F', description: 'follow live (newest request)', scopes: panes, footer: ['stream']},
	{command: 'toggleTo', short: 'to=this', keys: ['t'], label: 't', description: 'toggle "to = workload selected in the navigator"', scopes: panes, footer: ['navigator']},
	{command: 'toggleFrom', short: 'from=this', keys: ['f'], label: 'f', description: 'toggle "from = workload selected in the navigator"', scopes: panes, footer: ['navigator']},
	{command: 'ports', short: 'port', keys: ['p'], label: 'p', description: 'port filter: pick a seen port or type one', scopes: panes, footer: ['stream', 'routes']},
	{
		command: 'search',
		short: 'filter',
		keys: ['/'],
		label: '/',
		description: 'filter requests: status>=500, latency>200ms, tls!=true, error and dst=deploy/web … (in the navigator: filter the list)',
		scopes: panes,
		footer: ['navigator', 'stream'],
	},
	{command: 'failuresOnly', short: 'failures', keys: ['x'], label: 'x', description: 'failures only (5xx, gRPC errors, resets): on / off', scopes: panes, footer: ['stream', 'routes']},
	{
		command: 'togglePairs',
		short: 'pairs/raw',
		keys: ['b'],
		label: 'b',
		description: 'stream: a request seen at both ends (OUTBOUND at the client, INBOUND at the server) as one row with both latencies ↔ both raw rows',
		scopes: panes,
	},
	{command: 'hideNoise', short: 'no probes', keys: ['n'], label: 'n', description: 'hide probe and admin noise (kube-probe, /healthz, /ready, /live, /metrics, port 4191): on / off', scopes: panes},
	{command: 'clearFilters', short: 'clear filters', keys: ['c'], label: 'c', description: 'remove every filter (captured requests stay)', scopes: panes},
	{command: 'record', short: 'record', keys: ['R'], label: 'R', description: 'start / stop recording the tap to a file (meshtop-DATE.mtap; :record FILE names it); the header shows ● REC', scopes: panes},
	{command: 'write', short: 'write', keys: ['W'], label: 'W', description: 'write the requests shown (filtered) to a file: :write FILE.har, .json, .jsonl or .mtap (a recording)', scopes: panes},
	{command: 'discard', short: 'discard', keys: ['D'], label: 'D', description: 'discard every captured request and statistic (asks first)', scopes: panes},
	{
		command: 'sort',
		short: 'sort',
		keys: ['s'],
		label: 's',
		description: 'cycle the sort of the focused pane: stream time/latency/status, routes, navigator name/SR/RPS/P99',
		scopes: panes,
		footer: ['routes', 'navigator'],
	},
	{
		command: 'edges',
		short: 'edges view',
		keys: ['e'],
		label: 'e',
		description: 'mTLS pane: edges sampled from tap ↔ all edges from metrics-api, with identities',
		scopes: panes,
		footer: ['mtls'],
	},
	{command: 'refreshLonger', short: 'slower', keys: ['+'], label: '+', description: 'redraw data less often: longer refresh interval (-d), shown in the header', scopes: ['global']},
	{command: 'refreshShorter', short: 'faster', keys: ['-'], label: '-', description: 'redraw data more often: shorter refresh interval', scopes: ['global']},
	{command: 'redraw', short: 'redraw', keys: ['ctrl+l'], label: 'ctrl-l', description: 'redraw the whole screen (if something else wrote to the terminal)', scopes: ['global']},
	{command: 'commandLine', short: 'command', keys: [':'], label: ':', description: 'command line: :to :from :port :method :path :authority :scheme :maxrps :filter :grep :ns :ctx :tap :record :write :clear :discard :q', scopes: panes, footer: panes},
];

/** Ink's (input, key) pair → one key name; '' when the key has no name here. */
export function keyName(
	input: string,
	key: {
		upArrow?: boolean;
		downArrow?: boolean;
		leftArrow?: boolean;
		rightArrow?: boolean;
		pageUp?: boolean;
		pageDown?: boolean;
		home?: boolean;
		end?: boolean;
		return?: boolean;
		escape?: boolean;
		ctrl?: boolean;
		shift?: boolean;
		tab?: boolean;
		backspace?: boolean;
		delete?: boolean;
	},
): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl) return `ctrl+${input}`;
	if (input === ' ') return 'space';
	return input;
}

/** The command bound to a key in a scope, global bindings included. */
export function commandFor(name: string, scope: Scope): Command | undefined {
	for (const binding of keymap) {
		if (!binding.keys.includes(name)) continue;
		if (binding.scopes.includes(scope) || binding.scopes.includes('global')) return binding.command;
	}
	return undefined;
}

/** Bindings to show in the footer of a scope, in keymap order. */
export function footerBindings(scope: Scope): Binding[] {
	return keymap.filter(binding => binding.footer?.includes(scope));
}

/** Where a binding acts, in words. */
export function whereText(binding: Binding): string {
	const scopes = binding.scopes;
	if (scopes.includes('global')) return 'everywhere';
	const same = (list: Scope[]) => list.length === scopes.length && list.every(scope => scopes.includes(scope));
	if (same(panes)) return 'panes';
	if (same(lists)) return 'panes and overlays';
	return scopes.join(', ');
}

/** The README key table (markdown), generated like the help overlay. */
export function keyTableMarkdown(): string {
	const lines = ['| Key | Action | Where |', '|---|---|---|'];
	for (const binding of keymap) {
		const where = whereText(binding);
		const keys = binding.label
			.split(' ')
			.map(key => '`' + key + '`')
			.join(' ');
		lines.push(`| ${keys} | ${binding.description.replaceAll('|', '\\|')} | ${where} |`);
	}
	return lines.join('\n') + '\n';
}
