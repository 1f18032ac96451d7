/**
 * The schema, as an ordered list of steps. A database records the last step it
 * ran in `schema_version`; opening it runs the steps after that one, each in a
 * transaction, so an old review database is carried forward, never rebuilt.
 * Append new steps; never edit a step that has shipped.
 */
import type Database from 'better-sqlite3';

/** A step: SQL to run, or (for reshaping data SQL alone cannot) a function over the database. */
export type Migration = string | ((db: Database.Database) => void);

/**
 * Documents of segments. A document gets its format (`text` for everything
 * before), languages and the format's skeleton; a segment (for plain text a
 * line: a paragraph) holds its source, original and current target, version and
 * the format's extras; sentences stay the unit of review, inside their segment.
 * Plain-text layout leaves the core tables: each sentence's prefix (the line
 * breaks before it) and the document's tail become the text format's skeleton
 * (src/formats/text.ts: `{gaps}`), so an old database exports byte for byte as before.
 */
function segmentsStep(db: Database.Database): void {
  db.exec(`
    ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
    ALTER TABLE documents ADD COLUMN source_language TEXT;
    ALTER TABLE documents ADD COLUMN target_language TEXT;
    ALTER TABLE documents ADD COLUMN skeleton TEXT NOT NULL DEFAULT 'null';
    CREATE TABLE segments (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      external_id TEXT NOT NULL,
      idx INTEGER NOT NULL,
      source_text TEXT,
      original_target TEXT NOT NULL,
      -- Always its sentences' current_text end to end.
      current_target TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      -- The format's extras (JSON): inline codes, notes; its state; its line in the file.
      codes TEXT,
      notes TEXT,
      state TEXT,
      line INTEGER,
      updated_at TEXT NOT NULL,
      UNIQUE (document_id, idx),
      UNIQUE (document_id, external_id)
    );
    ALTER TABLE sentences ADD COLUMN segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE;
    -- App-wide settings, JSON values by key.
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const documents = db.prepare('SELECT id, tail FROM documents ORDER BY id').all() as Array<{ id: number; tail: string }>;
  const sentencesOf = db.prepare('SELECT id, paragraph, prefix, original_text, current_text, version, updated_at FROM sentences WHERE document_id = ? ORDER BY idx');
  const insertSegment = db.prepare(
    'INSERT INTO segments (document_id, external_id, idx, original_target, current_target, version, line, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const attach = db.prepare('UPDATE sentences SET segment_id = ?, original_text = ?, current_text = ? WHERE id = ?');
  const setSkeleton = db.prepare('UPDATE documents SET skeleton = ? WHERE id = ?');
  type Row = { id: number; paragraph: number; prefix: string; original_text: string; current_text: string; version: number; updated_at: string };
  for (const document of documents) {
    const rows = sentencesOf.all(document.id) as Row[];
    const groups: Row[][] = [];
    for (const row of rows) {
      const last = groups[groups.length - 1];
      if (last && last[0].paragraph === row.paragraph) last.push(row);
      else groups.push([row]);
    }
    const gaps: string[] = [];
    groups.forEach((group, idx) => {
      gaps.push(group[0].prefix);
      // Inside a line, sentences touch (the segmenter covers the whole line): a
      // gap there, which no import made, would stay with its sentence's text.
      const texts = group.map((row, i) => ({ row, original: (i === 0 ? '' : row.prefix) + row.original_text, current: (i === 0 ? '' : row.prefix) + row.current_text }));
      const line = group[0].paragraph + 1;
      const version = 1 + group.reduce((sum, row) => sum + row.version - 1, 0);
      const updated = group.map((row) => row.updated_at).sort().at(-1)!;
      const { lastInsertRowid } = insertSegment.run(document.id, String(line), idx, texts.map((t) => t.original).join(''), texts.map((t) => t.current).join(''), version, line, updated);
      for (const t of texts) attach.run(Number(lastInsertRowid), t.original, t.current, t.row.id);
    });
    gaps.push(document.tail);
    setSkeleton.run(JSON.stringify({ gaps }), document.id);
  }
  db.exec(`
    ALTER TABLE sentences DROP COLUMN prefix;
    ALTER TABLE documents DROP COLUMN tail;
    CREATE INDEX sentences_segment ON sentences(segment_id, idx);
  `);
}

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Words of the text as imported: the denominator of the MQM penalty.
    words INTEGER NOT NULL,
    -- What follows the last sentence (final line break, trailing blank lines).
    tail TEXT NOT NULL
  );

  -- Sentences cover the text contiguously: prefix (the gap before the sentence:
  -- line breaks, blank lines) + current_text, for every sentence, then the
  -- document's tail, give back the text; byte for byte when nothing was changed.
  CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    prefix TEXT NOT NULL,
    original_text TEXT NOT NULL,
    current_text TEXT NOT NULL,
    -- Bumped on every change of current_text; a save with an older number is a conflict.
    version INTEGER NOT NULL DEFAULT 1,
    -- Caches derived from findings and decisions, refreshed with every change,
    -- so that filters and progress over a long document stay index lookups.
    open_findings INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    -- Word edits from the MT sentence to the current one (TER) and words of the current one.
    ter_edits INTEGER NOT NULL DEFAULT 0,
    ref_words INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (document_id, idx)
  );
  CREATE INDEX sentences_open ON sentences(document_id, open_findings, idx);
  CREATE INDEX sentences_reviewed ON sentences(document_id, reviewed, idx);

  -- What the machine saw. start/length are relative to the sentence's current
  -- text; a finding that no longer applies after an edit is kept, inactive,
  -- for the report.
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    start INTEGER NOT NULL,
    length INTEGER NOT NULL,
    text TEXT NOT NULL,
    suggestions TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE INDEX findings_sentence ON findings(sentence_id, active);
  CREATE INDEX findings_document ON findings(document_id, active, category, severity, rule_id);

  -- What the editor did, one row per event, never rewritten except to mark it
  -- undone. Rows of one user action share action_id.
  CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'edit', 'propagate', 'review', 'undo')),
    finding_id INTEGER REFERENCES findings(id) ON DELETE SET NULL,
    rule_id TEXT,
    flagged_text TEXT,
    replacement TEXT,
    reason TEXT,
    before_text TEXT,
    after_text TEXT,
    created_at TEXT NOT NULL,
    undone_at TEXT
  );
  CREATE INDEX decisions_sentence ON decisions(sentence_id, kind, rule_id, flagged_text);
  CREATE INDEX decisions_finding ON decisions(finding_id);
  CREATE INDEX decisions_document ON decisions(document_id, kind);

  -- A finding is open while it is active and no live rejection in its sentence
  -- covers the same rule and text (a rejection outlives re-checks of the sentence).
  CREATE VIEW open_findings AS
    SELECT f.* FROM findings f
    WHERE f.active = 1 AND NOT EXISTS (
      SELECT 1 FROM decisions d
      WHERE d.sentence_id = f.sentence_id AND d.kind = 'reject' AND d.rule_id = f.rule_id
        AND d.flagged_text = f.text AND d.undone_at IS NULL);

  -- The document's list of known fixes: imported with it, added by hand, or
  -- learned from the editor's propagated changes.
  CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    from_text TEXT NOT NULL,
    to_text TEXT NOT NULL,
    note TEXT,
    origin TEXT NOT NULL CHECK (origin IN ('imported', 'added', 'learned')),
    created_at TEXT NOT NULL,
    UNIQUE (document_id, from_text)
  );
  `,
  `
  -- The header after every accept sums over the whole document: a covering index
  -- lets SQLite read these few columns instead of every sentence's text
  -- (a 60,000-sentence document answered accepts in 600 ms under load).
  CREATE INDEX sentences_totals ON sentences(document_id, reviewed, open_findings, ter_edits, ref_words);
  `,
  `
  -- Grammar checking (Grammalecte) is a setting of each document. grammar_error
  -- keeps why the last grammar pass failed, for the review page.
  ALTER TABLE documents ADD COLUMN grammar INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE documents ADD COLUMN grammar_error TEXT;
  -- The version of the sentence its grammar findings were computed for (NULL:
  -- never). In a document with grammar on, a sentence whose grammar_version is not
  -- its version waits for the grammar pass, which survives a restart of the app.
  ALTER TABLE sentences ADD COLUMN grammar_version INTEGER;
  CREATE INDEX sentences_grammar ON sentences(document_id, grammar_version);
  `,
  `
  -- Team mode (accounts, roles, authorship). Users sign in with a password whose
  -- argon2id hash only is kept; a session is the SHA-256 of its cookie's token.
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  -- Failed sign-ins by user name and by address, for the rate limit.
  CREATE TABLE sign_in_failures (
    key TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX sign_in_failures_key ON sign_in_failures(key, at);
  -- Who did it: the signed-in user's name (NULL: the single-user app, before team mode).
  -- Names, not ids: the history keeps saying who acted after an account is removed.
  ALTER TABLE decisions ADD COLUMN actor TEXT;
  ALTER TABLE corrections ADD COLUMN actor TEXT;
  ALTER TABLE documents ADD COLUMN created_by TEXT;
  -- The reviewer an admin gave the document to ("assigned to me" on the documents list).
  ALTER TABLE documents ADD COLUMN assigned_to TEXT;
  CREATE INDEX documents_assigned ON documents(assigned_to);
  `,
  `
  -- Findings say who sent them (vfile's source: 'relecture', 'grammalecte'…),
  -- so that nothing has to parse a rule id to tell the engines apart.
  ALTER TABLE findings ADD COLUMN source TEXT NOT NULL DEFAULT 'relecture';
  UPDATE findings SET source = 'grammalecte' WHERE rule_id LIKE 'grammalecte:%';
  CREATE INDEX findings_source ON findings(sentence_id, source, active);
  -- Decisions say who made them (decisions.actor, step 4): the local user
  -- ('local') in the single-user app, so that none is anonymous.
  UPDATE decisions SET actor = 'local' WHERE actor IS NULL;
  -- A rule or an engine that failed while checking: shown on the review page,
  -- never silently dropped. sentence_id NULL: the check of the whole document.
  CREATE TABLE check_failures (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX check_failures_document ON check_failures(document_id, sentence_id, source);
  -- A re-check after an edit covers the sentence's whole paragraph.
  CREATE INDEX sentences_paragraph ON sentences(document_id, paragraph, idx);
  `,
  segmentsStep,
  `
  -- Several app processes on one database (team mode): what one keeps in memory
  -- about a document (its word index) is checked against this revision, bumped
  -- by every change of the document's text or corrections.
  ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  -- The grammar pass claims the sentences it sends to Grammalecte until this
  -- time, so that two processes do not check the same ones.
  ALTER TABLE sentences ADD COLUMN grammar_claimed_until TEXT;
  `,
  `
  -- A sentence is reviewed only when the editor said so (a live 'review'
  -- decision): before, any accept, reject or edit counted, which overstated
  -- progress. The cached flag is recomputed under the new meaning.
  UPDATE sentences SET reviewed = EXISTS (
    SELECT 1 FROM decisions d WHERE d.sentence_id = sentences.id AND d.kind = 'review' AND d.undone_at IS NULL);
  -- Why a finding went inactive without a decision, for the report: 'edited'
  -- (a change of the text covered what it flagged) or 'vanished' (a re-check no
  -- longer raised it, its text untouched). NULL: still active, or retired
  -- before this was recorded.
  ALTER TABLE findings ADD COLUMN retired TEXT;
  -- Offers to apply a word change elsewhere (Routte → Rutte), kept on their
  -- sentence until the editor answers: applied (the propagation ran), dismissed,
  -- or withdrawn by an undo of the change that made them. A reload keeps them.
  CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    from_text TEXT NOT NULL,
    to_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    answer TEXT CHECK (answer IN ('applied', 'dismissed', 'undone'))
  );
  CREATE INDEX offers_pending ON offers(document_id, answered_at, sentence_id);
  -- MQM on hand edits: an edit says which error it fixed (category, severity),
  -- given by the editor or taken from the findings it fixed; the report and the
  -- header count these with the accepted findings as confirmed errors.
  ALTER TABLE decisions ADD COLUMN mqm_category TEXT;
  ALTER TABLE decisions ADD COLUMN mqm_severity TEXT;
  -- Comments on a sentence (segment), for the report.
  CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    actor TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX comments_sentence ON comments(sentence_id);
  `,
  `
  -- Findings a re-check found but did not keep (past the cap per rule and per
  -- sentence, review/cap-findings.ts), counted by source then rule id as JSON
  -- ({"relecture": {"spelling/fr": 1200}}); NULL: none.
  ALTER TABLE sentences ADD COLUMN findings_left_out TEXT;
  `,
  `
  -- « Ignorer ce mot / cette règle dans ce document » (issue #14): a document's
  -- own known words and silenced rules, read by every re-check of the document.
  -- action_id is the decision's action that added the row, so its undo removes it.
  CREATE TABLE document_ignores (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('word', 'rule')),
    value TEXT NOT NULL,
    action_id TEXT NOT NULL,
    actor TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (document_id, kind, value)
  );
  CREATE INDEX document_ignores_action ON document_ignores(document_id, action_id);
  `,
  `
  -- The header's figures kept per document, moved by every change instead of
  -- aggregated over the whole document after every accept (issue #15; see
  -- sql/document-totals.ts): one row per figure, and each sentence's part of
  -- them as it was last counted. Filled here from what the database holds.
  CREATE TABLE document_counts (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (document_id, key)
  );
  ALTER TABLE sentences ADD COLUMN counted TEXT;
  CREATE TEMP TABLE sentence_counts AS
  SELECT s.id AS sentence_id, s.document_id AS document_id, 'sentences' AS k, 1 AS n FROM sentences s
  UNION ALL SELECT s.id, s.document_id, 'reviewed', s.reviewed FROM sentences s WHERE s.reviewed <> 0
  UNION ALL SELECT s.id, s.document_id, 'flagged', 1 FROM sentences s WHERE s.open_findings > 0
  UNION ALL SELECT s.id, s.document_id, 'ter_edits', s.ter_edits FROM sentences s WHERE s.ter_edits <> 0
  UNION ALL SELECT s.id, s.document_id, 'ref_words', s.ref_words FROM sentences s WHERE s.ref_words <> 0
  UNION ALL SELECT f.sentence_id, f.document_id, 'category:' || f.category, COUNT(*) FROM open_findings f GROUP BY f.sentence_id, f.document_id, f.category
  UNION ALL SELECT f.sentence_id, f.document_id, 'severity:' || f.severity, COUNT(*) FROM open_findings f GROUP BY f.sentence_id, f.document_id, f.severity
  UNION ALL SELECT c.sentence_id, c.document_id, 'confirmed:' || c.category || ':' || c.severity, COUNT(*) FROM (
    SELECT DISTINCT d.sentence_id AS sentence_id, d.document_id AS document_id, f.id AS id, f.category AS category, f.severity AS severity
    FROM decisions d JOIN findings f ON f.id = d.finding_id WHERE d.kind = 'accept' AND d.undone_at IS NULL
    UNION ALL
    SELECT d.sentence_id, d.document_id, -d.id, d.mqm_category, d.mqm_severity FROM decisions d
    WHERE d.kind = 'edit' AND d.undone_at IS NULL AND d.mqm_category IS NOT NULL AND d.mqm_severity IS NOT NULL
  ) c GROUP BY c.sentence_id, c.document_id, c.category, c.severity;
  CREATE INDEX temp.sentence_counts_sentence ON sentence_counts(sentence_id);
  UPDATE sentences SET counted = (SELECT json_group_object(k, n) FROM sentence_counts c WHERE c.sentence_id = sentences.id);
  INSERT INTO document_counts (document_id, key, n) SELECT document_id, k, SUM(n) FROM sentence_counts GROUP BY document_id, k;
  DROP TABLE temp.sentence_counts;
  `,
  `
  -- Long changes (a propagation to thousands of sentences, the re-check after
  -- a change of the corrections, the undo of a whole propagation) run as jobs
  -- in chunks, one transaction each, so other requests answer between them
  -- (issue #16, defect 5). A job's row says what it does (kind, params, the
  -- items: sentence or segment ids, in order) and how far it got: 'done' items
  -- and the counts so far are written in each chunk's own transaction, so a job
  -- cut off by a restart goes on from there.
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    items TEXT NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    counts TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    error TEXT,
    actor TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX jobs_state ON jobs(state, document_id);
  `,
  `
  -- The word an action appended to the project word list (« add to dictionary »,
  -- « ignorer ce mot dans le projet »), so its undo takes that line away again
  -- and no other: null when the word was in the list already (#14 follow-up).
  ALTER TABLE decisions ADD COLUMN added_word TEXT;
  `,
  `
  -- What the readers said of the imported files (an XLIFF's empty targets left
  -- out of the review, a correction repeated): before, the CLI printed it and the
  -- app dropped it, so an editor never learnt that units were not in the review.
  -- JSON: { total, warnings: the first 1,000 }.
  ALTER TABLE documents ADD COLUMN read_warnings TEXT NOT NULL DEFAULT '{"total":0,"warnings":[]}';
  `,
];

/** Runs one step (tests build old databases step by step). */
export function runMigration(db: Database.Database, step: Migration): void {
  if (typeof step === 'string') db.exec(step);
  else step(db);
}
