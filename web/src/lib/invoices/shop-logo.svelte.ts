import { readLogo } from '../db/settings.ts';
import type { ShopContext } from '../db/shop.ts';
import type { PdfLogo } from '@stallkeeper/shared/pdf';

/** The shop's logo, read once from the replica: bytes for the PDF, a URL for the screen. */
export class ShopLogo {
  logo = $state.raw<PdfLogo | null>(null);
  url = $state<string | null>(null);

  async load(ctx: ShopContext): Promise<void> {
    const logo = await readLogo(ctx);
    this.dispose();
    this.logo = logo;
    if (logo) {
      this.url = URL.createObjectURL(new Blob([logo.bytes.slice().buffer], { type: logo.type }));
    }
  }

  dispose(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
  }
}
