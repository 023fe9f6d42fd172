import {Text} from 'ink';
import {Paint, useTheme} from '../theme-context.js';
import type {Token} from '../theme.js';

/** Filled cells of a bar for ratio 0..1; any part above zero shows at least one cell. */
export function barCells(ratio: number, width: number): number {
	if (width <= 0 || !(ratio > 0)) return 0;
	if (ratio >= 1) return width;
	return Math.min(width - 1, Math.max(1, Math.round(ratio * width)));
}

export function barText(ratio: number, width: number): string {
	const filled = barCells(ratio, width);
	return '█'.repeat(filled) + '░'.repeat(Math.max(0, width - filled));
}

/** Two-tone bar; the glyphs alone carry the meaning when colour is off. */
export function Bar(props: {ratio: number; width: number; fill?: Token; rest?: Token}) {
	const theme = useTheme();
	const filled = barCells(props.ratio, props.width);
	return (
		<Text>
			<Paint style={theme[props.fill ?? 'secure']} raw={theme.raw}>
				{'█'.repeat(filled)}
			</Paint>
			<Paint style={theme[props.rest ?? 'insecure']} raw={theme.raw}>
				{'░'.repeat(Math.max(0, props.width - filled))}
			</Paint>
		</Text>
	);
}
