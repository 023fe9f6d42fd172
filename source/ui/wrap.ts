// Word wrap for prose in overlays (help, policy): lines of at most `width` columns. Pure.
import stringWidth from 'string-width';

/** Splits text into lines of at most `width` columns, at spaces where it can. */
export function wrapWords(text: string, width: number): string[] {
	if (width <= 0 || stringWidth(text) <= width) return [text];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (stringWidth(candidate) <= width) {
			line = candidate;
			continue;
		}
		if (line !== '') lines.push(line);
		line = word;
		// A word longer than the line is cut where it must be.
		while (stringWidth(line) > width) {
			lines.push(line.slice(0, width));
			line = line.slice(width);
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}
