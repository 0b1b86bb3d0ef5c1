/** What a shop logo may be: PNG or JPEG, at most 1 MB once resized on the device. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const LOGO_MAX_BYTES = 1024 * 1024;
/** Invoices print the logo small; larger pictures only cost every device storage. */
const LOGO_MAX_SIDE = 600;

export class LogoError extends Error {
  override name = 'LogoError';
}

const isLogoType = (type: string): type is (typeof LOGO_TYPES)[number] =>
  (LOGO_TYPES as readonly string[]).includes(type);

/**
 * A picked file as the shop's logo: refused unless PNG or JPEG, scaled down on the
 * device when large (a PNG stays a PNG, for its transparency), and refused if it is
 * still over 1 MB.
 */
export async function prepareLogo(file: Blob): Promise<Blob> {
  if (!isLogoType(file.type)) throw new LogoError('The logo must be a PNG or JPEG picture.');
  let out = file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, LOGO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale < 1 || file.size > LOGO_MAX_BYTES) {
      const canvas = new OffscreenCanvas(
        Math.round(bitmap.width * scale),
        Math.round(bitmap.height * scale),
      );
      const g = canvas.getContext('2d');
      if (!g) throw new LogoError('This device cannot resize pictures.');
      g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      out = await canvas.convertToBlob({ type: file.type, quality: 0.85 });
    }
    bitmap.close();
  } catch (err) {
    if (err instanceof LogoError) throw err;
    throw new LogoError('That file is not a picture this device can read.');
  }
  if (out.size > LOGO_MAX_BYTES) {
    throw new LogoError('The logo is over 1 MB even when made smaller; pick a simpler picture.');
  }
  return out;
}
