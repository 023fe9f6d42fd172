import {describe, expect, it} from 'vitest';
import {routeTemplate, templateRule} from '../../source/model/route-template.js';

describe('routeTemplate', () => {
	it.each<[string, string]>([
		// Numbers, with or without a file extension.
		['/authors/720.json', '/authors/{id}.json'],
		['/books/9781234567897', '/books/{id}'],
		['/v1/emoji/10', '/v1/emoji/{id}'],
		['/api/v2/items/42/reviews/7', '/api/v2/items/{id}/reviews/{id}'],
		['/releases/1.2.3/notes', '/releases/{id}/notes'],
		['/nodes/10.0.0.1', '/nodes/{id}'],
		// UUIDs, long hex, tokens.
		['/users/3f2a9c4e-1b2d-4c3e-8f9a-0b1c2d3e4f5a/orders', '/users/{id}/orders'],
		['/users/3F2A9C4E-1B2D-4C3E-8F9A-0B1C2D3E4F5A', '/users/{id}'],
		['/commits/9fceb02d0ae598e95dc970b74767f19372d61af8', '/commits/{id}'],
		['/objects/507f1f77bcf86cd799439011', '/objects/{id}'],
		['/t/V1StGXR8_Z5jdHi6B-myT', '/t/{id}'],
		['/ulid/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/ulid/{id}'],
		['/charges/pi_3MtwBwLkdIwHu7ix28a3tqPa/capture', '/charges/{id}/capture'],
		['/verify/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', '/verify/{id}'],
		['/files/aGVsbG8gd29ybGQ=', '/files/{id}'],
		['/tickets/INC-1234', '/tickets/INC-{id}'],
		['/orders/order_99812/items', '/orders/order_{id}/items'],
		// Dates and e-mail addresses.
		['/reports/2024-01-31', '/reports/{date}'],
		['/reports/2024-01-31T10:00:00Z/csv', '/reports/{date}/csv'],
		['/reports/2024-01-31T10:00:00.123+02:00', '/reports/{date}'],
		['/users/bob@example.com/prefs', '/users/{email}/prefs'],
		['/users/bob%40example.com', '/users/{email}'],
		// Query strings and fragments are not part of the route.
		['/api/vote?choice=:joy:', '/api/vote'],
		['/search?q=1#top', '/search'],
		['/a#frag?x', '/a'],
		// Literals stay.
		['/emojivoto.v1.EmojiService/ListAll', '/emojivoto.v1.EmojiService/ListAll'],
		['/grpc.health.v1.Health/Check', '/grpc.health.v1.Health/Check'],
		['/api/v2/users', '/api/v2/users'],
		['/healthz', '/healthz'],
		['/static/app.css', '/static/app.css'],
		['/oauth2-callback-v2/done', '/oauth2-callback-v2/done'],
		['/getUserByIdV2Handler', '/getUserByIdV2Handler'],
		['/blog/my-first-post', '/blog/my-first-post'],
		['/decaf', '/decaf'],
		['/words/facade', '/words/facade'],
		['/iso-8859-1', '/iso-8859-1'],
		['/v1.2', '/v1.2'],
		// Shapes of the path itself are kept.
		['/', '/'],
		['', ''],
		['*', '*'],
		['/a//b/', '/a//b/'],
		['/items/42/', '/items/{id}/'],
		['/api/users/{id}.json', '/api/users/{id}.json'],
	])('%s → %s', (path, template) => {
		expect(routeTemplate(path)).toBe(template);
		// Twice: the memo answers the same, and a template is its own template.
		expect(routeTemplate(path)).toBe(template);
		expect(routeTemplate(template)).toBe(template);
	});

	it('stays correct past its memo bound and for very long paths', () => {
		for (let i = 0; i < 25_000; i++) expect(routeTemplate(`/items/${i}/x${i % 7}`)).toBe(`/items/{id}/x${i % 7}`);
		const long = `/files/${'a'.repeat(5000)}/42`;
		expect(routeTemplate(long)).toBe(`/files/${'a'.repeat(5000)}/{id}`);
		expect(routeTemplate(long)).toBe(`/files/${'a'.repeat(5000)}/{id}`);
	});

	it('documents its rule in one paragraph', () => {
		expect(templateRule).not.toContain('\n');
		for (const word of ['{id}', '{date}', '{email}', 'query', 'gRPC', 'v2']) expect(templateRule).toContain(word);
	});
});
