import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { MIGRATIONS } from '../../../src/web/store/migrations.ts';
import { ReviewStore, VersionConflict } from '../../../src/web/store/review-store.ts';
import { ReviewService, carryGrammarFindings } from '../../../src/web/review/review-service.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { checker, removeDir } from '../helpers/test-app.ts';

const TEXT = 'Mark Routte a parlé. Routte a répété.\r\nLe ministre Pistorius a répondu.\r\n';
const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relecture-store-'));
  dirs.push(dir);
  return join(dir, 'review.db');
}
afterEach(() => dirs.splice(0).forEach(removeDir));

function importText(store: ReviewStore): number {
  return store.createDocument(prepareImport(checker(), { title: 'Test', sourceName: 't.txt', text: TEXT, corrections: [{ from: 'Routte', to: 'Rutte' }] }));
}

describe('review store', () => {
  it('migrates a new database once and records the schema version', () => {
    const file = tempDb();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('carries a database made before grammar checking forward, its documents intact and with grammar off', () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    MIGRATIONS.slice(0, 2).forEach((step, i) => {
      old.exec(step);
      old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(i + 1, 'then');
    });
    old.prepare("INSERT INTO documents (title, source_name, created_at, words, tail) VALUES ('Old', 'old.txt', 'then', 3, '')").run();
    old.prepare("INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, ref_words, updated_at) VALUES (1, 0, 0, '', 'Une phrase.', 'Une phrase.', 2, 'then')").run();
    old.close();
    const store = new ReviewStore(openDatabase(file));
    expect(store.getDocument(1)).toMatchObject({ title: 'Old', grammar: false, grammarError: null });
    expect(store.getSentence(1, 0)).toMatchObject({ currentText: 'Une phrase.', grammarVersion: null });
    expect(store.grammarBacklog(1000)).toEqual([]);
    store.close();
  });

  it('carries a database from before sources and actors forward: Grammalecte findings told by their old rule-id prefix', () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    MIGRATIONS.slice(0, 3).forEach((step, i) => {
      old.exec(step);
      old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(i + 1, 'then');
    });
    old.prepare("INSERT INTO documents (title, source_name, created_at, words, tail) VALUES ('Old', 'old.txt', 'then', 3, '')").run();
    old.prepare("INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, ref_words, updated_at) VALUES (1, 0, 0, '', 'Ils est là.', 'Ils est là.', 3, 'then')").run();
    const insert = old.prepare("INSERT INTO findings (document_id, sentence_id, rule_id, category, severity, message, start, length, text, suggestions, created_at) VALUES (1, 1, ?, 'fluency/grammar', 'major', 'm', 4, 3, 'est', '[]', 'then')");
    insert.run('grammalecte:conj');
    insert.run('typography/x');
    old.prepare("INSERT INTO decisions (document_id, sentence_id, action_id, kind, created_at) VALUES (1, 1, 'a', 'review', 'then')").run();
    old.close();
    const store = new ReviewStore(openDatabase(file));
    expect(store.activeFindings([1]).get(1)!.map((f) => [f.ruleId, f.source])).toEqual([
      ['grammalecte:conj', 'grammalecte'],
      ['typography/x', 'relecture'],
    ]);
    expect(store.history(1).map((d) => d.actor)).toEqual(['local']);
    store.close();
  });

  it('keeps everything across a restart (close and reopen the file)', () => {
    const file = tempDb();
    let store = new ReviewStore(openDatabase(file));
    const id = importText(store);
    let service = new ReviewService(store, checker());
    const first = store.getSentence(id, 0)!;
    const finding = store.activeFindings([first.id]).get(first.id)!.find((f) => f.ruleId === 'corrections/editor')!;
    service.accept(first, finding.id, 0, first.version);
    service.propagate(id, 'Routte', 'Rutte', [1], true);
    service.edit(store.getSentence(id, 2)!, 'Le ministre Boris Pistorius a répondu.', 1);
    const before = correctedText(store, store.getDocument(id)!);
    store.close();

    store = new ReviewStore(openDatabase(file));
    service = new ReviewService(store, checker());
    expect(correctedText(store, store.getDocument(id)!)).toBe(before);
    expect(before).toBe('Mark Rutte a parlé. Rutte a répété.\r\nLe ministre Boris Pistorius a répondu.\r\n');
    expect(store.history(store.getSentence(id, 0)!.id).map((d) => d.kind)).toEqual(['accept']);
    expect(store.history(store.getSentence(id, 1)!.id).map((d) => d.kind)).toEqual(['accept', 'propagate']);
    expect(store.listCorrections(id).map((c) => [c.from, c.to])).toEqual([['Routte', 'Rutte']]);
    // Accepts, propagations and edits do not mark a sentence reviewed (issue #13, defect 4).
    expect(store.progress(id)).toMatchObject({ total: 3, reviewed: 0 });
    // The in-memory document index is rebuilt from the stored text after a restart.
    service.undo(store.getSentence(id, 2)!, 2);
    expect(store.getSentence(id, 2)!.currentText).toBe('Le ministre Pistorius a répondu.');
    store.close();
  });

  it('refuses a save with a stale version', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const id = importText(store);
    const service = new ReviewService(store, checker());
    const sentence = store.getSentence(id, 2)!;
    service.edit(sentence, 'Première version.', sentence.version);
    expect(() => service.edit(sentence, 'Version périmée.', sentence.version)).toThrow(VersionConflict);
    expect(() => store.updateSentenceText(sentence.id, sentence.version, 'x', 0, 1)).toThrow(VersionConflict);
    expect(store.getSentence(id, 2)!.currentText).toBe('Première version.\r\n'.replace('\r\n', ''));
    store.close();
  });

  it('stores nothing when an import fails half way', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const prepared = prepareImport(checker(), { title: 'T', sourceName: 't', text: TEXT, corrections: [] });
    // A duplicate correction breaks the UNIQUE constraint after the sentences were inserted.
    prepared.corrections = [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }];
    (store as unknown as { upsertCorrection: () => void }).upsertCorrection = () => {
      throw new Error('disk full');
    };
    expect(() => store.createDocument(prepared)).toThrow('disk full');
    expect(store.countDocuments()).toBe(0);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sentences').get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('grammar findings in the store', () => {
  const grammarFinding = (start: number, text: string) => ({
    ruleId: 'grammalecte:gv1__ppas',
    source: 'grammalecte',
    category: 'fluency/grammar' as const,
    severity: 'major' as const,
    message: 'Accord',
    start,
    length: text.length,
    text,
    suggestions: ['x'],
  });
  const lines = (store: ReviewStore, sentenceId: number) => store.activeFindings([sentenceId]).get(sentenceId)!.map((f) => `${f.start} «${f.text}» ${f.ruleId}`);
  const grammarLines = (store: ReviewStore, sentenceId: number) => lines(store, sentenceId).filter((line) => line.includes('grammalecte:'));

  it('a re-check by the rules keeps the grammar findings, and one by Grammalecte keeps the rules’ findings', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const id = importText(store);
    const sentence = store.getSentence(id, 0)!;
    const builtin = lines(store, sentence.id);
    expect(builtin).toEqual(['5 «Routte» corrections/editor']);
    store.replaceFindings(id, sentence.id, [grammarFinding(12, 'a parlé')], 'grammalecte');
    expect(lines(store, sentence.id)).toEqual([...builtin, '12 «a parlé» grammalecte:gv1__ppas']);
    store.replaceFindings(id, sentence.id, [], 'relecture');
    expect(lines(store, sentence.id)).toEqual(['12 «a parlé» grammalecte:gv1__ppas']);
    store.replaceFindings(id, sentence.id, [], 'grammalecte');
    expect(lines(store, sentence.id)).toEqual([]);
    store.close();
  });

  it('the backlog: grammar-on documents only, re-checks first, cut at a size', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const off = importText(store);
    const prepared = prepareImport(checker(), { title: 'On', sourceName: 'on.txt', text: TEXT, corrections: [] });
    const on = store.createDocument({ ...prepared, grammar: true });
    expect(store.getDocument(off)!.grammar).toBe(false);
    expect(store.getDocument(on)!.grammar).toBe(true);
    expect(store.grammarBacklog(1_000_000).map((s) => [s.documentId, s.idx])).toEqual([[on, 0], [on, 1], [on, 2]]);
    // The first sentence is larger than the budget: a batch still takes it, alone.
    expect(store.grammarBacklog(5).map((s) => s.idx)).toEqual([0]);
    for (const s of store.allSentences(on)) store.setGrammarVersion(s.id, s.version);
    expect(store.grammarPending(on)).toBe(0);
    const third = store.getSentence(on, 2)!;
    store.updateSentenceText(third.id, third.version, 'Le ministre a répondu.', 1, 4);
    store.setGrammar(off, true);
    // The edited sentence (someone is looking at it) before a whole new document.
    expect(store.grammarBacklog(1_000_000).map((s) => [s.documentId, s.idx])).toEqual([[on, 2], [off, 0], [off, 1], [off, 2]]);
    store.close();
  });

  it('carries grammar findings through an edit elsewhere in the sentence, drops those in the changed stretch', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const id = importText(store);
    const sentence = store.getSentence(id, 2)!; // 'Le ministre Pistorius a répondu.'
    store.replaceFindings(id, sentence.id, [grammarFinding(0, 'Le'), grammarFinding(12, 'Pistorius'), grammarFinding(22, 'a répondu')], 'grammalecte');
    carryGrammarFindings(store, sentence.id, sentence.currentText, 'Le ministre Boris Pistorius a répondu.');
    expect(grammarLines(store, sentence.id)).toEqual(['0 «Le» grammalecte:gv1__ppas', '18 «Pistorius» grammalecte:gv1__ppas', '28 «a répondu» grammalecte:gv1__ppas']);
    carryGrammarFindings(store, sentence.id, 'Le ministre Boris Pistorius a répondu.', 'Le ministre Boris Pistorius répond.');
    expect(grammarLines(store, sentence.id)).toEqual(['0 «Le» grammalecte:gv1__ppas', '18 «Pistorius» grammalecte:gv1__ppas']);
    store.close();
  });

  it('turning grammar off withdraws its open findings and updates the counts', () => {
    const store = new ReviewStore(openDatabase(tempDb()));
    const id = importText(store);
    const sentence = store.getSentence(id, 2)!;
    const builtin = sentence.openFindings;
    store.setGrammar(id, true);
    store.replaceFindings(id, sentence.id, [grammarFinding(0, 'Le')], 'grammalecte');
    store.setGrammarVersion(sentence.id, sentence.version);
    store.refreshSentenceState(sentence.id);
    store.setGrammarError(id, 'Grammalecte was killed');
    expect(store.getSentence(id, 2)!.openFindings).toBe(builtin + 1);
    store.setGrammar(id, false);
    expect(store.getDocument(id)).toMatchObject({ grammar: false, grammarError: null });
    expect(store.getSentence(id, 2)).toMatchObject({ openFindings: builtin, grammarVersion: null });
    // Never acted on: withdrawn, so the report does not count it as fixed.
    expect(store.findingsWithDecisions(id).filter((f) => f.ruleId.startsWith('grammalecte:'))).toEqual([]);
    store.close();
  });
});
