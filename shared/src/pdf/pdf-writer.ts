import {
  PDFDocument,
  StandardFonts,
  rgb,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';

/** A4 in points, with the margins every page keeps. */
const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.8, 0.8, 0.84);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
}

export interface Column {
  /** left edge, from the left margin */
  x: number;
  width: number;
  align?: 'left' | 'right';
}

/**
 * A top-down writer over pdf-lib: a cursor that moves down the page, lines that
 * wrap, and a new page when the next block does not fit. The standard fonts only
 * know Windows-1252, so text they cannot print is spelled with what they can.
 */
export class PdfWriter {
  private page: PDFPage;
  private y: number;
  private readonly known: Set<number>;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
    this.known = new Set(regular.getCharacterSet());
  }

  static async create(title: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setCreator('Stallkeeper');
    doc.setProducer('Stallkeeper');
    const [regular, bold] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
    ]);
    return new PdfWriter(doc, regular, bold);
  }

  /** The usable width between the margins. */
  get width(): number {
    return PAGE[0] - 2 * MARGIN;
  }

  /** Whether the fonts print this text as it is. */
  printable(text: string): boolean {
    for (const ch of text) if (!this.known.has(ch.codePointAt(0) ?? 0)) return false;
    return true;
  }

  /** Text the fonts can print: odd spaces become spaces, anything else unknown a '?'. */
  safe(text: string): string {
    let out = '';
    for (const ch of text.replace(/[\u2000-\u200b\u202f\u205f\u3000]/g, ' ')) {
      out += this.known.has(ch.codePointAt(0) ?? 0) || ch === '\n' ? ch : '?';
    }
    return out;
  }

  private font(style: TextStyle): PDFFont {
    return style.bold ? this.bold : this.regular;
  }

  measure(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(this.safe(text), style.size ?? 10);
  }

  /** Start a new page when less than `height` is left on this one. */
  ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Split text into lines no wider than `width` (words kept whole where they fit). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const para of this.safe(text).split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (line && this.measure(next, style) > width) {
          lines.push(line);
          line = word;
        } else {
          line = next;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private draw(text: string, x: number, style: TextStyle, width?: number, right = false): void {
    const size = style.size ?? 10;
    const clean = this.safe(text);
    const w = this.font(style).widthOfTextAtSize(clean, size);
    this.page.drawText(clean, {
      x: MARGIN + (right && width !== undefined ? x + width - w : x),
      y: this.y - size,
      size,
      font: this.font(style),
      color: style.muted ? MUTED : INK,
    });
  }

  /** A block of wrapped text at `x`, moving the cursor below it. */
  paragraph(text: string, style: TextStyle = {}, x = 0, width = this.width - x): void {
    const size = style.size ?? 10;
    for (const line of this.wrap(text, width, style)) {
      this.ensure(size * 1.35);
      this.draw(line, x, style);
      this.y -= size * 1.35;
    }
  }

  /** One table row: each cell wrapped in its column, the row as tall as its tallest cell. */
  row(cells: readonly string[], columns: readonly Column[], style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const lead = size * 1.35;
    const wrapped = cells.map((c, i) => this.wrap(c, columns[i]?.width ?? this.width, style));
    const height = Math.max(...wrapped.map((l) => l.length)) * lead;
    this.ensure(height + 4);
    const top = this.y;
    wrapped.forEach((lines, i) => {
      const col = columns[i];
      if (!col) return;
      this.y = top;
      for (const line of lines) {
        this.draw(line, col.x, style, col.width, col.align === 'right');
        this.y -= lead;
      }
    });
    this.y = top - height - 4;
  }

  /** A thin line across the page. */
  rule(): void {
    this.ensure(8);
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE[0] - MARGIN, y: this.y },
      thickness: 0.6,
      color: RULE,
    });
    this.y -= 8;
  }

  /** An image scaled into `maxW`×`maxH` at the top right; returns the height it took. */
  async logo(bytes: Uint8Array, type: string, maxW = 140, maxH = 64): Promise<number> {
    let image: PDFImage;
    try {
      image = /png/i.test(type)
        ? await this.doc.embedPng(bytes)
        : /jpe?g/i.test(type)
          ? await this.doc.embedJpg(bytes)
          : await Promise.reject(new Error('not a PNG or JPEG'));
    } catch {
      // A logo the library cannot read leaves the invoice without one rather than failing it.
      return 0;
    }
    const scale = Math.min(maxW / image.width, maxH / image.height, 1);
    const w = image.width * scale;
    const h = image.height * scale;
    this.page.drawImage(image, { x: PAGE[0] - MARGIN - w, y: this.y - h, width: w, height: h });
    return h;
  }

  /**
   * A PNG (a chart) at the cursor, scaled to the page's width and at most `maxH` high,
   * on a new page when it does not fit; the cursor moves below it.
   */
  async picture(png: Uint8Array, maxH = 260): Promise<void> {
    const image = await this.doc.embedPng(png);
    const scale = Math.min(this.width / image.width, maxH / image.height, 1);
    const w = image.width * scale;
    const h = image.height * scale;
    this.ensure(h + 6);
    this.page.drawImage(image, { x: MARGIN, y: this.y - h, width: w, height: h });
    this.y -= h + 6;
  }

  /** Where the cursor is, so a side block can start level with another. */
  get cursor(): number {
    return this.y;
  }

  moveTo(y: number): void {
    this.y = y;
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
