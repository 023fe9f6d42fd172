// Test helper: bytes from hex written by hand, with whitespace allowed between parts.
export function hex(...parts: string[]): Uint8Array {
	const text = parts.join('').replace(/\s+/g, '');
	if (!/^([0-9a-f]{2})*$/i.test(text)) throw new Error(`bad hex: ${text}`);
	return Uint8Array.from(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('hex');
}
