// Placeholder until the metrics-api stand-in lands: no server, port 0.
import type {Topology} from './topology.js';

export async function startDemoMetrics(_topology: Topology): Promise<{port: number; close(): Promise<void>}> {
	return {port: 0, close: async () => {}};
}
