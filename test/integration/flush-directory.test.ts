import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushDirectory } from '../../electron/core/flush-directory.js';
import { useTempDirs } from '../support/temp-dir.js';

const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

describe('flushDirectory', () => {
  const tempDir = useTempDirs();

  it.runIf(fs.existsSync('/proc/self/fd'))('flushes a real folder and closes what it opened', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a'), 'x');
    const before = openFds();
    for (let i = 0; i < 50; i++) flushDirectory(dir);
    expect(openFds()).toBe(before);
  });

  it('is best effort: a folder that is gone is no error, since the write it follows already happened', () => {
    const dir = path.join(tempDir(), 'gone');
    expect(() => flushDirectory(dir)).not.toThrow();
  });
});
