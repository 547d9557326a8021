import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from '../../../../shared/lists';

/** JPEG qualities tried in turn until the photo fits PHOTO_MAX_BYTES. */
const QUALITIES = [0.85, 0.75, 0.65, 0.5, 0.35];

/** A data URL's bytes, as base64 without the "data:image/jpeg;base64," head. */
function base64Of(dataUrl: string): string {
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

/**
 * A picture (a camera frame or a decoded file) as the small JPEG the host stores: the longer side at most
 * PHOTO_MAX_SIDE pixels, the bytes at most PHOTO_MAX_BYTES (lower quality until it fits). Returns base64.
 */
export function shrinkToJpeg(source: CanvasImageSource, width: number, height: number): string {
  if (!width || !height) throw new Error('empty picture');
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  for (const q of QUALITIES) {
    const b64 = base64Of(canvas.toDataURL('image/jpeg', q));
    if ((b64.length * 3) / 4 <= PHOTO_MAX_BYTES) return b64;
  }
  throw new Error('picture too large');
}

/** A picture file chosen by the clerk, decoded and shrunk. */
export async function shrinkFile(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    return shrinkToJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
