// Data URLs from the device → bytes for the attachments table.
export function decodeDataUrl(dataUrl: string): { mimeType: string; bytes: Uint8Array<ArrayBuffer> } {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/i.exec(dataUrl);
  if (!match) throw new Error('not a base64 data URL');
  return { mimeType: match[1]!.toLowerCase(), bytes: Uint8Array.from(Buffer.from(match[2]!, 'base64')) };
}
