// The TUI's recording through the store (R, :record FILE, --record): frames of the running tap
// go to the file with their arrival time, the header view shows the size, a tap change stops it,
// an existing file is refused, and the file replays to the same events.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {decodeRecording} from '../../source/model/recording.js';
import {createStore} from '../../source/store/store.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {recordingText} from '../../source/ui/panes/header-text.js';
import {FakeSources, ManualTime, requestEvents} from '../ui/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'meshtop-store-rec-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const target = {namespace: 'emojivoto', type: 'deployment', name: 'web'};

function setup() {
	const sources = new FakeSources();
	const time = new ManualTime();
	const store = createStore({sources, model: {bufferSize: 100, ttlMs: 30_000, maxRoutes: 100, rpsWindowMs: 10_000}, clock: time.clock, schedule: time.schedule, refreshMs: 100});
	store.start(target);
	return {sources, time, store};
}

describe('store recording', () => {
	it('records the raw frames with their arrival, shows the size, stops on a tap change', () => {
		const {sources, time, store} = setup();
		const path = join(dir, 'tui.mtap');
		expect(store.startRecording(path, {force: false, showSecrets: false, meshtop: '1.2.3'})).toBe(true);
		expect(store.getState().notice?.text).toBe(`recording the tap to ${path} (R or :record stops it)`);
		const events = requestEvents({stream: 1, path: '/a', requestHeaders: [{name: 'authorization', valueStr: 'Bearer s3cret'}]});
		const frames = events.map(encodeTapEvent);
		const at = time.now;
		sources.lastTap.handlers.onEvents(events, frames);
		time.advance(100);
		const view = store.getState().recording!;
		expect(view.frames).toBe(3);
		expect(recordingText(view)).toMatch(/^● REC tui\.mtap \d+(\.\d)? KB$|^● REC tui\.mtap \d+ B$/);
		store.tapTarget({namespace: 'emojivoto', type: 'deployment', name: 'emoji'});
		expect(store.getState().recording).toBeNull();
		expect(store.getState().notice?.text).toBe(`the tap changed, so the recording stopped: recorded 3 frames to ${path}`);
		const file = decodeRecording(readFileSync(path));
		expect(file.header).toMatchObject({meshtop: '1.2.3', spec: {target}, startedAt: at, showSecrets: false});
		expect(file.frames.map(f => f.at)).toEqual([at, at, at]);
		const replayed = file.frames.map(f => decodeTapEvent(f.bytes));
		expect(replayed.slice(1)).toEqual(events.slice(1));
		expect(readFileSync(path).toString('latin1')).not.toContain('s3cret');
		store.close();
	});

	it('refuses an existing file (nothing is replaced) and says how to replace it', () => {
		const {store} = setup();
		const path = join(dir, 'kept.mtap');
		writeFileSync(path, 'earlier capture');
		expect(store.startRecording(path, {force: false, showSecrets: false, meshtop: 'x'})).toBe(false);
		expect(store.getState().notice).toEqual({level: 'error', text: `${path} already exists; choose another file or use :record! FILE to overwrite it`});
		expect(readFileSync(path, 'utf8')).toBe('earlier capture');
		expect(store.startRecording(path, {force: true, showSecrets: false, meshtop: 'x'})).toBe(true);
		store.stopRecording();
		expect(decodeRecording(readFileSync(path)).frames).toHaveLength(0);
		store.close();
	});
});
