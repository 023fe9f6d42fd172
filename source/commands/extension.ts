// The Linkerd-extension commands: `check` (run by `linkerd check` too), and the `install` and
// `uninstall` every extension is expected to have. meshtop installs nothing, so those two print
// one line, as a YAML comment: `linkerd meshtop install | kubectl apply -f -` then has nothing to apply.
import type {ExtensionCommand} from '../check-args.js';

export const installLine = '# meshtop installs nothing in the cluster: it only reads, through your kubeconfig (tap API, metrics-api port-forward).\n';
export const uninstallLine = '# meshtop installs nothing in the cluster, so there is nothing to uninstall.\n';

export interface ExtensionIo {
	stdout: NodeJS.WritableStream & {isTTY?: boolean};
	env: Record<string, string | undefined>;
}

/** `args` is argv without node and the script; `index` is where the command word is. */
export async function runExtensionCommand(command: ExtensionCommand, args: string[], index: number, name: string, io: ExtensionIo): Promise<number> {
	if (command === 'install') {
		io.stdout.write(installLine);
		return 0;
	}
	if (command === 'uninstall') {
		io.stdout.write(uninstallLine);
		return 0;
	}
	const {runCheckCommand} = await import('./check.js');
	return runCheckCommand(args.filter((_, i) => i !== index), name, io);
}
