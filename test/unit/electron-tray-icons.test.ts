import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const assets = fileURLToPath(new URL('../../electron/main/assets/', import.meta.url));

/** Decodes the 8-bit RGBA, filter-0 PNGs that scripts/make-icons.mjs writes. */
function readPng(name: string) {
  const bytes = fs.readFileSync(assets + name);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => {
    const i = y * (width * 4 + 1) + 1 + x * 4;
    return [raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!] as const;
  };
  return { width, height, pixel };
}

describe('tray and app icons', () => {
  it.each([
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
    ['tray.png', 16],
    ['tray@2x.png', 32],
    ['icon.png', 512],
  ])('%s is %i px square', (name, size) => {
    const png = readPng(name);
    expect([png.width, png.height]).toEqual([size, size]);
  });

  it.each(['trayTemplate.png', 'trayTemplate@2x.png'])('%s is a macOS template: black, shape in alpha only, not empty', (name) => {
    const png = readPng(name);
    let opaque = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const [r, g, b, a] = png.pixel(x, y);
        expect([r, g, b]).toEqual([0, 0, 0]);
        if (a > 200) opaque++;
      }
    }
    expect(opaque).toBeGreaterThan(png.width * png.height * 0.25);
    expect(opaque).toBeLessThan(png.width * png.height * 0.75);
  });
});
