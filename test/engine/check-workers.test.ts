import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { CheckWorkers } from '../../src/engine/check-workers.ts';
import { parseCorrections } from '../../src/corrections/parse-corrections.ts';

// Issue #15: the review app's imports borrow check workers kept from one import
// to the next (a worker started per import compiled the rule pack again, cold).
// A kept worker serves checks with other corrections and other known words: each
// check must still give the single-thread result, and none of a check's own
// words may leak into the next.
const checker = createChecker();
const read = (name: string) => readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');
const sample = read('otan-rutte.mt.fr.txt');
const { corrections } = parseCorrections(read('otan-rutte.corrections.tsv'), 'otan-rutte.corrections.tsv');
// Long enough for the worker to take parts while this thread does its document-wide rules.
// Its last line holds a word the spelling rule flags once (a name repeated in every copy is not flagged).
const text = [...Array.from({ length: 6 }, () => sample), 'Le ministre Zolbrak a parlé.'].join('\n').normalize('NFC');
const parallel = { workers: 2, minChars: 0, partChars: 2_000 };

let pools: CheckWorkers[] = [];
const pool = (size = 1) => {
  const made = new CheckWorkers(checker.workerOptions, size);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.map((made) => made.close()));
  pools = [];
});

describe('check workers kept between checks', () => {
  it('gives the single-thread result through the same worker, check after check, with other corrections and known words', async () => {
    // Two workers and no part in this thread (mainPartsMaxChars 0): the kept workers check every part, the last line's too.
    const workers = pool(2);
    const single = checker.check(text, { corrections });
    // A word of the text the spelling rule flags, known to the second check only.
    const flagged = single.findings.find((f) => f.ruleId === 'spelling/fr' && f.text === 'Zolbrak');
    expect(flagged).toBeDefined();
    const knownWords = [flagged!.text];
    const withWord = checker.check(text, { knownWords });
    expect(withWord.findings.length).toBeLessThan(single.findings.length);
    const plain = checker.check(text);
    for (const [options, expected] of [[{ corrections }, single], [{ knownWords }, withWord], [{}, plain], [{ corrections }, single]] as const) {
      const timings: Record<string, number> = {};
      const result = await checker.checkAsync(text, { ...options, ...parallel, mainPartsMaxChars: 0, pool: workers, timings });
      expect(timings['workers kept']).toBe(1);
      expect(timings['workers: parts checked']).toBe(timings.parts);
      expect(result.findings).toEqual(expected.findings);
      expect(result.failures).toEqual(expected.failures);
      expect(result.words).toBe(expected.words);
      expect(workers.threads).toBe(2);
    }
    expect(workers.lends).toBe(4);
  }, 120_000);

  it('warms its worker on the rule pack\'s examples, then checks with it', async () => {
    const workers = pool();
    await workers.warm();
    expect(workers.threads).toBe(1);
    const timings: Record<string, number> = {};
    const result = await checker.checkAsync(text, { corrections, ...parallel, pool: workers, timings });
    expect(timings['workers kept']).toBe(1);
    expect(result.findings).toEqual(checker.check(text, { corrections }).findings);
  }, 120_000);

  it('stops a warm-up in progress when a check is lent its worker, with the same result (a first import right after listen waited for it)', async () => {
    const workers = pool();
    // The check's start reaches the worker while it is still loading its rule pack: the warm-up stops after its first chunk.
    const warming = workers.warm();
    const timings: Record<string, number> = {};
    const result = await checker.checkAsync(text, { corrections, ...parallel, mainPartsMaxChars: 0, pool: workers, timings });
    await warming;
    expect(timings['workers kept']).toBe(1);
    expect(timings['workers: parts checked']).toBe(timings.parts);
    expect(result.findings).toEqual(checker.check(text, { corrections }).findings);
    expect(workers.warmUps).toHaveLength(1);
    expect(workers.warmUps[0].of).toBeGreaterThan(4);
    expect(workers.warmUps[0].chunks).toBeLessThan(workers.warmUps[0].of);
  }, 120_000);

  it('checks every chunk of the examples when no check comes', async () => {
    const workers = pool();
    await workers.warm();
    expect(workers.warmUps).toHaveLength(1);
    expect(workers.warmUps[0].chunks).toBe(workers.warmUps[0].of);
  }, 120_000);

  it('lends its workers to one check at a time: a check meanwhile starts its own, with the same result', async () => {
    const workers = pool();
    const timings = [{}, {}] as Array<Record<string, number>>;
    const [first, second] = await Promise.all(timings.map((t) => checker.checkAsync(text, { corrections, ...parallel, pool: workers, timings: t })));
    expect(timings.map((t) => t['workers kept'])).toEqual([1, 0]);
    const single = checker.check(text, { corrections });
    expect(first.findings).toEqual(single.findings);
    expect(second.findings).toEqual(single.findings);
    expect(workers.threads).toBe(1);
  }, 120_000);

  it('leaves no thread once closed, and a check after it starts its own workers', async () => {
    const workers = pool();
    await workers.warm();
    await workers.close();
    expect(workers.threads).toBe(0);
    const timings: Record<string, number> = {};
    const result = await checker.checkAsync(text, { ...parallel, pool: workers, timings });
    expect(timings['workers kept']).toBe(0);
    expect(result.findings).toEqual(checker.check(text).findings);
    expect(workers.threads).toBe(0);
  }, 120_000);

  it('is not lent to a check of another checker (other rules)', async () => {
    const workers = pool();
    const other = createChecker({ disable: ['spelling'] });
    const timings: Record<string, number> = {};
    const result = await other.checkAsync(text, { ...parallel, pool: workers, timings });
    expect(timings['workers kept']).toBe(0);
    expect(result.findings).toEqual(other.check(text).findings);
  }, 120_000);
});
