// Keys that arrive in one read (typing ahead over SSH, tmux send-keys, a paste)
// are handled one by one, in order, through the real App and Ink's stdin handling.
import {describe, expect, it} from 'vitest';
import {splitKeys} from '../../source/ui/key-split.js';
import {startApp} from './app-harness.js';

const none = {};

describe('splitKeys', () => {
	it('names each key of a run of plain bytes', () => {
		expect(splitKeys('j\r', none)).toEqual([
			{name: 'j', input: 'j'},
			{name: 'return', input: ''},
		]);
		expect(splitKeys('\t \u007Fq\u0003\u000C', none)).toEqual([
			{name: 'tab', input: ''},
			{name: 'space', input: ' '},
			{name: 'backspace', input: ''},
			{name: 'q', input: 'q'},
			{name: 'ctrl+c', input: 'c'},
			{name: 'ctrl+l', input: 'l'},
		]);
		expect(splitKeys('G↑', none)).toEqual([
			{name: 'G', input: 'G'},
			{name: '↑', input: '↑'},
		]);
	});

	it('leaves single keys and escape sequences to keyName', () => {
		expect(splitKeys('j', none)).toEqual([{name: 'j', input: 'j'}]);
		expect(splitKeys('', {upArrow: true})).toEqual([{name: 'up', input: ''}]);
		expect(splitKeys('[Z', {tab: true, shift: true})).toEqual([{name: 'shift+tab', input: '[Z'}]);
		expect(splitKeys('l', {ctrl: true})).toEqual([{name: 'ctrl+l', input: 'l'}]);
	});
});

describe('coalesced keys in the App', () => {
	it('"j" and Enter in one read move down and open, like two reads', async () => {
		const app = startApp({columns: 120, rows: 40, target: null});
		await app.settle();
		expect(app.lines().join('\n')).toMatch(/Namespaces/);
		await app.press('j\r');
		const screen = app.lines().join('\n');
		// The cursor started on the current namespace, emojivoto; j moved it to kube-system, which opened.
		expect(screen).toContain(' Workloads in kube-system ');
		expect(app.sources.workloadWatches.at(-1)).toBe('kube-system');
		app.unmount();
	});

	it('typed-ahead text after / goes into the prompt as text, then Enter submits it', async () => {
		const app = startApp({columns: 120, rows: 40});
		await app.traffic([
			{stream: 1, path: '/api/list'},
			{stream: 3, path: '/api/vote'},
		]);
		await app.press('/vote+x\u007F\u007F\r');
		expect(app.store.getState().clientFilter).toEqual({expr: 'vote'});
		await app.press('j');
		// Enter closed the prompt: j is a key again, not text.
		expect(app.store.getState().clientFilter).toEqual({expr: 'vote'});
		app.unmount();
	});

	it('a run of keys ends early when one of them quits', async () => {
		const app = startApp({columns: 120, rows: 40});
		await app.press('qq?');
		expect(app.quits).toBe(1);
		app.unmount();
	});
});
