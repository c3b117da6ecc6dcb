// Data URLs from the device → bytes for the attachments table.
import { fileTypeFromBuffer } from 'file-type';
import { rejected } from './types.ts';

export function decodeDataUrl(dataUrl: string): { mimeType: string; bytes: Uint8Array<ArrayBuffer> } {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/i.exec(dataUrl);
  if (!match) throw new Error('not a base64 data URL');
  return { mimeType: match[1]!.toLowerCase(), bytes: Uint8Array.from(Buffer.from(match[2]!, 'base64')) };
}

/**
 * An image data URL whose bytes really are the image type it declares
 * (issue 11): the declared type is the client's word, the bytes are what a
 * browser would sniff when the attachment is downloaded. Checked from their
 * magic numbers by file-type; anything else rejects the action, naming `field`.
 */
export async function decodeImageDataUrl(dataUrl: string, field: string): Promise<{ mimeType: string; bytes: Uint8Array<ArrayBuffer> }> {
  const decoded = decodeDataUrl(dataUrl);
  const sniffed = await fileTypeFromBuffer(decoded.bytes);
  if (sniffed?.mime !== decoded.mimeType) {
    const found = sniffed ? `${sniffed.mime} bytes` : 'bytes of no known image type';
    throw rejected(`${field} is not a ${decoded.mimeType} image`, [
      { path: field, in: 'body', message: `declared ${decoded.mimeType}, but the data is ${found}` },
    ]);
  }
  return decoded;
}
