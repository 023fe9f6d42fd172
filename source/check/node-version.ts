// The Node.js floor, as cli.js enforces it (cli.js refuses older Node before anything loads, so
// in practice `linkerd check` shows that refusal from stderr; this check states the version).
import {failed, passed, type CheckResult} from '../model/check-result.js';

export const nodeFloor = {major: 22, minor: 19};

export function nodeVersionCheck(version: string): CheckResult {
	const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
	const ok = major > nodeFloor.major || (major === nodeFloor.major && minor >= nodeFloor.minor);
	const description = `Node.js ${version.replace(/^v/, '')} is ${nodeFloor.major}.${nodeFloor.minor} or newer`;
	if (ok) return passed(description);
	return failed(
		description,
		`meshtop needs Node ${nodeFloor.major}.${nodeFloor.minor} or newer; this is ${version}`,
		'install Node 24 LTS (nodejs.org, nvm or your package manager)',
	);
}
