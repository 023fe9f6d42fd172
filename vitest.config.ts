import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
		// Two cores here: more workers only thrash.
		maxWorkers: 2,
	},
});
