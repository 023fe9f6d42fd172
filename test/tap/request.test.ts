import {describe, expect, it} from 'vitest';
import {buildTapRequest, pathEscape} from '../../source/tap/request.js';
import {toHex} from './hex.js';

const h = (...parts: string[]) => parts.join('').replace(/\s+/g, '');

describe('buildTapRequest', () => {
	it('builds a deployment tap with no filters', () => {
		const {path, body} = buildTapRequest({
			target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
			maxRps: 0,
			extractHeaders: false,
		});
		expect(path).toBe('/apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/web/tap');
		expect(toHex(body)).toBe(
			h(
				'0a 1e', //                         target (1), 30 bytes
				'  0a 1c', //                         resource (1), 28 bytes
				'    0a 09 656d6f6a69766f746f', //      namespace "emojivoto"
				'    12 0a 6465706c6f796d656e74', //    type "deployment"
				'    1a 03 776562', //                  name "web"
				'12 02 0a 00', //                   match (2) = {all: {}}
				'22 00', //                         extract (4) = {}; maxRps 0 left out
			),
		);
	});

	it('builds a namespace tap with every filter, max rps and header extraction', () => {
		const {path, body} = buildTapRequest({
			target: {namespace: 'ignored', type: 'namespace', name: 'emojivoto'},
			labelSelector: 'app=web',
			to: {namespace: 'emojivoto', type: 'deployment', name: 'voting'},
			scheme: 'https',
			method: 'GET',
			authority: 'a:80',
			path: '/api',
			maxRps: 100,
			extractHeaders: true,
		});
		expect(path).toBe('/apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/tap');
		expect(toHex(body)).toBe(
			h(
				'0a 21', //                           target (1), 33 bytes
				'  0a 16', //                           resource: namespace left empty
				'    12 09 6e616d657370616365', //        type "namespace"
				'    1a 09 656d6f6a69766f746f', //        name "emojivoto"
				'  12 07 6170703d776562', //            label_selector "app=web"
				'12 4f', //                           match (2), 79 bytes
				'  0a 4d', //                           all (1): Seq, 77 bytes
				'    0a 23 22 21 0a 1f', //               matches: destinations { resource {
				'      0a 09 656d6f6a69766f746f', //        namespace "emojivoto"
				'      12 0a 6465706c6f796d656e74', //      type "deployment"
				'      1a 06 766f74696e67', //              name "voting" } }
				'    0a 09 2a 07 0a 05 6874747073', //    matches: http { scheme "https" }
				'    0a 07 2a 05 12 03 474554', //        matches: http { method "GET" }
				'    0a 08 2a 06 1a 04 613a3830', //      matches: http { authority "a:80" }
				'    0a 08 2a 06 22 04 2f617069', //      matches: http { path "/api" }
				'1d 0000c842', //                     maxRps (3) float 100.0
				'22 04 0a 02 0a 00', //               extract (4) = {http: {headers: {}}}
			),
		);
	});

	it('sends a namespace destination by name with its namespace left empty', () => {
		const {body} = buildTapRequest({
			target: {namespace: 'a', type: 'pod', name: 'p'},
			to: {namespace: 'x', type: 'namespace', name: 'prod'},
			maxRps: 0,
			extractHeaders: false,
		});
		expect(toHex(body)).toBe(
			h(
				'0a 0d 0a 0b 0a 01 61 12 03 706f64 1a 01 70', // target: resource pod a/p
				'12 19 0a 17', //                               match (2) / all (1)
				'  0a 15 22 13 0a 11', //                         matches: destinations { resource {
				'    12 09 6e616d657370616365', //                  type "namespace"
				'    1a 04 70726f64', //                            name "prod" } }
				'22 00',
			),
		);
	});

	it('keeps the empty name segment and escapes path segments like Go', () => {
		expect(
			buildTapRequest({target: {namespace: 'default', type: 'deployment', name: ''}, maxRps: 0, extractHeaders: false})
				.path,
		).toBe('/apis/tap.linkerd.io/v1alpha1/watch/namespaces/default/deployments//tap');
		expect(
			buildTapRequest({target: {namespace: 'a b', type: 'pod', name: 'x/y?z'}, maxRps: 0, extractHeaders: false}).path,
		).toBe('/apis/tap.linkerd.io/v1alpha1/watch/namespaces/a%20b/pods/x%2Fy%3Fz/tap');
	});

	it('pathEscape matches Go url.PathEscape', () => {
		expect(pathEscape("az-_.~$&+:=@")).toBe("az-_.~$&+:=@");
		expect(pathEscape('/;,?#%')).toBe('%2F%3B%2C%3F%23%25');
		expect(pathEscape('é ')).toBe('%C3%A9%20');
		expect(pathEscape("!'()*")).toBe('%21%27%28%29%2A');
	});
});
