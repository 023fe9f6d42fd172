// A client connected on first use and shared after: a failed connect is forgotten so the next
// call tries afresh (the store polls), and one that lands after close() is closed at once.
export interface LazyClient<T> {
	get(): Promise<T>;
	close(): void;
}

export function lazyClient<T extends {close(): void}>(connect: () => Promise<T>): LazyClient<T> {
	let current: Promise<T> | undefined;
	let closed = false;
	return {
		get() {
			if (!current) {
				const connecting = connect();
				current = connecting;
				connecting.then(
					client => {
						if (closed) client.close();
					},
					() => {
						if (current === connecting) current = undefined;
					},
				);
			}
			return current;
		},
		close() {
			closed = true;
			current?.then(
				client => client.close(),
				() => undefined,
			);
			current = undefined;
		},
	};
}
