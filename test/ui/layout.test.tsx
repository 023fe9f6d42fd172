import {afterEach, describe, expect, it} from 'vitest';
import {keys} from './render.js';
import {startApp, type Harness} from './app-harness.js';

let app: Harness | undefined;
afterEach(() => app?.unmount());

describe('layout', () => {
	it('80x24', async () => {
		app = startApp({columns: 80, rows: 24});
		await app.traffic([{stream: 1}, {stream: 2, status: 500, path: '/api/vote'}]);
		console.log(app.lines().join('\n'));
		await app.press(keys.tab);
		console.log(app.lines().join('\n'));
		await app.press(keys.tab);
		console.log(app.lines().join('\n'));
		await app.press(keys.tab);
		console.log(app.lines().join('\n'));
	});
	it('160x45', async () => {
		app = startApp({columns: 160, rows: 45});
		await app.traffic([{stream: 1}, {stream: 2, status: 500, path: '/api/vote'}, {stream: 3, direction: 'INBOUND', tls: 'no_tls_from_remote', from: 'vote-bot', sourceExtra: {control_plane_ns: ''}}]);
		console.log(app.lines().join('\n'));
	});
});
