// Copying to the user's clipboard through the terminal (OSC 52): works over SSH and, with tmux's
// set-clipboard on, through tmux, because the bytes travel with the screen output. Terminals cap
// what they accept (xterm about 100 KB), so meshtop refuses larger copies with a clear notice.

/** Largest text copied (before base64). */
export const copyLimitBytes = 64 * 1024;

export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** A notice when `text` is too large to copy, else undefined. */
export function tooLargeToCopy(text: string): string | undefined {
	const bytes = Buffer.byteLength(text, 'utf8');
	return bytes > copyLimitBytes ? `not copied: ${Math.ceil(bytes / 1024)} KB is more than the ${copyLimitBytes / 1024} KB terminals accept over OSC 52` : undefined;
}
