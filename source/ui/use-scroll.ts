import {useRef} from 'react';
import {scrollWindow} from './selectors.js';

/** Keeps a window over a list stable while the cursor moves inside it. */
export function useScrollWindow(index: number, total: number, height: number): number {
	const start = useRef(0);
	start.current = scrollWindow(start.current, Math.max(0, index), total, height);
	return start.current;
}
