import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cachedSortedList, createWordSet, createWordSetFromSorted, loadWordSet, MAX_SUGGESTION_LENGTH, rememberedHash, type SuggestionBudget } from '../../src/dictionaries/word-set.ts';

describe('createWordSet', () => {
  it.each(['hash', 'sorted'] as const)('follows Hunspell case rules with a %s lookup', (lookup) => {
    const words = createWordSet('fr', ['Paris', 'chat', 'équipe', 'il'].sort(), lookup);
    expect(['Paris', 'PARIS', 'chat', 'Chat', 'CHAT'].map(words.knows)).toEqual([true, true, true, true, true]);
    expect(['paris', 'cHat', 'chien'].map(words.knows)).toEqual([false, false, false]);
  });

  it('strips French elisions and checks the parts of hyphenated words', () => {
    const words = createWordSet('fr', ['équipe', 'OTAN', 'dit', 'a', 'vice', 'président']);
    expect(["l'équipe", 'l’OTAN', "qu'équipe", 'dit-il', 'a-t-il', 'vice-président'].map(words.knows)).toEqual([true, true, true, true, true, true]);
    expect(["l'équipes", 'dit-xyz'].map(words.knows)).toEqual([false, false]);
  });
});

describe('createWordSetFromSorted (the compact form the cache file is read into)', () => {
  it('answers as a hash set does, before and after it builds one', () => {
    const forms = ['Paris', 'a', 'chat', 'chats', 'zèbre', 'équipe', 'été', 'œuvre', '𝒜x'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const probes = [...forms, '', 'b', 'chat ', 'Chat', 'zz', 'éte', 'étés', '\n', 'œuvres', '𝒜'];
    const reference = new Set(forms);
    // hashAfter 5: the first probes go through the binary search, the rest through the set.
    const compact = createWordSetFromSorted('fr', Buffer.from(forms.join('\n')), undefined, 5);
    expect(probes.map((p) => compact.hasForm(p))).toEqual(probes.map((p) => reference.has(p)));
    expect(compact.size).toBe(forms.length);
    expect(createWordSetFromSorted('fr', Buffer.alloc(0)).hasForm('a')).toBe(false);
  });
});

describe('a sorted list in the cache folder (cachedSortedList, and the dictionaries the same way)', () => {
  it('answers from its files on disk (positional reads), then read whole, as a set does', () => {
    const folder = mkdtempSync(join(tmpdir(), 'relecture-sorted-'));
    vi.stubEnv('RELECTURE_CACHE_DIR', folder);
    try {
      const forms = Array.from({ length: 3000 }, (_, k) => `forme${k}${'é𝒜'.repeat(k % 3)}`).concat(['a', 'Zèbre', 'œuvre', 'x'.repeat(600)]);
      const reference = new Set(forms);
      const built = cachedSortedList('list-1-test.txt', () => forms); // made and written
      const onDisk = cachedSortedList('list-1-test.txt', () => expect.unreachable('the list is in the cache folder'));
      // Past 64 look-ups it is read whole; 400 more go to the binary search in memory, the rest to a hash table.
      const probes = forms.filter((_, k) => k % 5 === 0).flatMap((form) => [form, `${form}s`, form.slice(0, -1)]).concat(['', 'b', 'zz', '\n', 'x'.repeat(601)]);
      expect(probes.length).toBeGreaterThan(1000);
      expect(probes.map((p) => onDisk.hasForm(p))).toEqual(probes.map((p) => reference.has(p)));
      expect(probes.map((p) => built.hasForm(p))).toEqual(probes.map((p) => reference.has(p)));
      expect(onDisk.size).toBe(forms.length);
      // A torn index (cut short) is not trusted: made again from the list.
      const index = join(folder, 'list-1-test.idx');
      const good = readFileSync(index);
      writeFileSync(index, good.subarray(0, good.length - 8));
      const rebuilt = cachedSortedList('list-1-test.txt', () => expect.unreachable('the list is in the cache folder'));
      expect(probes.slice(0, 100).map((p) => rebuilt.hasForm(p))).toEqual(probes.slice(0, 100).map((p) => reference.has(p)));
      expect(readFileSync(index).equals(good)).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(['list-1-test.idx', 'list-1-test.txt']);
    } finally {
      vi.unstubAllEnvs();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('rememberedHash (what names the caches of package files: dictionaries, name lists, ranks)', () => {
  it('hashes the files once per stamp (package version and sizes), and at each call where there is no stamp', () => {
    const folder = mkdtempSync(join(tmpdir(), 'relecture-key-'));
    vi.stubEnv('RELECTURE_CACHE_DIR', folder);
    try {
      const hash = vi.fn(() => '0123456789abcdef');
      expect(rememberedHash('test-1.key', '1.0.0:100', hash)).toBe('0123456789abcdef');
      expect(rememberedHash('test-1.key', '1.0.0:100', hash)).toBe('0123456789abcdef');
      expect(hash).toHaveBeenCalledTimes(1);
      const other = vi.fn(() => 'fedcba9876543210');
      expect(rememberedHash('test-1.key', '1.0.1:100', other)).toBe('fedcba9876543210'); // another version: hashed again
      expect(rememberedHash('test-1.key', '1.0.1:100', other)).toBe('fedcba9876543210');
      expect(other).toHaveBeenCalledTimes(1);
      writeFileSync(join(folder, 'test-1.key'), '{"stamp":"1.0.1:100","hash":"not hex"}'); // a damaged key file is not trusted
      expect(rememberedHash('test-1.key', '1.0.1:100', other)).toBe('fedcba9876543210');
      expect(other).toHaveBeenCalledTimes(2);
      expect(rememberedHash('test-1.key', undefined, hash)).toBe('0123456789abcdef');
      expect(rememberedHash('test-1.key', undefined, hash)).toBe('0123456789abcdef');
      expect(hash).toHaveBeenCalledTimes(3);
    } finally {
      vi.unstubAllEnvs();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a dictionary opened on disk (loadWordSet)', () => {
  it('builds its hash table after it was read whole, when the table file is missing (regression: the table read the closed files, EBADF)', async () => {
    const shared = loadWordSet('fr');
    const folder = mkdtempSync(join(tmpdir(), 'relecture-words-'));
    const sharedFolder = (await import('../../src/dictionaries/word-set.ts')).cacheDirectory();
    for (const name of readdirSync(sharedFolder)) {
      if (/^words-fr-\d+(?:-[0-9a-f]+\.(?:txt|idx)|\.key)$/.test(name)) writeFileSync(join(folder, name), readFileSync(join(sharedFolder, name)));
    }
    vi.stubEnv('RELECTURE_CACHE_DIR', folder);
    vi.resetModules();
    try {
      const fresh = (await import('../../src/dictionaries/word-set.ts')).loadWordSet('fr');
      const words = ['ministre', 'Ukrainiens', 'négociations', 'chat', 'xqzt', 'ouvertment'];
      // 64 look-ups on disk, then read whole, then past 400 the table: built, since there is no file of it.
      const probes = Array.from({ length: 600 }, (_, k) => `${words[k % words.length]}${k % 7 === 0 ? '' : 's'.repeat(k % 3)}`);
      expect(probes.map((p) => fresh.hasForm(p))).toEqual(probes.map((p) => shared.hasForm(p)));
      expect(fresh.suggest('ministere')).toEqual(shared.suggest('ministere'));
      expect(readdirSync(folder).some((name) => name.endsWith('.hash'))).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the French dictionary', () => {
  const french = loadWordSet('fr');

  it('knows inflected forms and proper nouns of the Hunspell dictionary', () => {
    expect(['Ukrainiens', 'négociations', 'aujourd’hui', "jusqu'à", 'Bruxelles', 'OTAN'].every(french.knows)).toBe(true);
    expect(['Ucraians', 'Routte', 'ouvertment'].some(french.knows)).toBe(false);
  });

  it('suggests accent fixes first, then one-edit words, in the case of the word', () => {
    expect(french.suggest('ministere')[0]).toBe('ministère');
    expect(french.suggest('recu')[0]).toBe('reçu');
    expect(french.suggest('ouvertment')).toContain('ouvertement');
    expect(french.suggest('Ministere')[0]).toBe('Ministère');
  });
});

/** A word set over a sorted list that counts how often the list is read: the work of a look-up, measured without a clock. */
function countingWordSet(forms: string[]) {
  const reads = { count: 0 };
  const sorted = [...forms].sort();
  const list = new Proxy(sorted, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { words: createWordSet('fr', list, 'sorted'), reads };
}

describe('bounded suggestions (regression: one long word froze, then crashed, the server)', () => {
  // Bug: suggestions for a word of n letters built about n² candidate strings of
  // n letters: 800 letters took 20.8 s and 2.8 GB, 1,500 letters ran out of heap.
  it('gives a token past MAX_SUGGESTION_LENGTH letters no suggestion, without a single look-up', () => {
    const { words, reads } = countingWordSet(['chat', 'ministère']);
    const before = reads.count;
    expect(words.suggest('e'.repeat(MAX_SUGGESTION_LENGTH + 1))).toEqual([]);
    expect(words.suggest('a'.repeat(1500))).toEqual([]);
    expect(reads.count).toBe(before);
  });

  it('keeps the look-ups of a word at the longest length linear in it', () => {
    const { words, reads } = countingWordSet(['chat', 'ministère']);
    const cost = (word: string) => {
      const before = reads.count;
      words.suggest(word);
      return reads.count - before;
    };
    // Every e can take four accents: the variants of two accents are the quadratic part.
    const long = cost('e'.repeat(MAX_SUGGESTION_LENGTH));
    const half = cost('e'.repeat(MAX_SUGGESTION_LENGTH / 2));
    expect(long).toBeLessThan(60 * half);
    expect(long).toBeGreaterThan(0);
  });

  it('spends no more than its budget, and says when a word went without suggestions', () => {
    const { words } = countingWordSet(['chat']);
    const budget: SuggestionBudget = { remaining: 1000 };
    // An 11-letter word costs (11 + 1) × 90 look-ups: over the budget, nothing is tried.
    expect(words.suggest('chatchatcha', 5, budget)).toEqual([]);
    expect(budget).toEqual({ remaining: 1000, exhausted: true });
    const roomy: SuggestionBudget = { remaining: 10_000 };
    expect(words.suggest('chatt', 5, roomy)).toEqual(['chat']);
    expect(roomy.remaining).toBeLessThan(10_000);
    expect(roomy.exhausted).toBeFalsy();
  });
});

describe('the dictionary cache’s name, remembered under the package version (a start no longer hashes 3 MB of Hunspell files)', () => {
  it('writes the hash once, then takes the cache it names without reading the dictionary', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { cacheDirectory } = await import('../../src/dictionaries/word-set.ts');
    const real = cacheDirectory();
    const dir = mkdtempSync(join(tmpdir(), 'relecture-dict-'));
    try {
      loadWordSet('fr'); // the real caches exist
      const txt = readdirSync(real).find((name) => /^words-fr-3-[0-9a-f]{16}\.txt$/.test(name))!;
      const hash = txt.slice('words-fr-3-'.length, -4);
      copyFileSync(join(real, txt), join(dir, txt));
      vi.stubEnv('RELECTURE_CACHE_DIR', dir);
      vi.resetModules();
      const first = await import('../../src/dictionaries/word-set.ts');
      expect(first.loadWordSet('fr').knows('ministère')).toBe(true);
      const key = JSON.parse(readFileSync(join(dir, 'words-fr-3.key'), 'utf8')) as { stamp: string; hash: string };
      expect(key.hash).toBe(hash);
      // A remembered hash is trusted as it stands: here it names a list of two words.
      writeFileSync(join(dir, 'words-fr-3.key'), JSON.stringify({ stamp: key.stamp, hash: 'ffffffffffffffff' }));
      writeFileSync(join(dir, 'words-fr-3-ffffffffffffffff.txt'), 'chat\nzèbre');
      vi.resetModules();
      const second = await import('../../src/dictionaries/word-set.ts');
      const words = second.loadWordSet('fr');
      expect([words.knows('chat'), words.knows('zèbre'), words.knows('ministère')]).toEqual([true, true, false]);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('verdicts kept by word', () => {
  it('looks a word up once, however often it is asked about, with the same answer', () => {
    const { words, reads } = countingWordSet(['chat', 'équipe', 'il']);
    expect([words.knows('Chat'), words.knows('chien'), words.knows('l’équipe')]).toEqual([true, false, true]);
    const after = reads.count;
    expect([words.knows('Chat'), words.knows('chien'), words.knows('l’équipe')]).toEqual([true, false, true]);
    expect(reads.count).toBe(after);
  });
});
