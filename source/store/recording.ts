// The TUI's recording (`R`, `:record FILE`): the raw frames of the running tap go to a
// Recorder (sources/recorder.ts) until it is stopped, the tap changes (a recording holds
// one tap) or meshtop quits. The store publishes `view()` so the header can show it.
import type {RecordingHeader} from '../model/recording.js';
import {openRecorder, type Recorder} from '../sources/recorder.js';

export interface RecordingView {
	path: string;
	bytes: number;
	frames: number;
}

export interface StoreRecording {
	/** Starts; returns the notice to show (one line), and whether it started. */
	start(path: string, header: RecordingHeader, force: boolean, onError: (message: string) => void): {ok: boolean; text: string};
	/** Stops; the notice, or undefined when nothing was recording. */
	stop(why?: string): string | undefined;
	add(frames: readonly Uint8Array[], at: number): void;
	view(): RecordingView | null;
}

export function createStoreRecording(): StoreRecording {
	let recorder: Recorder | undefined;
	return {
		start(path, header, force, onError) {
			if (recorder) return {ok: false, text: `already recording to ${recorder.path}; R or :record stops it`};
			try {
				recorder = openRecorder(path, header, {force, onError});
			} catch (error) {
				return {ok: false, text: error instanceof Error ? error.message.replace('pass --force', 'use :record! FILE') : String(error)};
			}
			return {ok: true, text: `recording the tap to ${path} (R or :record stops it)`};
		},
		stop(why) {
			if (!recorder) return undefined;
			const done = recorder;
			recorder = undefined;
			done.close();
			const lost = done.dropped > 0 ? `; ${done.dropped} unreadable frames left out` : '';
			return `${why ? `${why}: ` : ''}recorded ${done.frames} frames to ${done.path}${lost}`;
		},
		add(frames, at) {
			recorder?.add(frames, at);
		},
		view() {
			if (!recorder) return null;
			if (recorder.error) return null;
			return {path: recorder.path, bytes: recorder.bytes, frames: recorder.frames};
		},
	};
}
