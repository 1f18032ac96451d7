import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { DeferredRechecks, RequestGauge } from '../../../src/web/review/deferred-rechecks.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { checker } from '../helpers/test-app.ts';

const key = (f: { ruleId: string; start: number; length: number; text: string; suggestions: string[] }) => `${f.ruleId} ${f.start}+${f.length} «${f.text}» → ${JSON.stringify(f.suggestions)}`;

/**
 * Issue #15: the re-check of other segments a change moves (a name's variants,
 * linked neighbours) was done before the change was answered; 16 editors'
 * accepts then queued behind each other's ripples. It now runs after the answer,
 * merged across changes, and `settled()` says when findings are a fresh check's.
 */
describe('the re-checks a change leaves for after its answer (issue #15)', () => {
  // « Rutkowski » is the reference (first and most used); « Rutkowsky » in each of the three last paragraphs is its variant.
  const TEXT = ['Le ministre Rutkowski parle.', 'Rutkowski répond aux questions.', 'Le pays attend Rutkowsky.', 'La presse suit Rutkowsky.', 'On cite Rutkowsky.'].join('\n') + '\n';

  async function setUp() {
    const store = openSqliteStore(':memory:');
    const service = new ReviewService(store, checker());
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text: TEXT, corrections: [] }));
    return { store, service, id };
  }

  async function variantFindings(store: Awaited<ReturnType<typeof setUp>>['store'], id: number) {
    const out: string[] = [];
    for (const sentence of await store.documents.allSentences(id)) for (const f of await store.findings.activeFindingsFrom(sentence.id, 'relecture')) if (f.ruleId.startsWith('names/')) out.push(`${sentence.idx} ${key(f)} ${f.message}`);
    return out;
  }

  it('answers an edit before the sentences elsewhere are re-checked, and settles on the findings of a fresh check', async () => {
    const { store, service, id } = await setUp();
    const before = await variantFindings(store, id);
    expect(before.filter((line) => line.includes('«Rutkowsky»'))).toHaveLength(3);
    // Two more « Rutkowsky »: now the more used form, the reference flips to it.
    for (const idx of [0, 1]) {
      const sentence = (await store.documents.getSentence(id, idx))!;
      await service.edit(sentence, sentence.currentText.replace('Rutkowski', 'Rutkowsky'), sentence.version);
    }
    // Answered: the untouched paragraphs still say what they said (their re-check is queued, not run).
    const answered = await variantFindings(store, id);
    expect(answered.filter((line) => /^[234] /.test(line))).toEqual(before.filter((line) => /^[234] /.test(line)));
    await service.settled();
    const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: TEXT.replace(/Rutkowski/g, 'Rutkowsky'), corrections: [] });
    const stored = [];
    for (const sentence of await store.documents.allSentences(id)) stored.push((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map(key).sort());
    expect(stored).toEqual(fresh.segments.flatMap((segment) => segment.sentences.map((s) => s.findings.map(key).sort())));
    expect((await variantFindings(store, id)).filter((line) => line.includes('Rutkowsk'))).toEqual([]);
    await store.close();
  });

  it('re-checks a segment that several changes ask for once, after the last of them', async () => {
    const { store, service, id } = await setUp();
    const runs: string[] = [];
    const check = service.checker.check.bind(service.checker);
    vi.spyOn(service.checker, 'check').mockImplementation((text, options) => (runs.push(text), check(text, options)));
    // Two edits answered one after the other, before the queue gets a turn: each moves the counts of the whole family.
    for (const idx of [0, 1]) {
      const sentence = (await store.documents.getSentence(id, idx))!;
      await service.edit(sentence, sentence.currentText.replace('Rutkowski', 'Rutkowsky'), sentence.version);
    }
    await service.settled();
    // Paragraphs 3–5 were asked for by both edits: one run each. (Each edited paragraph: its own run, and the other edit's ripple.)
    for (const text of ['Le pays attend Rutkowsky.', 'La presse suit Rutkowsky.', 'On cite Rutkowsky.']) expect(runs.filter((run) => run === text), text).toHaveLength(1);
    await store.close();
  });
});

/**
 * Issue #15: a change to a name re-checked every paragraph of every form of its
 * family (one edit apart), though the name-variants findings of most could not
 * move: accepting « Ciboto » → « Cibot » on the corpus re-checked the 368
 * paragraphs of « Cibot », the reference, which has no finding. Now only the
 * forms whose reference, or whose counts in the finding, moved are.
 */
