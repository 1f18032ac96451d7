import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isGrammalecteAvailable } from '../../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from '../../../src/grammalecte/grammalecte-process.ts';
import { GrammalecteEngine } from '../../../src/pipeline/grammalecte-engine.ts';
import type { CheckText, Engine, EngineResult } from '../../../src/pipeline/engine.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { GrammarPass } from '../../../src/web/review/grammar-pass.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { type ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore, type SqliteReviewStore } from '../../../src/web/store/sqlite-store.ts';
import { checker } from '../helpers/test-app.ts';
import { removeDir } from '../helpers/test-app.ts';
import { HANGING_CHILD } from '../../helpers/hanging-child.ts';

const available = isGrammalecteAvailable();

const TEXT = [
  "Routte a dit que l'Ouest est unie face à Moscou.",
  "Il a résumé la conversation qu'ils ont tenues hier avec les Ucraians.",
  'Le sommet a lieu à Bruxelles.',
  'Les alliés est prêts.',
].join('\n');

describe.skipIf(!available)('the grammar pass with the real Grammalecte', () => {
  const engine = new GrammalecteProcess();
  let dir: string;
  let store: SqliteReviewStore;
  let grammar: GrammarPass;
  let service: ReviewService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relecture-grammar-'));
    store = openSqliteStore(join(dir, 'review.db'));
    grammar = new GrammarPass(store, new GrammalecteEngine(engine));
    service = new ReviewService(store, checker(), grammar);
  });
  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });
  afterAll(() => engine.close());

  async function importDocument(text = TEXT, on = true): Promise<number> {
    const prepared = prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections: [{ from: 'Routte', to: 'Rutte' }] });
    return (await store.documents.createDocument({ ...prepared, grammar: on }));
  }

  const describeFindings = async (documentId: number) => {
    const lines: string[] = [];
    for (const s of await store.documents.allSentences(documentId)) {
      for (const f of (await store.findings.activeFindings([s.id])).get(s.id) ?? []) lines.push(`${s.idx + 1}:${f.start} «${f.text}» ${f.ruleId.startsWith('grammalecte:') ? 'grammalecte' : f.ruleId} → ${f.suggestions.join('|')}`);
    }
    return lines;
  };

  it('adds Grammalecte’s findings to every sentence of a document with grammar on, beside the rules’ findings', async () => {
    const id = (await importDocument());
    const builtin = (await describeFindings(id));
    expect((await store.documents.grammarPending(id))).toBe(4);
    await grammar.run();
    expect((await store.documents.grammarPending(id))).toBe(0);
    expect((await describeFindings(id))).toEqual([
      '1:0 «Routte» corrections/editor → Rutte',
      '1:29 «unie» grammalecte → uni',
      '2:39 «tenues» grammalecte → tenue',
      expect.stringMatching(/^2:60 «Ucraians» untranslated\//),
      '4:11 «est» grammalecte → sont',
      '4:15 «prêts» grammalecte → prêt',
    ]);
    expect((await describeFindings(id)).filter((line) => !line.includes('grammalecte'))).toEqual(builtin);
    // The cached counts that drive filters and progress include them.
    expect((await store.documents.getSentence(id, 3))!.openFindings).toBe(2);
    expect((await store.findings.openFindingCounts(id, 'category')).get('fluency/grammar')).toBe(4);
  });

  it('leaves documents with grammar off alone', async () => {
    const off = (await importDocument(TEXT, false));
    const request = vi.spyOn(engine, 'request');
    await grammar.run();
    expect(request).not.toHaveBeenCalled();
    request.mockRestore();
    expect((await describeFindings(off)).some((line) => line.includes('grammalecte'))).toBe(false);
  });

  it('sends a whole document in one request, and a long one in a few large ones', async () => {
    const id = (await importDocument());
    const request = vi.spyOn(engine, 'request');
    await grammar.run();
    expect(request).toHaveBeenCalledTimes(1);
    request.mockClear();

    const big = Array.from({ length: 60 }, (_, i) => `Les alliés est prêts pour le sommet numéro ${i + 1}.`).join('\n');
    const small = new GrammarPass(store, new GrammalecteEngine(engine), { batchChars: 1000 });
    const bigId = (await importDocument(big));
    await small.run();
    expect(request.mock.calls.length).toBeGreaterThan(1);
    expect(request.mock.calls.length).toBeLessThanOrEqual(Math.ceil(big.length / 1000) + 1);
    request.mockRestore();
    expect((await store.documents.grammarPending(bigId))).toBe(0);
    expect((await describeFindings(bigId)).filter((line) => line.includes('«est» grammalecte'))).toHaveLength(60);
    expect((await describeFindings(id))).toHaveLength(6);
  });

  it('keeps grammar findings through an accept elsewhere in the sentence, at their new place, then re-checks', async () => {
    const id = (await importDocument());
    await grammar.run();
    const sentence = (await store.documents.getSentence(id, 0))!;
    const routte = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.text === 'Routte')!;
    const unie = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.text === 'unie')!;
    (await service.accept(sentence, routte.id, 0, sentence.version));
    // Before Grammalecte answers: moved one place left with the shorter name, same row.
    const moved = (await store.findings.getFinding(unie.id))!;
    expect(moved).toMatchObject({ active: true, start: 28, text: 'unie' });
    expect((await store.documents.getSentence(id, 0))!.currentText.slice(28, 32)).toBe('unie');
    await grammar.settleSentence(sentence.id, 10_000);
    expect((await store.documents.getSentence(id, 0))!.grammarVersion).toBe((await store.documents.getSentence(id, 0))!.version);
    // Grammalecte saw it again: the same row, so a decision on it would still point at it.
    expect((await store.findings.activeFindings([sentence.id])).get(sentence.id)!.map((f) => [f.id, f.start, f.text])).toEqual([[unie.id, 28, 'unie']]);
  });

  it('drops a grammar finding when the editor fixes it, and finds the one a new edit brings', async () => {
    const id = (await importDocument());
    await grammar.run();
    const sentence = (await store.documents.getSentence(id, 3))!;
    const est = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.text === 'est')!;
    (await service.accept(sentence, est.id, 0, sentence.version));
    await grammar.settleSentence(sentence.id, 10_000);
    expect((await store.documents.getSentence(id, 3))!.currentText).toBe('Les alliés sont prêts.');
    expect((await describeFindings(id)).filter((line) => line.startsWith('4:'))).toEqual([]);
    expect((await store.documents.getSentence(id, 3))!.openFindings).toBe(0);

    const third = (await store.documents.getSentence(id, 2))!;
    (await service.edit(third, 'Les sommets est à Bruxelles.', third.version));
    await grammar.settleSentence(third.id, 10_000);
    expect((await describeFindings(id)).filter((line) => line.startsWith('3:'))).toEqual(['3:12 «est» grammalecte → sont']);
  });

  it('does not store findings for a text that changed while Grammalecte was checking it', async () => {
    const id = (await importDocument());
    const running = grammar.run();
    const sentence = (await store.documents.getSentence(id, 3))!;
    (await service.edit(sentence, 'Les alliés sont prêts.', sentence.version));
    await running;
    await grammar.run();
    expect((await describeFindings(id)).filter((line) => line.startsWith('4:'))).toEqual([]);
    expect((await store.documents.grammarPending(id))).toBe(0);
  });

  it('never adds a grammar finding on the span of a built-in one', async () => {
    // The built-in rules flag « Ucraians »; Grammalecte (with spelling on) would too.
    const spelling = new GrammalecteProcess({ spelling: true });
    try {
      const id = (await importDocument());
      await new GrammarPass(store, new GrammalecteEngine(spelling)).run();
      const lines = (await describeFindings(id));
      expect(lines.filter((line) => line.includes('«Ucraians»'))).toEqual([expect.stringMatching(/untranslated\//)]);
      expect(lines.filter((line) => line.includes('«Routte»'))).toEqual(['1:0 «Routte» corrections/editor → Rutte']);
    } finally {
      spelling.close();
    }
  });

  it('turning grammar off hides its findings and forgets what was checked; on again checks afresh', async () => {
    const id = (await importDocument());
    await grammar.run();
    (await store.settings.setGrammar(id, false));
    expect((await describeFindings(id)).some((line) => line.includes('grammalecte'))).toBe(false);
    expect((await store.documents.getSentence(id, 3))!.openFindings).toBe(0);
    expect((await grammar.status(id))).toEqual({ available: true, on: false, pending: 0, error: null });
    (await store.settings.setGrammar(id, true));
    expect((await grammar.status(id)).pending).toBe(4);
    await grammar.run();
    expect((await describeFindings(id)).filter((line) => line.includes('grammalecte'))).toHaveLength(4);
  });

  it('when Grammalecte is killed mid-pass: a clear error on the document, the rules’ findings intact, and a retry finishes the work', async () => {
    const big = Array.from({ length: 400 }, (_, i) => `Les alliés est prêts pour le sommet numéro ${i + 1}, a dit Routte.`).join('\n');
    const id = (await importDocument(big));
    const builtin = (await describeFindings(id));
    await engine.start();
    const pid = engine.pid!;
    const running = grammar.run();
    setTimeout(() => process.kill(pid, 'SIGKILL'), 50);
    await running;
    const status = (await grammar.status(id));
    expect(status.error).toMatch(/^Grammalecte was killed \(SIGKILL\) while checking; it will be restarted for the next check/);
    expect(status.pending).toBe(400);
    expect((await describeFindings(id))).toEqual(builtin);

    await grammar.run(); // the next change or the "Try again" button does this
    expect(engine.pid).not.toBe(pid);
    expect((await grammar.status(id))).toMatchObject({ error: null, pending: 0 });
    expect((await describeFindings(id)).filter((line) => line.includes('«est» grammalecte'))).toHaveLength(400);
  });

  it('ends quietly when the app closes its database while Grammalecte is checking', async () => {
    (await importDocument());
    const file = store.database.name;
    const errors = vi.spyOn(console, 'error');
    const running = grammar.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.close();
    await running;
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    store = openSqliteStore(file); // for afterEach
  });

  it('takes up what was left waiting when the app stopped', async () => {
    const id = (await importDocument());
    // No pass ran (the app stopped right after the import); a new app on the same database:
    const file = store.database.name;
    await store.close();
    store = openSqliteStore(file);
    const again = new GrammarPass(store, new GrammalecteEngine(engine));
    expect((await again.status(id)).pending).toBe(4);
    await again.run();
    expect((await again.status(id)).pending).toBe(0);
  });
});


describe('the grammar pass when Grammalecte hangs', () => {
  it('gives up after the timeout with a clear message on the document, the rules’ findings intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-grammar-'));
    const store = openSqliteStore(join(dir, 'review.db'));
    const hanging = new GrammalecteProcess({ command: process.execPath, args: HANGING_CHILD, timeoutMs: 300, timeoutPerThousandCharsMs: 0 });
    try {
      const prepared = prepareImport(checker(), { title: 't', sourceName: 't.txt', text: TEXT, corrections: [{ from: 'Routte', to: 'Rutte' }] });
      const id = (await store.documents.createDocument({ ...prepared, grammar: true }));
      const before = (await store.findings.openFindingCounts(id, 'rule_id'));
      const grammar = new GrammarPass(store, new GrammalecteEngine(hanging));
      // A child that never answers: the run ends only because the timeout stopped it.
      await grammar.run();
      expect((await grammar.status(id))).toEqual({ available: true, on: true, pending: 4, error: 'Grammalecte did not answer within 300 ms and was stopped; it will be restarted for the next check' });
      expect((await store.findings.openFindingCounts(id, 'rule_id'))).toEqual(before);
      expect(hanging.pid).toBeUndefined(); // killed, not left behind
    } finally {
      hanging.close();
      await store.close();
      removeDir(dir);
    }
  });
});

