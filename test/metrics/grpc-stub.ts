// Small linkerd2.viz.Api servers for the failure tests: each method is whatever the test hands
// in (answer, fail with a status, or never answer). Encoding and transport are the real ones.
import {Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation} from '@grpc/grpc-js';
import {vizApi} from '../../source/metrics/proto.js';

export type StubHandler = (request: any) => {ok: unknown} | {code: number; details: string} | 'hang';

export interface Stub {
	port: number;
	requests: Array<{method: string; request: any}>;
	close(): void;
}

export async function startStub(handlers: Record<string, StubHandler>): Promise<Stub> {
	const requests: Stub['requests'] = [];
	const impl: UntypedServiceImplementation = {};
	for (const method of ['StatSummary', 'Edges', 'TopRoutes', 'Authz']) {
		impl[method] = (call: ServerUnaryCall<any, any>, callback: sendUnaryData<any>) => {
			requests.push({method, request: call.request});
			const handler = handlers[method];
			const result = handler ? handler(call.request) : {code: 12, details: 'not in this stub'};
			if (result === 'hang') return;
			if ('ok' in result) callback(null, result.ok);
			else callback({code: result.code, details: result.details});
		};
	}
	const server = new Server();
	server.addService(vizApi().service, impl);
	const port = await new Promise<number>((resolve, reject) =>
		server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
	);
	return {port, requests, close: () => server.forceShutdown()};
}
