// Column widths for a table of a given width. Pure. Fixed columns keep their
// width; flexible ones share the rest by weight; when even the minimums do not
// fit, the lowest-priority columns are dropped first.

export interface ColumnSpec {
	id: string;
	title: string;
	/** The title when the column is narrower than `title` (FROM → TO for SOURCE → DESTINATION). */
	short?: string;
	/** Fixed width; otherwise the column is flexible. */
	width?: number;
	flex?: number;
	min?: number;
	align?: 'left' | 'right';
	/** Lower drops first when space runs out; undefined never drops. */
	priority?: number;
}

export interface Column {
	id: string;
	title: string;
	width: number;
	align: 'left' | 'right';
}

function needed(specs: ColumnSpec[], gap: number): number {
	let sum = Math.max(0, specs.length - 1) * gap;
	for (const spec of specs) sum += spec.width ?? spec.min ?? 1;
	return sum;
}

export function fitColumns(specs: readonly ColumnSpec[], total: number, gap = 1): Column[] {
	let kept = [...specs];
	while (needed(kept, gap) > total) {
		let victim = -1;
		for (let i = 0; i < kept.length; i++) {
			const priority = kept[i]!.priority;
			if (priority === undefined) continue;
			if (victim === -1 || priority < kept[victim]!.priority!) victim = i;
		}
		if (victim === -1) break;
		kept = kept.filter((_, i) => i !== victim);
	}
	const flexible = kept.filter(spec => spec.width === undefined);
	const fixed = kept.reduce((sum, spec) => sum + (spec.width ?? 0), 0);
	let free = Math.max(0, total - fixed - Math.max(0, kept.length - 1) * gap);
	const weights = flexible.reduce((sum, spec) => sum + (spec.flex ?? 1), 0);
	const widths = new Map<string, number>();
	let given = 0;
	for (const spec of flexible) {
		const share = Math.max(spec.min ?? 1, Math.floor((free * (spec.flex ?? 1)) / weights));
		widths.set(spec.id, share);
		given += share;
	}
	// Rounding leftovers go to the last flexible column so rows fill the width exactly.
	const last = flexible.at(-1);
	if (last) widths.set(last.id, Math.max(1, widths.get(last.id)! + free - given));
	free = 0;
	return kept.map(spec => {
		const width = spec.width ?? widths.get(spec.id)!;
		// Titles are ASCII and arrows (one column each): length is their width.
		const title = spec.short !== undefined && width < spec.title.length ? spec.short : spec.title;
		return {id: spec.id, title, width, align: spec.align ?? 'left'};
	});
}
