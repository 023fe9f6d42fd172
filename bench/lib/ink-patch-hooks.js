// Module hooks (node:module register) that give a bench the Ink that `meshtop` ships:
// the bundle swaps Ink 6.8's measure-text.js for a bounded one (scripts/ink-patches.js),
// but the benches import tsc's dist/, whose `ink` resolves to node_modules unpatched.
// Swapping the same module here makes them measure the shipped code.
import {boundedMeasureText} from '../../scripts/ink-patches.js';

const measureText = /[\\/]ink[\\/]build[\\/]measure-text\.js$/;

export async function load(url, context, next) {
	if (measureText.test(url)) return {format: 'module', source: boundedMeasureText(), shortCircuit: true};
	return next(url, context);
}
