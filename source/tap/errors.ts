// Error classes for the tap wire path. Callers tell a corrupt frame (skip it,
// count it) from an oversized one (the stream is unusable) by class.

/** The bytes are not a valid protobuf encoding of the expected message. */
export class DecodeError extends Error {
	override readonly name = 'DecodeError';
	/** Byte offset in the message where decoding gave up. */
	readonly offset: number;

	constructor(message: string, offset: number) {
		super(`${message} at byte ${offset}`);
		this.offset = offset;
	}
}

/** A frame header declared more bytes than we are willing to buffer. */
export class FrameTooLargeError extends Error {
	override readonly name = 'FrameTooLargeError';
	readonly declaredBytes: number;
	readonly maxBytes: number;

	constructor(declaredBytes: number, maxBytes: number) {
		super(`tap frame of ${declaredBytes} bytes exceeds the limit of ${maxBytes} bytes`);
		this.declaredBytes = declaredBytes;
		this.maxBytes = maxBytes;
	}
}
