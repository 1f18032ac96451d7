import { Router } from 'express';
import { findGrammalecte, INSTALL_HINT } from '../../grammalecte/find-grammalecte.ts';
import { GrammalecteEngine } from '../../pipeline/grammalecte-engine.ts';
import { CATEGORIES } from '../../types.ts';
import { field, type RouteContext } from './load.ts';
import { HttpError } from '../http-error.ts';
import { isLanguage, LANGUAGES, writePreferences } from '../preferences.ts';

/**
 * What checks the documents: the rule pack (how many rules, by category, which
 * are off) and the engines, with how to turn on what is missing.
 */
export function settingsRoutes(context: RouteContext): Router {
  const router = Router();
  router.get('/settings', async (_req, res) => {
    const { rules, enabledRules } = context.service.checker;
    const enabled = new Set(enabledRules.map((rule) => rule.id));
    const byCategory = CATEGORIES.map((category) => ({
      category,
      total: rules.filter((rule) => rule.category === category).length,
      on: enabledRules.filter((rule) => rule.category === category).length,
    })).filter((row) => row.total > 0);
    const grammalecte = findGrammalecte();
    res.render('settings', {
      title: 'Settings',
      ruleCount: rules.length,
      enabledCount: enabledRules.length,
      byCategory,
      offRules: rules.filter((rule) => !enabled.has(rule.id)).map((rule) => rule.id),
      grammalecte,
      grammarRunning: context.grammar.available,
      grammarPid: context.grammar.engine instanceof GrammalecteEngine ? context.grammar.engine.process?.pid : undefined,
      installHint: INSTALL_HINT,
      spaces: context.service.spaces,
      languages: LANGUAGES,
    });
  });

  // The editor's own preferences, kept in a cookie of their browser.
  router.post('/settings/preferences', (req, res) => {
    const lang = field(req.body, 'lang');
    if (!isLanguage(lang)) throw new HttpError(400, 'Unknown interface language « {lang} »: choose one of {languages}.', { lang, languages: LANGUAGES.join(', ') });
    writePreferences(res, { lang, autoReview: field(req.body, 'auto_review') === 'on' });
    res.redirect(303, '/settings');
  });
  return router;
}
