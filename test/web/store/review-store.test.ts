import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqlCorrections } from '../../../src/web/store/sql/sql-corrections.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { MIGRATIONS, runMigration } from '../../../src/web/store/migrations.ts';
import { type ReviewStore, VersionConflict } from '../../../src/web/store/review-store.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { ReviewService, carryGrammarFindings } from '../../../src/web/review/review-service.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { correctedText, originalText } from '../../../src/web/review/document-exports.ts';
import { checker, removeDir } from '../helpers/test-app.ts';

const TEXT = 'Mark Routte a parlé. Routte a répété.\r\nLe ministre Pistorius a répondu.\r\n';
const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relecture-store-'));
  dirs.push(dir);
  return join(dir, 'review.db');
}
afterEach(() => dirs.splice(0).forEach(removeDir));

async function importText(store: ReviewStore): Promise<number> {
  return (await store.documents.createDocument(prepareImport(checker(), { title: 'Test', sourceName: 't.txt', text: TEXT, corrections: [{ from: 'Routte', to: 'Rutte' }] })));
}

describe('review store', () => {
  it('migrates a new database once and records the schema version', async () => {
    const file = tempDb();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('carries a database made before grammar checking forward, its documents intact and with grammar off', async () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    MIGRATIONS.slice(0, 2).forEach((step, i) => {
      runMigration(old, step);
      old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(i + 1, 'then');
    });
    old.prepare("INSERT INTO documents (title, source_name, created_at, words, tail) VALUES ('Old', 'old.txt', 'then', 3, '')").run();
    old.prepare("INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, ref_words, updated_at) VALUES (1, 0, 0, '', 'Une phrase.', 'Une phrase.', 2, 'then')").run();
    old.close();
    const store = openSqliteStore(file);
    expect((await store.documents.getDocument(1))).toMatchObject({ title: 'Old', grammar: false, grammarError: null });
    expect((await store.documents.getSentence(1, 0))).toMatchObject({ currentText: 'Une phrase.', grammarVersion: null });
    expect((await store.documents.grammarBacklog(1000, 0))).toEqual([]);
    await store.close();
  });

  it('carries a database from before sources and actors forward: Grammalecte findings told by their old rule-id prefix', async () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    MIGRATIONS.slice(0, 3).forEach((step, i) => {
      runMigration(old, step);
      old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(i + 1, 'then');
    });
    old.prepare("INSERT INTO documents (title, source_name, created_at, words, tail) VALUES ('Old', 'old.txt', 'then', 3, '')").run();
    old.prepare("INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, ref_words, updated_at) VALUES (1, 0, 0, '', 'Ils est là.', 'Ils est là.', 3, 'then')").run();
    const insert = old.prepare("INSERT INTO findings (document_id, sentence_id, rule_id, category, severity, message, start, length, text, suggestions, created_at) VALUES (1, 1, ?, 'fluency/grammar', 'major', 'm', 4, 3, 'est', '[]', 'then')");
    insert.run('grammalecte:conj');
    insert.run('typography/x');
    old.prepare("INSERT INTO decisions (document_id, sentence_id, action_id, kind, created_at) VALUES (1, 1, 'a', 'review', 'then')").run();
    old.close();
    const store = openSqliteStore(file);
    expect((await store.findings.activeFindings([1])).get(1)!.map((f) => [f.ruleId, f.source])).toEqual([
      ['grammalecte:conj', 'grammalecte'],
      ['typography/x', 'relecture'],
    ]);
    expect((await store.decisions.history(1)).map((d) => d.actor)).toEqual(['local']);
    await store.close();
  });

  it('carries a database of sentences with prefixes forward to segments: same text out, byte for byte, same findings and history', async () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    MIGRATIONS.slice(0, 5).forEach((step, i) => {
      runMigration(old, step);
      old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(i + 1, 'then');
    });
    old.prepare("INSERT INTO documents (title, source_name, created_at, words, tail) VALUES ('Old', 'old.txt', 'then', 9, '\r\n\r\n')").run();
    const sentence = old.prepare('INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, version, ref_words, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, 2, ?)');
    sentence.run(0, 0, '', 'Mark Routte a parlé. ', 'Mark Rutte a parlé. ', 2, 't1');
    sentence.run(1, 0, '', 'Il est parti.', 'Il est parti.', 1, 't0');
    sentence.run(2, 2, '\r\n\r\n', '  Le ministre a répondu.', '  Le ministre a répondu.', 1, 't0');
    old.prepare("INSERT INTO findings (document_id, sentence_id, rule_id, category, severity, message, start, length, text, suggestions, created_at) VALUES (1, 2, 'x/y', 'style', 'info', 'm', 3, 4, 'est ', '[]', 'then')").run();
    old.prepare("INSERT INTO decisions (document_id, sentence_id, action_id, kind, before_text, after_text, created_at) VALUES (1, 1, 'a', 'edit', 'Mark Routte a parlé. ', 'Mark Rutte a parlé. ', 'then')").run();
    old.close();

    const store = openSqliteStore(file);
    const document = (await store.documents.getDocument(1))!;
    expect(document.format).toBe('text');
    expect(await store.documents.getSkeleton(1)).toEqual({ gaps: ['', '\r\n\r\n', '\r\n\r\n'] });
    expect((await store.documents.segments(1)).map((s) => [s.externalId, s.line, s.originalTarget, s.currentTarget, s.version])).toEqual([
      ['1', 1, 'Mark Routte a parlé. Il est parti.', 'Mark Rutte a parlé. Il est parti.', 2],
      ['3', 3, '  Le ministre a répondu.', '  Le ministre a répondu.', 1],
    ]);
    expect(await correctedText(store, document)).toBe('Mark Rutte a parlé. Il est parti.\r\n\r\n  Le ministre a répondu.\r\n\r\n');
    expect(await originalText(store, document)).toBe('Mark Routte a parlé. Il est parti.\r\n\r\n  Le ministre a répondu.\r\n\r\n');
    expect((await store.findings.activeFindings([2])).get(2)!.map((f) => f.text)).toEqual(['est ']);
    expect((await store.decisions.history(1)).map((d) => [d.kind, d.afterText])).toEqual([['edit', 'Mark Rutte a parlé. ']]);
    expect(store.database.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    await store.close();
  });

  it('keeps everything across a restart (close and reopen the file)', async () => {
    const file = tempDb();
    let store = openSqliteStore(file);
    const id = (await importText(store));
    let service = new ReviewService(store, checker());
    const first = (await store.documents.getSentence(id, 0))!;
    const finding = (await store.findings.activeFindings([first.id])).get(first.id)!.find((f) => f.ruleId === 'corrections/editor')!;
    (await service.accept(first, finding.id, 0, first.version));
    (await service.propagate(id, 'Routte', 'Rutte', [1], true));
    (await service.edit((await store.documents.getSentence(id, 2))!, 'Le ministre Boris Pistorius a répondu.', 1));
    const before = (await correctedText(store, (await store.documents.getDocument(id))!));
    await store.close();

    store = openSqliteStore(file);
    service = new ReviewService(store, checker());
    expect((await correctedText(store, (await store.documents.getDocument(id))!))).toBe(before);
    expect(before).toBe('Mark Rutte a parlé. Rutte a répété.\r\nLe ministre Boris Pistorius a répondu.\r\n');
    expect((await store.decisions.history((await store.documents.getSentence(id, 0))!.id)).map((d) => d.kind)).toEqual(['accept']);
    expect((await store.decisions.history((await store.documents.getSentence(id, 1))!.id)).map((d) => d.kind)).toEqual(['accept', 'propagate']);
    expect((await store.corrections.listCorrections(id)).map((c) => [c.from, c.to])).toEqual([['Routte', 'Rutte']]);
    // Accepts, propagations and edits do not mark a sentence reviewed (issue #13, defect 4).
    expect((await store.documents.progress(id))).toMatchObject({ total: 3, reviewed: 0 });
    // The in-memory document index is rebuilt from the stored text after a restart.
    (await service.undo((await store.documents.getSentence(id, 2))!, 2));
    expect((await store.documents.getSentence(id, 2))!.currentText).toBe('Le ministre Pistorius a répondu.');
    await store.close();
  });

  it('refuses a save with a stale version', async () => {
    const store = openSqliteStore(tempDb());
    const id = (await importText(store));
    const service = new ReviewService(store, checker());
    const sentence = (await store.documents.getSentence(id, 2))!;
    (await service.edit(sentence, 'Première version.', sentence.version));
    await expect(service.edit(sentence, 'Version périmée.', sentence.version)).rejects.toThrow(VersionConflict);
    await expect(store.documents.updateSentenceText(sentence.id, sentence.version, 'x', 0, 1)).rejects.toThrow(VersionConflict);
    expect((await store.documents.getSentence(id, 2))!.currentText).toBe('Première version.\r\n'.replace('\r\n', ''));
    await store.close();
  });

  it('stores nothing when an import fails half way', async () => {
    const store = openSqliteStore(tempDb());
    const prepared = prepareImport(checker(), { title: 'T', sourceName: 't', text: TEXT, corrections: [] });
    // A duplicate correction breaks the UNIQUE constraint after the sentences were inserted.
    prepared.corrections = [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }];
    const failing = vi.spyOn(SqlCorrections.prototype, 'upsertCorrection').mockRejectedValue(new Error('disk full'));
    await expect(store.documents.createDocument(prepared)).rejects.toThrow('disk full');
    expect((await store.documents.countDocuments())).toBe(0);
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM sentences').get()).toEqual({ n: 0 });
    failing.mockRestore();
    await store.close();
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
  const lines = async (store: ReviewStore, sentenceId: number) => (await store.findings.activeFindings([sentenceId])).get(sentenceId)!.map((f) => `${f.start} «${f.text}» ${f.ruleId}`);
  const grammarLines = async (store: ReviewStore, sentenceId: number) => (await lines(store, sentenceId)).filter((line) => line.includes('grammalecte:'));

  it('a re-check by the rules keeps the grammar findings, and one by Grammalecte keeps the rules’ findings', async () => {
    const store = openSqliteStore(tempDb());
    const id = (await importText(store));
    const sentence = (await store.documents.getSentence(id, 0))!;
    const builtin = (await lines(store, sentence.id));
    expect(builtin).toEqual(['5 «Routte» corrections/editor']);
    (await store.findings.replaceFindings(id, sentence.id, [grammarFinding(12, 'a parlé')], 'grammalecte'));
    expect((await lines(store, sentence.id))).toEqual([...builtin, '12 «a parlé» grammalecte:gv1__ppas']);
    (await store.findings.replaceFindings(id, sentence.id, [], 'relecture'));
    expect((await lines(store, sentence.id))).toEqual(['12 «a parlé» grammalecte:gv1__ppas']);
    (await store.findings.replaceFindings(id, sentence.id, [], 'grammalecte'));
    expect((await lines(store, sentence.id))).toEqual([]);
    await store.close();
  });

  it('the backlog: grammar-on documents only, re-checks first, cut at a size', async () => {
    const store = openSqliteStore(tempDb());
    const off = (await importText(store));
    const prepared = prepareImport(checker(), { title: 'On', sourceName: 'on.txt', text: TEXT, corrections: [] });
    const on = (await store.documents.createDocument({ ...prepared, grammar: true }));
    expect((await store.documents.getDocument(off))!.grammar).toBe(false);
    expect((await store.documents.getDocument(on))!.grammar).toBe(true);
    expect((await store.documents.grammarBacklog(1_000_000, 0)).map((s) => [s.documentId, s.idx])).toEqual([[on, 0], [on, 1], [on, 2]]);
    // The first sentence is larger than the budget: a batch still takes it, alone.
    expect((await store.documents.grammarBacklog(5, 0)).map((s) => s.idx)).toEqual([0]);
    for (const s of (await store.documents.allSentences(on))) (await store.documents.setGrammarVersion(s.id, s.version));
    expect((await store.documents.grammarPending(on))).toBe(0);
    const third = (await store.documents.getSentence(on, 2))!;
    (await store.documents.updateSentenceText(third.id, third.version, 'Le ministre a répondu.', 1, 4));
    (await store.settings.setGrammar(off, true));
    // The edited sentence (someone is looking at it) before a whole new document.
    expect((await store.documents.grammarBacklog(1_000_000, 0)).map((s) => [s.documentId, s.idx])).toEqual([[on, 2], [off, 0], [off, 1], [off, 2]]);
    await store.close();
  });

  it('carries grammar findings through an edit elsewhere in the sentence, drops those in the changed stretch', async () => {
    const store = openSqliteStore(tempDb());
    const id = (await importText(store));
    const sentence = (await store.documents.getSentence(id, 2))!; // 'Le ministre Pistorius a répondu.'
    (await store.findings.replaceFindings(id, sentence.id, [grammarFinding(0, 'Le'), grammarFinding(12, 'Pistorius'), grammarFinding(22, 'a répondu')], 'grammalecte'));
    (await carryGrammarFindings(store, sentence.id, sentence.currentText, 'Le ministre Boris Pistorius a répondu.'));
    expect((await grammarLines(store, sentence.id))).toEqual(['0 «Le» grammalecte:gv1__ppas', '18 «Pistorius» grammalecte:gv1__ppas', '28 «a répondu» grammalecte:gv1__ppas']);
    (await carryGrammarFindings(store, sentence.id, 'Le ministre Boris Pistorius a répondu.', 'Le ministre Boris Pistorius répond.'));
    expect((await grammarLines(store, sentence.id))).toEqual(['0 «Le» grammalecte:gv1__ppas', '18 «Pistorius» grammalecte:gv1__ppas']);
    await store.close();
  });

  it('turning grammar off withdraws its open findings and updates the counts', async () => {
    const store = openSqliteStore(tempDb());
    const id = (await importText(store));
    const sentence = (await store.documents.getSentence(id, 2))!;
    const builtin = sentence.openFindings;
    (await store.settings.setGrammar(id, true));
    (await store.findings.replaceFindings(id, sentence.id, [grammarFinding(0, 'Le')], 'grammalecte'));
    (await store.documents.setGrammarVersion(sentence.id, sentence.version));
    (await store.documents.refreshSentenceState(sentence.id));
    (await store.settings.setGrammarError(id, 'Grammalecte was killed'));
    expect((await store.documents.getSentence(id, 2))!.openFindings).toBe(builtin + 1);
    (await store.settings.setGrammar(id, false));
    expect((await store.documents.getDocument(id))).toMatchObject({ grammar: false, grammarError: null });
    expect((await store.documents.getSentence(id, 2))).toMatchObject({ openFindings: builtin, grammarVersion: null });
    // Never acted on: withdrawn, so the report does not count it as fixed.
    expect((await store.decisions.findingsWithDecisions(id)).filter((f) => f.ruleId.startsWith('grammalecte:'))).toEqual([]);
    await store.close();
  });
});
