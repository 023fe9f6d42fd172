// Alternate screen and cursor, restored exactly once on whatever path ends the program.
export const enterAltScreen = '\u001B[?1049h\u001B[?25l';
export const leaveAltScreen = '\u001B[?25h\u001B[?1049l';

export interface Writable {
	write(data: string): unknown;
}

export function enterFullScreen(stdout: Writable): () => void {
	stdout.write(enterAltScreen);
	let restored = false;
	return () => {
		if (restored) return;
		restored = true;
		stdout.write(leaveAltScreen);
	};
}
