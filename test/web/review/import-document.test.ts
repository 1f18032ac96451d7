import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { getFormat, layoutParsed } from '../../../src/formats/index.ts';
import { parseText } from '../../../src/formats/text.ts';
import { segment, splitSentences } from '../../../src/text/segment.ts';
import type { Span } from '../../../src/types.ts';
import { prepareImport, prepareImportInWorkers, sentenceSpans, storeImport } from '../../../src/web/review/import-document.ts';
import { createApp } from '../../../src/web/app.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import type { NewDocument } from '../../../src/web/store/review-store.ts';

// Issue #15: the import cut every segment into sentences a second time after the
// check had cut the whole text (1.6 s of a 915k-word import). It now takes the
// check's sentences where the segment is one line of the text the check saw; the
// spans must be those of the second cut, which this test keeps as the reference.
const checker = createChecker();
const sample = readFileSync(new URL('../../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');

function cutAgain(layout: { text: string; segments: readonly Span[] }): Span[][] {
  return layout.segments.map((s) => {
    const cut = layout.text.slice(s.start, s.end).trim() === '' ? [] : splitSentences(layout.text, s.start, s.end).map(([start, end]) => ({ start, end }));
    if (cut.length === 0) return [{ start: s.start, end: s.end }];
    cut[0].start = s.start;
    cut[cut.length - 1].end = s.end;
    return cut;
  });
}

const texts: Record<string, string> = {
  sample,
  'CRLF, blank and space-only lines, leading spaces': '  Il a dit. Puis il est parti !\r\n\r\n   \r\nM. Dupont a 3,5 % des voix… Non ?\r\n« Oui. » Fin',
  'decomposed accents (the check sees NFC)': 'Le ministe\u0301re a re\u0301pondu. Il a\u0300 dit non.\nDeuxie\u0300me ligne. Oui.\n',
  'no final line break, one-sentence lines': 'Un.\nDeux.\nTrois',
};

describe('the sentences of an import', () => {
  it.each(Object.keys(texts))('are the check’s own where they can be, and those of a second cut (%s)', (name) => {
    const text = texts[name];
    const parsed = { format: 'text', ...parseText(text) };
    const layout = layoutParsed(getFormat('text'), parsed);
    const reference = cutAgain(layout);
    expect(sentenceSpans(layout, checker.check(layout.text).segmented)).toEqual(reference);
    expect(sentenceSpans(layout, segment(layout.text, { keepWords: false }))).toEqual(reference);
  });

  it('takes the sentences the check cut, not a cut of its own, when the segment is one line of the checked text', () => {
    const layout = { text: 'Un. Deux.\nTrois. Quatre.', segments: [{ start: 0, end: 9 }, { start: 10, end: 24 }] };
    // A check that cut the second line in three: the import follows it.
    const segmented = {
      text: layout.text,
      paragraphs: [{ index: 0, line: 1, start: 0, end: 9 }, { index: 1, line: 2, start: 10, end: 24 }],
      sentences: [
        { index: 0, paragraph: 0, start: 0, end: 9, words: [] },
        { index: 1, paragraph: 1, start: 10, end: 13, words: [] },
        { index: 2, paragraph: 1, start: 13, end: 17, words: [] },
        { index: 3, paragraph: 1, start: 17, end: 24, words: [] },
      ],
    };
    expect(sentenceSpans(layout, segmented)).toEqual([[{ start: 0, end: 9 }], [{ start: 10, end: 13 }, { start: 13, end: 17 }, { start: 17, end: 24 }]]);
  });

  it('cuts again a segment that is not one line of the checked text (a target holding a line break)', () => {
    const layout = { text: 'Première phrase.\nSeconde. Troisième.', segments: [{ start: 0, end: 37 }] };
    const spans = sentenceSpans(layout, segment(layout.text, { keepWords: false }));
    expect(spans).toEqual(cutAgain(layout));
    expect(spans[0].length).toBe(3);
  });

  it('gives the same document in worker threads and in this thread', async () => {
    const text = Array.from({ length: 4 }, () => sample).join('\n');
    const input = { title: 't', sourceName: 't.txt', text, corrections: [] };
    const here = prepareImport(checker, input);
    const checkAsync = checker.checkAsync.bind(checker);
    const inWorkers = await prepareImportInWorkers({ ...checker, checkAsync: (t, o) => checkAsync(t, { ...o, workers: 2, minChars: 0 }) }, input);
    expect(inWorkers).toEqual(here);
    expect(here.segments.flatMap((s) => s.sentences).length).toBeGreaterThan(100);
  }, 120_000);

  // Issue #15: the app's imports borrow the service's kept check worker, warmed on
  // the rule pack's examples after the server listens, instead of a cold one each.
  it('gives the same document through the app\'s kept, warmed worker, import after import, and the app\'s stop ends it', async () => {
    const store = openSqliteStore(':memory:');
    const app = createApp({ store, checker });
    const { service } = app.locals;
    try {
      await service.checkWorkers.warm();
      expect(service.checkWorkers.threads).toBe(service.checkWorkers.size);
      const checkAsync = checker.checkAsync.bind(checker);
      const inWorkers = { ...checker, checkAsync: (t: string, o?: Parameters<typeof checkAsync>[1]) => checkAsync(t, { ...o, workers: 2, minChars: 0, partChars: 3_000 }) };
      for (const copies of [4, 3]) {
        const input = { title: 't', sourceName: 't.txt', text: Array.from({ length: copies }, () => sample).join('\n'), corrections: [] };
        const lends = service.checkWorkers.lends;
        expect(await prepareImportInWorkers(inWorkers, input, service.checkWorkers)).toEqual(prepareImport(checker, input));
        expect(service.checkWorkers.lends).toBe(lends + 1);
      }
      // What each stores: the same findings as a one-thread import's.
      const input = { title: 't', sourceName: 't.txt', text: Array.from({ length: 4 }, () => sample).join('\n'), corrections: [] };
      const stored = async (document: NewDocument) => {
        const id = await store.documents.createDocument(document);
        const sentences = await store.documents.allSentences(id);
        const findings = await store.findings.activeFindings(sentences.map((sentence) => sentence.id));
        // Each sentence's findings by its place in the document, without the rows' own ids and dates.
        return sentences.map((sentence) => (findings.get(sentence.id) ?? []).map(({ id: _, documentId: __, sentenceId: ___, createdAt: ____, ...finding }) => finding));
      };
      const here = await stored(prepareImport(checker, input));
      expect(here.flat().length).toBeGreaterThan(100);
      expect(await stored(await prepareImportInWorkers(inWorkers, input, service.checkWorkers))).toEqual(here);
    } finally {
      await service.stop();
      await store.close();
    }
    expect(service.checkWorkers.threads).toBe(0);
  }, 120_000);

  // Issue #15: the import stores each stretch of segments as soon as the check has
  // finished it, in one transaction, while the workers check the rest.
  describe('stored stretch by stretch', () => {
    const checkAsync = checker.checkAsync.bind(checker);
    // Many small parts: many stretches, each stored before the next is merged.
    const inStretches = (onStretch?: (n: number) => void) => ({
      ...checker,
      checkAsync: (t: string, o?: Parameters<typeof checkAsync>[1]) => {
        let n = 0;
        return checkAsync(t, { ...o, workers: 2, minChars: 0, partChars: 2_000, onChecked: async (stretch) => {
          await o?.onChecked?.(stretch);
          onStretch?.(++n);
        } });
      },
    });
    const text = Array.from({ length: 5 }, () => sample).join('\n');
    const input = { title: 't', sourceName: 't.txt', text, corrections: [] };
    const contents = async (store: ReturnType<typeof openSqliteStore>, id: number) => {
      const sentences = await store.documents.allSentences(id);
      const findings = await store.findings.activeFindings(sentences.map((sentence) => sentence.id));
      return {
        document: { ...(await store.documents.getDocument(id)), id: 0, createdAt: '' },
        segments: (await store.documents.segments(id)).map(({ id: _, documentId: __, ...segment }) => segment),
        sentences: sentences.map(({ id: _, documentId: __, segmentId: ___, updatedAt: ____, ...sentence }) => sentence),
        findings: sentences.map((sentence) => (findings.get(sentence.id) ?? []).map(({ id: _, documentId: __, sentenceId: ___, createdAt: ____, ...finding }) => finding)),
        totals: await store.documents.totals(id),
      };
    };

    it('stores what a one-thread import stores', async () => {
      const store = openSqliteStore(':memory:');
      try {
        let stretches = 0;
        const id = await storeImport(inStretches((n) => (stretches = n)), store, input, { grammar: false, createdBy: null });
        expect(stretches).toBeGreaterThan(5);
        const reference = await store.documents.createDocument({ ...prepareImport(checker, input), grammar: false, createdBy: null });
        const stored = await contents(store, id!);
        expect(stored.findings.flat().length).toBeGreaterThan(100);
        expect(stored).toEqual(await contents(store, reference));
      } finally {
        await store.close();
      }
    }, 120_000);

    it('leaves no document when the check fails after some stretches were stored, and keeps the earlier documents', async () => {
      const store = openSqliteStore(':memory:');
      try {
        const earlier = await store.documents.createDocument({ ...prepareImport(checker, input), grammar: false, createdBy: null });
        const before = await contents(store, earlier);
        const failing = inStretches((n) => {
          if (n === 3) throw new Error('the check failed in its third stretch');
        });
        await expect(storeImport(failing, store, input, { grammar: false, createdBy: null })).rejects.toThrow('third stretch');
        expect((await store.documents.listDocuments()).map((d) => d.id)).toEqual([earlier]);
        const rows = (table: string) => (store as unknown as { database: { prepare: (q: string) => { get: () => { n: number } } } }).database.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get().n;
        expect(rows('segments')).toBe(before.segments.length);
        expect(rows('sentences')).toBe(before.sentences.length);
        expect(await contents(store, earlier)).toEqual(before);
        // The store still takes the next import.
        expect(await storeImport(inStretches(), store, input, { grammar: false, createdBy: null })).toBeGreaterThan(earlier);
      } finally {
        await store.close();
      }
    }, 120_000);

    it('stores nothing for a document without a sentence', async () => {
      const store = openSqliteStore(':memory:');
      try {
        expect(await storeImport(checker, store, { title: 't', sourceName: 't.txt', text: '', corrections: [] }, { grammar: false })).toBeUndefined();
        expect(await store.documents.countDocuments()).toBe(0);
      } finally {
        await store.close();
      }
    });

    it('writes a document in stretches only inside a transaction', async () => {
      const store = openSqliteStore(':memory:');
      try {
        await expect(store.documents.startDocument({ ...prepareImport(checker, input), grammar: false })).rejects.toThrow('inside withTransaction');
        expect(await store.documents.countDocuments()).toBe(0);
      } finally {
        await store.close();
      }
    });
  });
});
