/**
 * Scores the checker on the evaluation set of `samples/eval/`: per error class,
 * the recall (an error counts as caught when a finding of the chosen severity or
 * worse overlaps its span in the MT), and the false alarms per 1000 words on the
 * gold versions, which are correct French.
 *
 *   npm run eval [-- --severity minor|info] [--engine grammalecte] [--source] [--misses] [--false-alarms] [--json]
 *
 * `--source` passes each text's line-aligned source to the checker: see
 * `checkDocument` below, the one place to plug a source-aware check in.
 */
import { parseArgs } from 'node:util';
import { alignTexts } from '../src/bilingual/align-texts.ts';
import { createChecker } from '../src/checker.ts';
import { isGrammalecteAvailable } from '../src/grammalecte/find-grammalecte.ts';
import { checkDocument as checkWithPipeline, type EngineName } from '../src/pipeline/check-document.ts';
import { CheckText } from '../src/pipeline/engine.ts';
import { closeSharedGrammalecte, grammalecteEngine } from '../src/pipeline/grammalecte-engine.ts';
import { RulesEngine } from '../src/pipeline/rules-engine.ts';
import { SEVERITIES, type Finding, type Severity } from '../src/types.ts';
import { DEFAULT_EVAL_DIR, ERROR_CLASSES, loadEvalSet, type EvalError, type EvalText } from './eval-set.ts';

const { values } = parseArgs({
  options: {
    severity: { type: 'string', default: 'minor' },
    engine: { type: 'string', multiple: true, default: [] },
    source: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
    'false-alarms': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    dir: { type: 'string', default: DEFAULT_EVAL_DIR },
  },
});
const threshold = values.severity as Severity;
if (!SEVERITIES.includes(threshold)) throw new Error(`--severity must be one of ${SEVERITIES.join(', ')}`);
const engines = values.engine as EngineName[];
if (engines.includes('grammalecte') && !isGrammalecteAvailable()) {
  console.error('eval: Grammalecte is not installed (apt-get install grammalecte-cli)');
  process.exit(2);
}

const checker = createChecker();

export interface DocumentInput {
  text: string;
  /** The line-aligned source, when `--source` is given. */
  source?: { text: string; lang: string };
}

/**
 * The hook for source-aware checking (issue #11): with `--source`, the text and
 * its source are aligned (paragraphs by line, sentences by length and numbers)
 * and each aligned pair is one segment of the check, carrying its source, as a
 * bilingual document is checked in the CLI and the app.
 */
async function checkDocument(input: DocumentInput): Promise<Finding[]> {
  const segments = input.source
    ? alignTexts(input.text, input.source.text, { mt: 'mt', source: 'source' }).map((pair) => ({ id: pair.id, start: pair.start, end: pair.end, source: pair.source }))
    : undefined;
  const result = await checkWithPipeline(new RulesEngine(checker), engines.includes('grammalecte') ? [grammalecteEngine()] : [], new CheckText(input.text, segments, input.source ? { sourceLanguage: input.source.lang } : {}));
  for (const failure of result.failures) console.error(`eval: ${failure.ruleId} failed: ${failure.message}`);
  return result.findings;
}

const atLeast = (f: Finding) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(threshold);
const countWords = (text: string) => (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;

interface Tally {
  errors: number;
  caught: number;
}
const byClass = new Map<string, Tally>();
const tally = (key: string) => byClass.get(key) ?? (byClass.set(key, { errors: 0, caught: 0 }), byClass.get(key)!);
const misses: Array<{ text: EvalText; error: EvalError }> = [];
const falseAlarms: Array<{ text: EvalText; finding: Finding }> = [];
let goldWords = 0;

const set = loadEvalSet(values.dir);
for (const text of set) {
  const source = values.source ? text.source : undefined;
  const onMt = (await checkDocument({ text: text.mt, source })).filter(atLeast);
  for (const error of text.errors) {
    const caught = onMt.some((f) => f.offset < error.end && f.offset + f.length > error.start);
    for (const key of [`${error.detectable}:${error.class}`, `${error.detectable}:all`]) {
      const t = tally(key);
      t.errors++;
      if (caught) t.caught++;
    }
    if (!caught) misses.push({ text, error });
  }
  const onGold = (await checkDocument({ text: text.gold, source })).filter(atLeast);
  for (const finding of onGold) falseAlarms.push({ text, finding });
  goldWords += countWords(text.gold);
}
closeSharedGrammalecte();

const perThousand = (n: number) => (n * 1000) / goldWords;
const ratio = (t: Tally | undefined) => (t && t.errors ? t.caught / t.errors : 0);
const falseAlarmsByRule = new Map<string, number>();
for (const { finding } of falseAlarms) falseAlarmsByRule.set(finding.ruleId, (falseAlarmsByRule.get(finding.ruleId) ?? 0) + 1);

if (values.json) {
  const classes = Object.fromEntries([...byClass.entries()].map(([k, t]) => [k, { ...t, recall: ratio(t) }]));
  console.log(JSON.stringify({ texts: set.length, goldWords, severity: threshold, engines, source: values.source, classes, falseAlarms: falseAlarms.length, falseAlarmsPer1000: perThousand(falseAlarms.length), falseAlarmsByRule: Object.fromEntries(falseAlarmsByRule) }, null, 2));
} else {
  console.log(`${set.length} texts, ${goldWords} gold words; findings ${threshold} or worse${engines.length ? `, engines: ${engines.join(', ')}` : ''}${values.source ? ', with the source' : ''}\n`);
  console.log('| class | detectable from the French | caught | recall | only with the source | caught |\n|---|---:|---:|---:|---:|---:|');
  for (const cls of [...ERROR_CLASSES, 'all']) {
    const fr = byClass.get(`fr:${cls}`);
    const src = byClass.get(`source:${cls}`);
    if (!fr && !src) continue;
    console.log(`| ${cls} | ${fr?.errors ?? 0} | ${fr?.caught ?? 0} | ${fr ? ratio(fr).toFixed(2) : '–'} | ${src?.errors ?? 0} | ${src?.caught ?? 0} |`);
  }
  console.log(`\nfalse alarms on the gold versions: ${falseAlarms.length} = ${perThousand(falseAlarms.length).toFixed(2)} per 1000 words`);
  for (const [rule, n] of [...falseAlarmsByRule.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${n}`);
  if (values['false-alarms']) {
    console.log('\nfalse alarms:');
    for (const { text, finding } of falseAlarms) console.log(`  ${text.name}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} «${finding.text}» ${finding.suggestions.length ? `→ ${finding.suggestions.slice(0, 2).join(' | ')}` : ''}`);
  }
  if (values.misses) {
    console.log('\nmissed:');
    for (const { text, error } of misses) console.log(`  ${text.name}:${error.line} ${error.class}/${error.detectable} «${error.wrong}» → «${error.right}»`);
  }
}