describe('the grammar pass without Grammalecte', () => {
  it('does nothing and says grammar checking is not available', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-grammar-'));
    const store = openSqliteStore(join(dir, 'review.db'));
    try {
      const prepared = prepareImport(checker(), { title: 't', sourceName: 't.txt', text: TEXT, corrections: [] });
      const id = (await store.documents.createDocument({ ...prepared, grammar: true }));
      const grammar = new GrammarPass(store, undefined);
      await grammar.run();
      await grammar.settleDocument(id, 10_000); // returns at once: nothing will ever check it
      expect((await grammar.status(id))).toEqual({ available: false, on: true, pending: 4, error: null });
    } finally {
      await store.close();
      removeDir(dir);
    }
  });
});

/**
 * A grammar engine that needs no Grammalecte: it flags « est » after a plural
 * subject the way a grammar checker would, and can be told to fail.
 */
class FakeGrammar implements Engine {
  readonly id = 'fake-grammar';
  readonly label = 'Fake grammar';
  requests: string[] = [];
  error: string | undefined;
  lineFailure: number | undefined;
  async check(input: CheckText): Promise<EngineResult> {
    this.requests.push(input.text);
    if (this.error) return { findings: [], failures: [], error: this.error };
    const findings = [...input.text.matchAll(/\b(?:est|Routte)\b/g)].map((match) => ({
      ruleId: 'fake:accord',
      category: 'fluency/grammar' as const,
      severity: 'major' as const,
      message: 'Accord',
      line: 1,
      column: 1,
      offset: match.index,
      length: match[0].length,
      text: match[0],
      suggestions: match[0] === 'est' ? ['sont'] : [],
      sentence: 0,
      source: this.id,
    }));
    const failures = this.lineFailure ? [{ ruleId: 'fake:crash', source: this.id, message: `line ${this.lineFailure}: IndexError` }] : [];
    return { findings, failures };
  }
}

