// Draws the app icons as PNGs (no image tools needed): a green tile with a striped
// market-stall awning. Run once with `node scripts/icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const GREEN = [31, 122, 77, 255];
const WHITE = [255, 255, 255, 255];
const CREAM = [255, 236, 200, 255];
function stall(inset) {
  return (u, v) => {
    const x = (u - inset) / (1 - 2 * inset);
    const y = (v - inset) / (1 - 2 * inset);
    if (x < 0 || x > 1 || y < 0 || y > 1) return GREEN;
    // awning: scalloped stripes across the top third
    if (y > 0.18 && y < 0.42 && x > 0.12 && x < 0.88) {
      const stripe = Math.floor((x - 0.12) / 0.076) % 2 === 0;
      const scallop = y > 0.36 && Math.hypot(((x - 0.12) % 0.076) - 0.038, y - 0.36) > 0.038;
      if (scallop) return GREEN;
      return stripe ? WHITE : CREAM;
    }
    // counter
    if (y > 0.62 && y < 0.72 && x > 0.16 && x < 0.84) return WHITE;
    // posts
    if (y >= 0.42 && y < 0.82 && ((x > 0.17 && x < 0.22) || (x > 0.78 && x < 0.83))) return WHITE;
    return GREEN;
  };
}
const out = new URL('../static/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, stall(0.04)));
writeFileSync(new URL('icon-512.png', out), png(512, stall(0.04)));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, stall(0.16)));
