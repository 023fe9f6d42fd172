// The name the user typed: meshtop runs as itself, as the kubectl plugin `kubectl-meshtop`
// (`kubectl meshtop …`) and as the Linkerd extension `linkerd-meshtop` (`linkerd meshtop …`).
// Help and usage hints name that command, so what they suggest can be pasted back. Pure.

const hosts: Record<string, string> = {
	'kubectl-meshtop': 'kubectl meshtop',
	'linkerd-meshtop': 'linkerd meshtop',
};

/** From process.argv[1] (symlinks are not resolved there, so a bin link keeps its own name). */
export function programName(scriptPath: string | undefined): string {
	const base = (scriptPath ?? '').split(/[\\/]/).pop() ?? '';
	return hosts[base.replace(/\.(c|m)?js$/, '').replace(/\.cmd$/i, '')] ?? 'meshtop';
}

const subcommands = 'tap|stat|edges|demo|check|install|uninstall';

/**
 * Text written for `meshtop` (help, usage errors) as the user's command would say it:
 * "$ meshtop …" lines and "meshtop <subcommand>" mentions. Other words (the product name) stay.
 */
export function withProgramName(text: string, name: string): string {
	if (name === 'meshtop') return text;
	// One pass, so a replacement is never matched again.
	const pattern = new RegExp(`\\$ meshtop\\b|(^|[\\s(\`])meshtop (?=(?:${subcommands})\\b|-)`, 'gm');
	return text.replace(pattern, (match, before: string | undefined) => (match.startsWith('$') ? `$ ${name}` : `${before ?? ''}${name} `));
}
