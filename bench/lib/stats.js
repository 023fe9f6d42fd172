// Small helpers shared by the bench sections.
export function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const n = s.length;
	if (n === 0) return NaN;
	return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Process CPU time (user + system) in milliseconds. */
export function cpuMs() {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
}

/** Sections print exactly one line starting with this, carrying their JSON result. */
export function report(result) {
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
export const turn = () => new Promise(resolve => setImmediate(resolve));

export const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
