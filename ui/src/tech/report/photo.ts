// Photos are compressed on the device before they are stored and sent: a
// phone's 4000 × 3000 picture is several megabytes, the outbox would swell and
// a batch would not fit the API's 1 MB. Drawn on a canvas at most 1600 px
// wide and encoded as JPEG; quality, then size, go down until it fits.
import { fitWithin } from '../sync/local-view.ts';

/**
 * MAX_PHOTO_DATA_URL of contracts/replication.ts, repeated so that the
 * contract's zod schemas stay out of the app's bundle (a test checks they agree).
 */
export const MAX_PHOTO_CHARS = 700_000;

export interface CompressedPhoto {
  readonly dataUrl: string;
  readonly width: number;
  readonly height: number;
}

export async function compressPhoto(file: Blob, maxSide = 1600, quality = 0.78, maxChars = MAX_PHOTO_CHARS * 0.8): Promise<CompressedPhoto> {
  const bitmap = await createImageBitmap(file);
  try {
    let side = maxSide;
    let q = quality;
    for (let attempt = 0; attempt < 10; attempt++) {
      const { width, height } = fitWithin(bitmap.width, bitmap.height, side);
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas');
      context.drawImage(bitmap, 0, 0, width, height);
      const dataUrl = canvas.toDataURL('image/jpeg', q);
      if (dataUrl.length <= maxChars) return { dataUrl, width, height };
      if (q > 0.5) q -= 0.12;
      else side = Math.round(side * 0.75);
    }
    throw new Error('the photo could not be made small enough');
  } finally {
    bitmap.close();
  }
}

/** Kilobytes a data URL's content takes (base64 is 4 characters per 3 bytes). */
export const dataUrlKb = (dataUrl: string): number => Math.round(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4 / 1024);
