import {useEffect, useState} from 'react';

export interface SizedStream {
	columns?: number;
	rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

function read(stdout: SizedStream): {columns: number; rows: number} {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** Ink 6.8 has no useWindowSize: follow the stream's resize events ourselves. */
export function useTerminalSize(stdout: SizedStream): {columns: number; rows: number} {
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const onResize = () => setSize(read(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
