// The demo's kubeconfig lives in a fresh temporary directory; every run removes it again: on
// close(), at process exit, and on SIGINT/SIGTERM/SIGHUP when nothing else handles the signal
// (then it is re-raised, so the process still dies of it). A command that handles signals
// itself (tap, demo) shuts down gracefully and close() removes the directory.
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const live = new Set<string>();
let hooked = false;

function removeAll(): void {
	for (const dir of live) rmSync(dir, {recursive: true, force: true});
	live.clear();
}

function hook(): void {
	if (hooked) return;
	hooked = true;
	process.on('exit', removeAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const onSignal = () => {
			if (process.listenerCount(signal) > 1) return;
			removeAll();
			process.off(signal, onSignal);
			hooked = false;
			process.kill(process.pid, signal);
		};
		// First in line: a `process.once` listener removes itself when called, so counting after it would miss it.
		process.prependListener(signal, onSignal);
	}
}

/** A new meshtop-demo-* directory under the system temp dir, removed by removeTempDir or at exit. */
export function makeTempDir(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'meshtop-demo-'));
	live.add(dir);
	hook();
	return dir;
}

export function removeTempDir(dir: string): void {
	if (!live.delete(dir)) return;
	rmSync(dir, {recursive: true, force: true});
}
