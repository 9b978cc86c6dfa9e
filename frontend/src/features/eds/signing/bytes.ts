// Byte helpers for the signing code: base64 in and out, and exact ArrayBuffers for APIs (pkijs,
// WebCrypto) that want one rather than a view into a larger buffer.

/** The bytes of `view` in an ArrayBuffer of their own. */
export function toArrayBuffer(view: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}

/** The exact UTF-8 bytes of `text`: what the challenge's signature covers. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices, so a large input does not overflow the argument list of fromCharCode.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** Decodes base64, tolerating the line breaks and spaces some signers put into it. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
