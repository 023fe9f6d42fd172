// Node prints process warnings (a dependency's DeprecationWarning, say) to stderr through its
// own 'warning' listener; while the full screen is up that text lands on top of the UI. This
// takes Node's printer off for the TUI's lifetime and keeps what was warned, to be printed
// after the terminal is restored: nothing is lost, nothing scribbles over the screen.
import process from 'node:process';

const keepAtMost = 20;

/** Holds warnings until the returned release() gives them back (and restores Node's printer). */
export function holdProcessWarnings(): () => string[] {
	const printers = process.listeners('warning');
	process.removeAllListeners('warning');
	const held: string[] = [];
	let dropped = 0;
	const hold = (warning: Error & {code?: string}) => {
		if (held.length >= keepAtMost) {
			dropped++;
			return;
		}
		held.push(`${warning.code ? `[${warning.code}] ` : ''}${warning.name}: ${warning.message}`);
	};
	process.on('warning', hold);
	return () => {
		process.off('warning', hold);
		for (const printer of printers) process.on('warning', printer);
		return dropped > 0 ? [...held, `(${dropped} more warnings not kept)`] : held;
	};
}
