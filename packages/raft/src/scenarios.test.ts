/// <reference types="node" />
/**
 * Runs every script in ../testdata (see testing/scenario.ts for the format) and
 * compares its output with the expected text beside each command. REWRITE=1
 * rewrites the expected outputs from the actual ones.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from './testing/scenario';

const dir = join(import.meta.dirname, '..', 'testdata');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('scenarios', () => {
  it.each(files)('%s', (file) => {
    const path = join(dir, file);
    const expected = readFileSync(path, 'utf8');
    const actual = runScript(expected);
    if (process.env.REWRITE) writeFileSync(path, actual);
    else expect(actual).toBe(expected);
  });
});
