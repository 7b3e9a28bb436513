#!/usr/bin/env node
/**
 * Draws Tokentally's icons (three rising bars: spend adding up) into electron/main/assets/ as PNG,
 * with nothing but node:zlib, so they can be regenerated and reviewed as code:
 *   trayTemplate.png / @2x   macOS menu bar: black + alpha, tinted by the system ("Template" name)
 *   tray.png / @2x           Windows / Linux: white bars on a teal tile, visible on light and dark bars
 *   icon.png                 512×512 app icon (electron-builder makes .icns / .ico from it)
 * Run: node scripts/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'electron', 'main', 'assets');
const SUPERSAMPLE = 8;

/** Three bars 4 units wide and 1 apart (14 units across), heights 6 / 10 / 14 units, on one baseline. */
function bars(box, radius) {
  const unit = (box.x1 - box.x0) / 14;
  return [6, 10, 14].map((h, i) => ({
    x0: box.x0 + i * 5 * unit,
    x1: box.x0 + (i * 5 + 4) * unit,
    y0: box.y1 - h * (box.y1 - box.y0) / 14,
    y1: box.y1,
    r: radius * unit,
  }));
}

function insideRoundedRect(px, py, rect) {
  if (px < rect.x0 || px > rect.x1 || py < rect.y0 || py > rect.y1) return false;
  const r = Math.min(rect.r, (rect.x1 - rect.x0) / 2, (rect.y1 - rect.y0) / 2);
  const cx = Math.min(Math.max(px, rect.x0 + r), rect.x1 - r);
  const cy = Math.min(Math.max(py, rect.y0 + r), rect.y1 - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** Layers are painted in order; each is { shapes, colour(py) -> [r,g,b] }. Coordinates are 0..1. */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            const px = (x + (sx + 0.5) / SUPERSAMPLE) / size;
            const py = (y + (sy + 0.5) / SUPERSAMPLE) / size;
            if (layer.shapes.some((s) => insideRoundedRect(px, py, s))) hits++;
          }
        }
        const cover = hits / SUPERSAMPLE ** 2;
        if (cover === 0) continue;
        const [lr, lg, lb] = layer.colour((y + 0.5) / size);
        // "over" compositing, straight alpha
        const outA = cover + a * (1 - cover);
        r = (lr * cover + r * a * (1 - cover)) / outA;
        g = (lg * cover + g * a * (1 - cover)) / outA;
        b = (lb * cover + b * a * (1 - cover)) / outA;
        a = outA;
      }
      const i = (y * size + x) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.from([0]), rgba.subarray(y * width * 4, (y + 1) * width * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const black = () => [0, 0, 0];
const white = () => [255, 255, 255];
const teal = () => [14, 159, 110];
/** Top-to-bottom gradient for the app icon. */
const tealGradient = (t) => [Math.round(20 - 8 * t), Math.round(184 - 60 * t), Math.round(128 - 40 * t)];

const templateIcon = (size) => render(size, [{ shapes: bars({ x0: 1 / 16, x1: 15 / 16, y0: 1 / 16, y1: 15 / 16 }, 0.5), colour: black }]);
const colourIcon = (size) =>
  render(size, [
    { shapes: [{ x0: 0, x1: 1, y0: 0, y1: 1, r: 0.2 }], colour: teal },
    { shapes: bars({ x0: 0.19, x1: 0.81, y0: 0.19, y1: 0.81 }, 0.6), colour: white },
  ]);
const appIcon = (size) =>
  render(size, [
    // macOS-style margin: the tile fills ~80% of the canvas.
    { shapes: [{ x0: 0.1, x1: 0.9, y0: 0.1, y1: 0.9, r: 0.18 }], colour: tealGradient },
    { shapes: bars({ x0: 0.28, x1: 0.72, y0: 0.27, y1: 0.72 }, 0.8), colour: white },
  ]);

fs.mkdirSync(OUT, { recursive: true });
const files = {
  'trayTemplate.png': templateIcon(16),
  'trayTemplate@2x.png': templateIcon(32),
  'tray.png': colourIcon(16),
  'tray@2x.png': colourIcon(32),
  'icon.png': appIcon(512),
};
for (const [name, png] of Object.entries(files)) {
  fs.writeFileSync(path.join(OUT, name), png);
  console.log(`${name}: ${png.length} bytes`);
}
