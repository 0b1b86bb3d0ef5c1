/** A PDF made on demand and handed to the device: shared, printed or saved. */
export interface MadePdf {
  bytes: Uint8Array;
  name: string;
}

/** Whether this browser can share a file through the system's share sheet. */
export function canShareFiles(): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.canShare !== 'function') return false;
  try {
    const probe = new File([new Uint8Array(1)], 'probe.pdf', { type: 'application/pdf' });
    return navigator.canShare({ files: [probe] });
  } catch {
    return false;
  }
}

/**
 * The actions on one document's PDF. The PDF is made fresh for each action (the
 * payments may have changed since), by `make`, which loads the PDF library itself.
 */
export class PdfFile {
  busy = $state(false);
  error = $state<string | null>(null);
  /** set when the browser blocked the print tab: the page offers a link instead */
  openUrl = $state<string | null>(null);
  readonly canShare = canShareFiles();
  #url: string | null = null;

  constructor(private readonly make: () => Promise<MadePdf | null>) {}

  async #build(): Promise<{ made: MadePdf; url: string; file: File } | null> {
    this.busy = true;
    this.error = null;
    try {
      const made = await this.make();
      if (!made) return null;
      // A copy into a plain ArrayBuffer: what Blob accepts whatever the bytes' buffer.
      const file = new File([made.bytes.slice().buffer], made.name, { type: 'application/pdf' });
      if (this.#url) URL.revokeObjectURL(this.#url);
      this.#url = URL.createObjectURL(file);
      return { made, url: this.#url, file };
    } catch (err) {
      this.error = `The PDF could not be made: ${err instanceof Error ? err.message : 'unknown error'}`;
      return null;
    } finally {
      this.busy = false;
    }
  }

  async download(): Promise<void> {
    const pdf = await this.#build();
    if (!pdf) return;
    const a = document.createElement('a');
    a.href = pdf.url;
    a.download = pdf.made.name;
    document.body.append(a);
    a.click();
    a.remove();
  }

  async print(): Promise<void> {
    const pdf = await this.#build();
    if (!pdf) return;
    // The browser's PDF viewer prints; a blocked tab leaves a link to open by hand.
    const tab = window.open(pdf.url, '_blank');
    this.openUrl = tab ? null : pdf.url;
  }

  /** A second try at the print view, on a fresh tap the browser lets open a tab. */
  reopen(): void {
    if (this.openUrl && window.open(this.openUrl, '_blank')) this.openUrl = null;
  }

  async share(): Promise<void> {
    const pdf = await this.#build();
    if (!pdf) return;
    try {
      await navigator.share({ files: [pdf.file], title: pdf.made.name.replace(/\.pdf$/, '') });
    } catch (err) {
      // Closing the share sheet is not an error.
      if (!(err instanceof DOMException && err.name === 'AbortError')) {
        this.error = 'Sharing did not work on this device; use Download instead.';
      }
    }
  }

  dispose(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
  }
}
