// "Did you mean ...?" for misspelt fields and code names.

function distance(a: string, b: string): number {
	// Optimal string alignment: Levenshtein plus swapping two neighbours (stauts → status).
	const rows: number[][] = [];
	for (let i = 0; i <= a.length; i++) {
		rows.push([i]);
		for (let j = 1; j <= b.length; j++) {
			if (i === 0) {
				rows[0]!.push(j);
				continue;
			}
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			rows[i]!.push(best);
		}
	}
	return rows[a.length]![b.length]!;
}

/** The candidate nearest to `word` (case-insensitive), if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	const lower = word.toLowerCase();
	let best: string | undefined;
	let bestDistance = Math.max(1, Math.min(3, Math.floor(lower.length / 3)));
	for (const candidate of candidates) {
		const d = distance(lower, candidate.toLowerCase());
		if (d < bestDistance || (d === bestDistance && best === undefined)) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}
