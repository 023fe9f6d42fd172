// The product owner named ink-table. What happens with each package on Ink 6.8:
import {createRequire} from 'node:module';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Table} from '@alcalzone/ink-table';
import {renderAt} from './render.js';

describe('ink-table', () => {
	it('ink-table 3.1.0 cannot load: it is CommonJS and require("ink") meets Ink\'s top-level await', () => {
		const require = createRequire(import.meta.url);
		let caught: unknown;
		try {
			require('ink-table');
		} catch (error) {
			caught = error;
		}
		expect((caught as NodeJS.ErrnoException).code).toBe('ERR_REQUIRE_ASYNC_MODULE');
	});

	it('the @alcalzone/ink-table fork renders with Ink 6.8, measuring cells by .length', () => {
		const view = renderAt(<Table data={[{label: 'pod', value: 'web-1'}, {label: 'zone', value: '漢字'}]} />, 40, 10);
		expect(view.lines()).toEqual([
			'┌───────┬───────┐',
			'│ label │ value │',
			'├───────┼───────┤',
			'│ pod   │ web-1 │',
			'├───────┼───────┤',
			// Two wide characters counted as two columns: the border is pushed right.
			'│ zone  │ 漢字    │',
			'└───────┴───────┘',
		]);
		view.unmount();
	});
});