describe('the re-check of a name family after a change', () => {
  // The checker is shared: each test spies on its own run of it.
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());
  const TEXT = ['Le ministre Rutkowski parle.', 'Rutkowski répond aux questions.', 'La presse suit Rutkowski.', 'On cite Rutkowski.', 'Le pays attend Rutkowsky.', 'Un autre sujet ici.'].join('\n') + '\n';

  it('leaves the reference’s paragraphs alone when its variant is corrected to it, and settles on a fresh check', async () => {
    const store = openSqliteStore(':memory:');
    const service = new ReviewService(store, checker());
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text: TEXT, corrections: [] }));
    // A first change builds the document's index (the references before a change are known from then on).
    const other = (await store.documents.getSentence(id, 5))!;
    await service.edit(other, 'Un autre sujet là.', other.version);
    await service.settled();
    const runs: string[] = [];
    const check = service.checker.check.bind(service.checker);
    vi.spyOn(service.checker, 'check').mockImplementation((text, options) => (runs.push(text), check(text, options)));
    const variant = (await store.documents.getSentence(id, 4))!;
    expect((await store.findings.activeFindingsFrom(variant.id, 'relecture')).map((f) => f.ruleId)).toContain('names/variants');
    await service.edit(variant, 'Le pays attend Rutkowski.', variant.version);
    await service.settled();
    // Its own paragraph only: « Rutkowski » has no finding before or after, and no variant is left to name its count.
    expect(runs).toEqual(['Le pays attend Rutkowski.']);
    const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: TEXT.replace('Rutkowsky', 'Rutkowski').replace('sujet ici', 'sujet là'), corrections: [] });
    const stored = [];
    for (const sentence of await store.documents.allSentences(id)) stored.push((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map(key).sort());
    expect(stored).toEqual(fresh.segments.flatMap((segment) => segment.sentences.map((s) => s.findings.map(key).sort())));
    await store.close();
  });

  it('re-checks the variants whose finding names a count that moved', async () => {
    const store = openSqliteStore(':memory:');
    const service = new ReviewService(store, checker());
    const text = TEXT.replace('Un autre sujet ici.', 'On attend Rutkowsky.');
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections: [] }));
    const first = (await store.documents.getSentence(id, 0))!;
    await service.edit(first, 'Le ministre Rutkowski parle enfin.', first.version);
    await service.settled();
    const runs: string[] = [];
    const check = service.checker.check.bind(service.checker);
    vi.spyOn(service.checker, 'check').mockImplementation((text, options) => (runs.push(text), check(text, options)));
    // One « Rutkowsky » corrected: the other's finding now counts one more « Rutkowski » and one less of itself.
    const variant = (await store.documents.getSentence(id, 4))!;
    await service.edit(variant, 'Le pays attend Rutkowski.', variant.version);
    await service.settled();
    expect(runs.sort()).toEqual(['Le pays attend Rutkowski.', 'On attend Rutkowsky.']);
    const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: text.replace('Le pays attend Rutkowsky', 'Le pays attend Rutkowski').replace('parle.', 'parle enfin.'), corrections: [] });
    const stored = [];
    for (const sentence of await store.documents.allSentences(id)) stored.push((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map((f) => `${key(f)} ${f.message}`).sort());
    expect(stored).toEqual(fresh.segments.flatMap((segment) => segment.sentences.map((s) => s.findings.map((f) => `${key(f)} ${f.message}`).sort())));
    await store.close();
  });
});

describe('DeferredRechecks', () => {
  it('merges what changes ask for (a segment both linked and rippled is checked in full) and runs a segment queued again during its step', async () => {
    const steps: Array<[number, boolean]> = [];
    let again = true;
    const queue: DeferredRechecks = new DeferredRechecks(async (_documentId, pending) => {
      const [segment, linked] = pending.entries().next().value!;
      pending.delete(segment);
      steps.push([segment, linked]);
      // A change committed during the step asks for the same segment: it is re-checked once more, after.
      if (segment === 1 && again) {
        again = false;
        queue.add(7, new Map([[1, true]]));
      }
    }, () => true);
    queue.add(7, new Map([[1, true], [2, true]]));
    queue.add(7, new Map([[2, false], [3, true]]));
    expect(queue.waiting(7)).toBe(3);
    await queue.settled();
    expect(steps).toEqual([[1, true], [2, false], [3, true], [1, true]]);
    expect(queue.busy).toBe(false);
  });

  it('waits for a moment without requests, but never longer than its bound', async () => {
    const gauge = new RequestGauge();
    const ran: number[] = [];
    const queue = new DeferredRechecks(async (_documentId, pending) => {
      ran.push(pending.keys().next().value!);
      pending.clear();
    }, () => true, gauge, 60_000);
    gauge.enter();
    queue.add(1, new Map([[5, false]]));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toEqual([]);
    gauge.leave();
    await queue.settled();
    expect(ran).toEqual([5]);

    const bounded = new DeferredRechecks(async (_documentId, pending) => {
      ran.push(pending.keys().next().value!);
      pending.clear();
    }, () => true, gauge, 20);
    gauge.enter(); // a request that never ends: the step still runs after 20 ms
    bounded.add(1, new Map([[6, false]]));
    await bounded.settled();
    expect(ran).toEqual([5, 6]);
    gauge.leave();
  });

  it('flushes one document at once, without waiting for a quiet moment, for an export (the other documents keep theirs)', async () => {
    const gauge = new RequestGauge();
    const ran: Array<[number, number]> = [];
    // A bound no test waits for: only `flush` can make the steps run while a request is open.
    const queue = new DeferredRechecks(async (documentId, pending) => {
      const segment = pending.keys().next().value!;
      pending.delete(segment);
      ran.push([documentId, segment]);
    }, () => true, gauge, 600_000);
    gauge.enter(); // the export's own request
    queue.add(1, new Map([[5, false]]));
    queue.add(2, new Map([[8, false], [9, false]]));
    await queue.flush(2);
    expect(ran).toEqual([[2, 8], [2, 9]]);
    expect(queue.waiting(1)).toBe(1);
    gauge.leave();
    await queue.settled();
    expect(ran).toEqual([[2, 8], [2, 9], [1, 5]]);
  });

  it('drops what is queued once the store is closed', async () => {
    let open = true;
    const step = vi.fn(async (_documentId: number, pending: Map<number, boolean>) => void pending.clear());
    const queue = new DeferredRechecks(step, () => open);
    queue.add(1, new Map([[1, false]]));
    open = false;
    await queue.settled();
    expect(step).not.toHaveBeenCalled();
  });
});