describe('the grammar pass with a fake engine (runs without Grammalecte)', () => {
  let dir: string;
  let store: SqliteReviewStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relecture-grammar-fake-'));
    store = openSqliteStore(join(dir, 'review.db'));
  });
  afterEach(async () => {
    await store.close();
    removeDir(dir);
  });
  const importDocument = async () => (await store.documents.createDocument({ ...prepareImport(checker(), { title: 't', sourceName: 't.txt', text: TEXT, corrections: [{ from: 'Routte', to: 'Rutte' }] }), grammar: true }));
  const engineLines = async (id: number, source: string) => {
    const lines: string[] = [];
    for (const s of await store.documents.allSentences(id)) for (const f of await store.findings.activeFindingsFrom(s.id, source)) lines.push(`${s.idx + 1}:${f.start} «${f.text}» ${f.ruleId} → ${f.suggestions.join('|')}`);
    return lines;
  };

  it('stores an engine’s fixes in the document’s apostrophe (issue #13, defect 7: Grammalecte’s ’ went into straight-apostrophe text)', async () => {
    // The engine answers with the typographic apostrophe, as Grammalecte does; TEXT writes l'Ouest, qu'ils.
    const curly: Engine = {
      id: 'curly-grammar',
      label: 'Curly grammar',
      async check(input: CheckText): Promise<EngineResult> {
        const findings = [...input.text.matchAll(/l'Ouest/g)].map((match) => ({
          ruleId: 'curly:mot', category: 'fluency/grammar' as const, severity: 'minor' as const, message: 'Mot', line: 1, column: 1,
          offset: match.index, length: match[0].length, text: match[0], suggestions: ['l’Occident'], sentence: 0, source: 'curly-grammar',
        }));
        return { findings, failures: [] };
      },
    };
    const id = await importDocument();
    const grammar = new GrammarPass(store, curly);
    new ReviewService(store, checker(), grammar); // gives the pass the documents' style
    await grammar.run();
    expect(await engineLines(id, 'curly-grammar')).toEqual(["1:17 «l'Ouest» curly:mot → l'Occident"]);
  });

  it('« ne plus ignorer » an engine’s rule (the review page’s list, the notice’s Annuler) sends the document through the pass again: its findings come back (issue #13)', async () => {
    const fake = new FakeGrammar();
    const id = await importDocument();
    const grammar = new GrammarPass(store, fake);
    const service = new ReviewService(store, checker(), grammar);
    await grammar.run();
    const first = (await store.documents.getSentence(id, 0))!;
    const finding = (await store.findings.activeFindingsFrom(first.id, 'fake-grammar'))[0];
    await service.ignore(first, finding.id, 'rule', first.version);
    expect(await engineLines(id, 'fake-grammar')).toEqual([]);
    await service.stopIgnoring(id, 'rule', 'fake:accord');
    await grammar.run();
    expect(await engineLines(id, 'fake-grammar')).toEqual(['1:25 «est» fake:accord → sont', '4:11 «est» fake:accord → sont']);
    expect(await store.ignores.listIgnores(id)).toEqual([]);
  });

  it('« ignore this rule in this document » on an engine’s finding: its findings leave the document, the pass stores none again, undo brings them back (#14 follow-up 5)', async () => {
    const fake = new FakeGrammar();
    const id = await importDocument();
    const other = await importDocument();
    const grammar = new GrammarPass(store, fake);
    const service = new ReviewService(store, checker(), grammar);
    await grammar.run();
    expect(await engineLines(id, 'fake-grammar')).toEqual(['1:25 «est» fake:accord → sont', '4:11 «est» fake:accord → sont']);
    const first = (await store.documents.getSentence(id, 0))!;
    const finding = (await store.findings.activeFindingsFrom(first.id, 'fake-grammar'))[0];
    const outcome = await service.ignore(first, finding.id, 'rule', first.version);
    expect(outcome.elsewhere).toBe(2);
    expect(await engineLines(id, 'fake-grammar')).toEqual([]);
    expect((await store.documents.getSentence(id, 3))!.openFindings).toBe(0);
    // The pass runs again (the ignoring sentence changed version; an edit elsewhere): nothing of the rule is stored in this document.
    const fourth = (await store.documents.getSentence(id, 3))!;
    await service.edit(fourth, 'Les alliés est vraiment prêts.', fourth.version);
    await grammar.run();
    expect(await engineLines(id, 'fake-grammar')).toEqual([]);
    // Another document keeps the rule.
    expect(await engineLines(other, 'fake-grammar')).toEqual(['1:25 «est» fake:accord → sont', '4:11 «est» fake:accord → sont']);
    const now = (await store.documents.getSentence(id, 0))!;
    await service.undo(now, now.version);
    await grammar.run();
    expect(await engineLines(id, 'fake-grammar')).toEqual(['1:25 «est» fake:accord → sont', '4:11 «est» fake:accord → sont']);
  });

  it('stores the engine’s findings per sentence, under its source, in one request, leaving out those on a built-in span', async () => {
    const fake = new FakeGrammar();
    const id = (await importDocument());
    const grammar = new GrammarPass(store, fake);
    expect(grammar.available).toBe(true);
    await grammar.run();
    expect(fake.requests).toEqual([`${TEXT}\n`]);
    // « Routte » is the editor's correction's span already: the built-in finding speaks.
    expect((await engineLines(id, 'fake-grammar'))).toEqual(['1:25 «est» fake:accord → sont', '4:11 «est» fake:accord → sont']);
    expect((await store.documents.grammarPending(id))).toBe(0);
    expect((await store.documents.getSentence(id, 3))!.openFindings).toBe(1);
  });

  it('keeps what the engine failed on: the whole batch on the document, a line on its sentence', async () => {
    const fake = new FakeGrammar();
    fake.error = 'Fake grammar was killed';
    const id = (await importDocument());
    const grammar = new GrammarPass(store, fake);
    await grammar.run();
    expect((await grammar.status(id))).toMatchObject({ on: true, pending: 4, error: 'Fake grammar was killed' });
    fake.error = undefined;
    fake.lineFailure = 2;
    await grammar.run();
    expect((await grammar.status(id))).toMatchObject({ pending: 0, error: null });
    expect((await store.findings.checkFailures(id)).map((f) => [f.sentenceIdx, f.source, f.ruleId, f.message])).toEqual([[1, 'fake-grammar', 'fake:crash', 'line 2: IndexError']]);
  });

  it('is off with an engine that says it is not available', async () => {
    const id = (await importDocument());
    const grammar = new GrammarPass(store, new GrammalecteEngine(undefined));
    expect(grammar.available).toBe(false);
    await grammar.run();
    expect((await grammar.status(id))).toMatchObject({ available: false, pending: 4 });
  });
});
