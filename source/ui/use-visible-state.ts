// The store state as the app renders it: a publish reaches React only when it changes
// what the screen shows (ui/visible.ts), so a quiet or paused view commits nothing and
// Ink builds no frame. Keys take the latest state at once (`accept`).
import {useCallback, useLayoutEffect, useRef, useSyncExternalStore} from 'react';
import type {StoreState} from '../store/state.js';
import type {Store} from '../store/store.js';
import {otherFieldsChanged} from './visible.js';

export interface VisibleState {
	data: StoreState;
	/** Render the store's latest state now (after a key), whatever it shows. */
	accept(): void;
}

/**
 * `keyOf(state)` is the visible content of a state under the current ui and layout;
 * it is taken after every render and compared with each new publish.
 */
export function useVisibleState(store: Store, keyOf: (data: StoreState) => string): VisibleState {
	const shown = useRef<{data: StoreState; key: string | null}>({data: store.getState(), key: null});
	const keyOfRef = useRef(keyOf);
	keyOfRef.current = keyOf;
	const notify = useRef<(() => void) | null>(null);
	const subscribe = useCallback(
		(listener: () => void) => {
			notify.current = listener;
			const unsubscribe = store.subscribe(() => {
				const next = store.getState();
				const current = shown.current;
				if (next === current.data) return;
				if (current.key !== null && !otherFieldsChanged(current.data, next) && keyOfRef.current(next) === current.key) return;
				shown.current = {data: next, key: null};
				listener();
			});
			return () => {
				notify.current = null;
				unsubscribe();
			};
		},
		[store],
	);
	const data = useSyncExternalStore(subscribe, () => shown.current.data);
	// What this render put on screen, for the next publish to be compared with.
	useLayoutEffect(() => {
		shown.current.key = keyOfRef.current(data);
	});
	const accept = useCallback(() => {
		shown.current = {data: store.getState(), key: null};
		notify.current?.();
	}, [store]);
	return {data, accept};
}
