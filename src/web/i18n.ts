import type { Language } from './preferences.ts';
import { escapeHtml } from './render/escape-html.ts';

/**
 * The interface in the editor's language. Labels are written in English in the
 * views and looked up here, as gettext does: `t('Mark reviewed')` is the label in
 * English, and its French in the table below. `{name}` marks a value put in at
 * render time. The rules' messages are French already and are not translated.
 * test/web/i18n.test.ts checks that every label a view uses has its French.
 */
export type Translate = (english: string, values?: Record<string, string | number>) => string;

export const FRENCH: Readonly<Record<string, string>> = {
  // Layout, navigation, keys
  'Skip to content': 'Aller au contenu',
  Documents: 'Documents',
  'New document': 'Nouveau document',
  Settings: 'Réglages',
  Keyboard: 'Clavier',
  Main: 'Principal',
  Close: 'Fermer',
  'next / previous flagged sentence': 'phrase signalée suivante / précédente',
  'next finding or control; a finding shows its message when focused': 'erreur ou commande suivante ; une erreur montre son message quand elle a le focus',
  'accept the first suggestion of the focused finding (nothing, and a message, if it has none)': 'accepter la première suggestion de l’erreur qui a le focus (rien, et un message, si elle n’en a pas)',
  "accept the focused finding's first, second, third suggestion": 'accepter la première, deuxième, troisième suggestion de l’erreur qui a le focus',
  'reject the focused finding': 'rejeter l’erreur qui a le focus',
  "edit the sentence (<kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves, <kbd>Esc</kbd> leaves)": 'modifier la phrase (<kbd>Ctrl</kbd>+<kbd>Entrée</kbd> enregistre, <kbd>Échap</kbd> quitte)',
  "undo the sentence's last change": 'annuler la dernière modification de la phrase',
  'mark the sentence reviewed': 'marquer la phrase comme relue',
  'or': 'ou',
  'confirm: mark reviewed and go to the next flagged sentence not yet reviewed': 'confirmer : marquer comme relue et passer à la phrase signalée suivante pas encore relue',
  "open the sentence's offer to apply its change elsewhere": 'ouvrir la proposition d’appliquer la modification de la phrase ailleurs',
  'show or hide this list': 'afficher ou masquer cette liste',
  'This finding has no suggestion: nothing was changed. Edit the sentence (e) or reject it (r).': 'Cette erreur n’a pas de suggestion : rien n’a été modifié. Modifiez la phrase (e) ou rejetez-la (r).',
  'This finding has no suggestion {n}: nothing was changed.': 'Cette erreur n’a pas de suggestion {n} : rien n’a été modifié.',
  'No open finding in this sentence.': 'Aucune erreur ouverte dans cette phrase.',
  'No change to propagate from this sentence.': 'Aucune modification de cette phrase à propager.',

  // Documents list
  'No document yet.': 'Aucun document pour l’instant.',
  'Import a machine translation': 'Importez une traduction automatique',
  'to start a review.': 'pour commencer une relecture.',
  Title: 'Titre',
  Imported: 'Importé',
  Words: 'Mots',
  Progress: 'Progression',
  Flagged: 'Signalées',
  Actions: 'Actions',
  'grammar checked by Grammalecte': 'grammaire vérifiée par Grammalecte',
  'Reviewed sentences': 'Phrases relues',
  '{reviewed} / {total} reviewed ({percent} %)': '{reviewed} / {total} relues ({percent} %)',
  'Delete “{title}” and its review?': 'Supprimer « {title} » et sa relecture ?',
  Delete: 'Supprimer',
  'Which documents': 'Quels documents',
  'All documents': 'Tous les documents',
  'Assigned to me': 'Qui me sont confiés',
  'No document is assigned to you.': 'Aucun document ne vous est confié.',
  'See all documents': 'Voir tous les documents',
  'imported by {name}': 'importé par {name}',
  'assigned to <strong>{name}</strong>': 'confié à <strong>{name}</strong>',
  'Assign “{title}” to': 'Confier « {title} » à',
  nobody: 'personne',
  Assign: 'Confier',
  Users: 'Utilisateurs',
  'Signed in as <strong>{name}</strong>': 'Connecté en tant que <strong>{name}</strong>',
  'Sign out': 'Se déconnecter',
  by: 'par',
  'Sentence {n} was saved by <strong>{actor}</strong> ({kind}, {time}) after you opened it': 'La phrase {n} a été enregistrée par <strong>{actor}</strong> ({kind}, {time}) après que vous l’avez ouverte',

  // Import form
  'The document was not imported': 'Le document n’a pas été importé',
  line: 'ligne',
  'If the file comes from an older Windows program, tick <em>Convert from Windows-1252 / Latin-1</em> below and choose the file again.':
    'Si le fichier vient d’un ancien programme Windows, cochez <em>Convertir depuis Windows-1252 / Latin-1</em> ci-dessous et choisissez de nouveau le fichier.',
  'Nothing was stored.': 'Rien n’a été enregistré.',
  '(optional)': '(facultatif)',
  'From the file name or the first line': 'D’après le nom du fichier ou la première ligne',
  'Machine translation': 'Traduction automatique',
  'Paste the French text here, one paragraph a line…': 'Collez ici le texte français, un paragraphe par ligne…',
  '…or a text file': '…ou un fichier texte',
  'UTF-8 text, up to {limit}. A file takes precedence over pasted text.': 'Texte UTF-8, jusqu’à {limit}. Un fichier l’emporte sur le texte collé.',
  Corrections: 'Corrections',
  'TSV (<code>wrong⇥right⇥note</code>) or JSON (<code>[{"from", "to", "note"}]</code>) — for example a list exported from an earlier document.':
    'TSV (<code>faux⇥juste⇥note</code>) ou JSON (<code>[{"from", "to", "note"}]</code>) — par exemple une liste exportée d’un document précédent.',
  'Convert from Windows-1252 / Latin-1 if the file is not UTF-8': 'Convertir depuis Windows-1252 / Latin-1 si le fichier n’est pas en UTF-8',
  'Check grammar with Grammalecte': 'Vérifier la grammaire avec Grammalecte',
  '(agreement, conjugation)': '(accords, conjugaison)',
  'Grammalecte is not installed: grammar checking is off. To turn it on: <code>{hint}</code>, then restart Relecture.':
    'Grammalecte n’est pas installé : la vérification grammaticale est désactivée. Pour l’activer : <code>{hint}</code>, puis redémarrez Relecture.',
  'Import and check': 'Importer et vérifier',

  // Review page: header
  '{words} words · imported': '{words} mots · importé le',
  '<strong>{reviewed}</strong> reviewed · <strong>{flagged}</strong> flagged · <strong>{total}</strong> sentences': '<strong>{reviewed}</strong> relues · <strong>{flagged}</strong> signalées · <strong>{total}</strong> phrases',
  '({percent} % reviewed)': '({percent} % relues)',
  'figures and chart': 'chiffres et graphique',
  'Human-targeted Translation Edit Rate: word edits from the MT text to the current text, over its words': 'Taux de post-édition (HTER) : mots modifiés du texte de la TA au texte actuel, rapportés à ses mots',
  'MQM penalty': 'Pénalité MQM',
  'MQM-style penalty per 1000 words from confirmed errors (minor 1, major 5, critical 25)': 'Pénalité de type MQM pour 1000 mots, d’après les erreurs confirmées (mineure 1, majeure 5, critique 25)',
  '/ 1000 words': '/ 1000 mots',
  'Open findings by severity and by category': 'Erreurs ouvertes par gravité et par catégorie',
  Document: 'Document',
  'Corrections list': 'Liste des corrections',
  'Export:': 'Exporter :',
  'Corrected text (.txt)': 'Texte corrigé (.txt)',
  'Changes (.patch)': 'Modifications (.patch)',
  'Report (JSON)': 'Rapport (JSON)',
  'Report (CSV)': 'Rapport (CSV)',
  'Corrections (.tsv)': 'Corrections (.tsv)',

  // Review page: filters
  Show: 'Afficher',
  'Flagged, not yet reviewed': 'Signalées, pas encore relues',
  'All sentences': 'Toutes les phrases',
  'Not yet reviewed': 'Pas encore relues',
  Reviewed: 'Relues',
  Category: 'Catégorie',
  Severity: 'Gravité',
  Rule: 'Règle',
  Any: 'Toutes',
  Text: 'Texte',
  'Search the sentences': 'Chercher dans les phrases',
  Filter: 'Filtrer',
  Reset: 'Réinitialiser',
  '{n} sentence': '{n} phrase',
  '{n} sentences': '{n} phrases',
  ' · page {page} of {pages}': ' · page {page} sur {pages}',
  'No sentence matches these filters.': 'Aucune phrase ne correspond à ces filtres.',
  Pages: 'Pages',
  '← Previous': '← Précédente',
  'Next →': 'Suivante →',
  'Page {page} of {pages}': 'Page {page} sur {pages}',

  // A sentence
  'Sentence {n}': 'Phrase {n}',
  'Open sentence {n}: diff and history': 'Ouvrir la phrase {n} : différences et historique',
  '{n} open': '{n} ouverte(s)',
  '{n} rejected': '{n} rejetée(s)',
  edited: 'modifiée',
  '✓ reviewed': '✓ relue',
  'Nothing (more) to change in this sentence (m)': 'Plus rien à changer dans cette phrase (m)',
  'Mark reviewed': 'Marquer relue',
  'Mark reviewed and go to the next flagged sentence (c, Ctrl+Enter)': 'Marquer relue et passer à la phrase signalée suivante (c, Ctrl+Entrée)',
  'Confirm and next': 'Confirmer et suivante',
  'Undo the last change (u)': 'Annuler la dernière modification (u)',
  Undo: 'Annuler',
  'Changes from the MT': 'Modifications depuis la TA',
  MT: 'TA',
  Now: 'Maintenant',
  '« {from} » → « {to} » : <strong>{count}</strong> other occurrence in the document.': '« {from} » → « {to} » : <strong>{count}</strong> autre occurrence dans le document.',
  '« {from} » → « {to} » : <strong>{count}</strong> other occurrences in the document.': '« {from} » → « {to} » : <strong>{count}</strong> autres occurrences dans le document.',
  'Review and apply to all {count}': 'Vérifier et appliquer aux {count}',
  Dismiss: 'Écarter',
  '{n} change waits to be applied elsewhere': '{n} modification attend d’être appliquée ailleurs',
  '{n} changes wait to be applied elsewhere': '{n} modifications attendent d’être appliquées ailleurs',
  'Accept ({keys}): « {text} »': 'Accepter ({keys}) : « {text} »',
  Accept: 'Accepter',
  'no suggestion: edit the sentence (e)': 'pas de suggestion : modifiez la phrase (e)',
  'Reason for rejecting (optional)': 'Raison du rejet (facultatif)',
  'reason (optional)': 'raison (facultatif)',
  'Reject (r)': 'Rejeter (r)',
  Reject: 'Rejeter',
  rejected: 'rejetée',
  '{n} other finding, outside the filter': '{n} autre erreur, hors du filtre',
  '{n} other findings, outside the filter': '{n} autres erreurs, hors du filtre',
  'Edit the sentence': 'Modifier la phrase',
  Save: 'Enregistrer',
  'Ctrl+Enter saves · version {version}': 'Ctrl+Entrée enregistre · version {version}',
  critical: 'critique',
  major: 'majeure',
  minor: 'mineure',
  info: 'info',

  // Sentence page
  Breadcrumb: 'Fil d’Ariane',
  'Sentence {n} of {total}': 'Phrase {n} sur {total}',
  '← Previous flagged': '← Signalée précédente',
  'Next flagged →': 'Signalée suivante →',
  'Machine translation and current version': 'Traduction automatique et version actuelle',
  'Current version': 'Version actuelle',
  '(version {version})': '(version {version})',
  'No change yet.': 'Aucune modification pour l’instant.',
  History: 'Historique',
  'No change yet: the sentence is as the machine translated it.': 'Aucune modification : la phrase est telle que la machine l’a traduite.',
  'edited by hand': 'modifiée à la main',
  'marked as reviewed': 'marquée comme relue',
  undone: 'annulé',
  accept: 'acceptation',
  reject: 'rejet',
  edit: 'modification',
  propagate: 'propagation',
  review: 'relue',
  undo: 'annulation',

  // Conflict page
  Conflict: 'Conflit',
  'This sentence changed in the meantime': 'Cette phrase a changé entre-temps',
  'Sentence {n} was saved elsewhere (another tab or person) after you opened it': 'La phrase {n} a été enregistrée ailleurs (un autre onglet ou une autre personne) après que vous l’avez ouverte',
  ': you were editing version {yours}, it is now version {saved}': ' : vous modifiiez la version {yours}, elle en est à la version {saved}',
  '. Nothing was overwritten and your change was not saved.': '. Rien n’a été écrasé et votre modification n’a pas été enregistrée.',
  'Saved version': 'Version enregistrée',
  'The other change, against the text you started from: deleted words struck through, added words marked.': 'L’autre modification, par rapport au texte de départ : mots supprimés barrés, mots ajoutés surlignés.',
  'Your version': 'Votre version',
  '(against the saved one)': '(par rapport à celle enregistrée)',
  'What saving yours would change in the saved version: deletions struck through, additions marked.': 'Ce qu’enregistrer la vôtre changerait à la version enregistrée : suppressions barrées, ajouts surlignés.',
  'Keep the saved version': 'Garder la version enregistrée',
  'Save mine over it': 'Enregistrer la mienne à sa place',

  // Propagation
  'Apply a change everywhere': 'Appliquer une modification partout',
  '« {from} » does not occur anywhere else in the document.': '« {from} » n’apparaît nulle part ailleurs dans le document.',
  'Back to the review': 'Retour à la relecture',
  '<strong>{total}</strong> occurrence(s) in <strong>{sentences}</strong> sentence(s) (whole words). Untick a sentence to leave it as it is.':
    '<strong>{total}</strong> occurrence(s) dans <strong>{sentences}</strong> phrase(s) (mots entiers). Décochez une phrase pour la laisser telle quelle.',
  "Add « {from} » → « {to} » to this document's corrections list": 'Ajouter « {from} » → « {to} » à la liste des corrections de ce document',
  'Apply to {total} occurrence(s)': 'Appliquer aux {total} occurrence(s)',
  Cancel: 'Annuler',

  // Corrections
  'Export as TSV': 'Exporter en TSV',
  'Known fixes for this document: flagged wherever they occur. Changes you apply everywhere are learned here; an exported list can be imported with the next document.':
    'Les corrections connues de ce document, signalées partout où elles apparaissent. Les modifications appliquées partout sont apprises ici ; une liste exportée peut être importée avec le document suivant.',
  'Not added': 'Non ajoutée',
  'Nothing was changed.': 'Rien n’a été modifié.',
  'The list is empty.': 'La liste est vide.',
  Wrong: 'Faux',
  Right: 'Juste',
  Note: 'Note',
  Origin: 'Origine',
  'Remove {from}': 'Retirer {from}',
  Remove: 'Retirer',
  'Add an entry': 'Ajouter une entrée',
  Add: 'Ajouter',
  'Import a list': 'Importer une liste',
  'TSV or JSON file': 'Fichier TSV ou JSON',
  'Entries are added; an entry for a word already in the list replaces its fix.': 'Les entrées sont ajoutées ; une entrée pour un mot déjà présent remplace sa correction.',
  Import: 'Importer',

  'A check failed': 'Une vérification a échoué',
  '{n} checks failed': '{n} vérifications ont échoué',
  'on this document: what they would have found is missing; the other findings are all there.': 'sur ce document : ce qu’elles auraient trouvé manque ; les autres erreurs sont toutes là.',
  rule: 'règle',

  // Errors
  'Back to the documents': 'Retour aux documents',
  'Not found': 'Introuvable',
  Refused: 'Refusé',
  'Too large': 'Trop volumineux',
  'Cannot do that': 'Impossible',
  'The input cannot be used': 'Le texte ne peut pas être utilisé',
  'The form cannot be used': 'Le formulaire ne peut pas être utilisé',
  'Something went wrong': 'Une erreur est survenue',

  // Settings
  'Your preferences': 'Vos préférences',
  'Interface language': 'Langue de l’interface',
  'Mark a sentence reviewed when I decide its last open finding (otherwise only <em>Mark reviewed</em>, <kbd>m</kbd> and <em>Confirm and next</em>, <kbd>c</kbd>, do)':
    'Marquer une phrase relue quand je traite sa dernière erreur ouverte (sinon seuls <em>Marquer relue</em>, <kbd>m</kbd>, et <em>Confirmer et suivante</em>, <kbd>c</kbd>, le font)',
  'Save preferences': 'Enregistrer les préférences',
  'a narrow no-break space (U+202F)': 'une espace fine insécable (U+202F)',
  'a no-break space (U+00A0)': 'une espace insécable (U+00A0)',
  'an ordinary space': 'une espace ordinaire',
  'Fixes put {space} before ; : ! ? and inside « » (<code>RELECTURE_SPACES</code>: narrow, nbsp or plain), and follow each document’s apostrophe (\' or ’).':
    'Les corrections mettent {space} avant ; : ! ? et à l’intérieur des « » (<code>RELECTURE_SPACES</code> : narrow, nbsp ou plain), et suivent l’apostrophe de chaque document (\' ou ’).',
  Rules: 'Règles',

  // Grammar status
  'Grammar check failed:': 'La vérification grammaticale a échoué :',
  'Grammar (Grammalecte):': 'Grammaire (Grammalecte) :',
  'Grammar (Grammalecte): every sentence checked.': 'Grammaire (Grammalecte) : toutes les phrases vérifiées.',
  'Reload to see its findings': 'Recharger pour voir ses erreurs',
  Reload: 'Recharger',
  'checking…': 'vérification…',
  'sentence to go.': 'phrase restante.',
  'sentences to go.': 'phrases restantes.',
  'Its findings appear as it goes; reload to see them.': 'Ses erreurs apparaissent au fur et à mesure ; rechargez pour les voir.',
  'on, every sentence checked.': 'activée, toutes les phrases vérifiées.',
  'Grammar:': 'Grammaire :',
  'off for this document.': 'désactivée pour ce document.',
  'Try again': 'Réessayer',
  'Turn grammar off': 'Désactiver la grammaire',
  '<strong>Grammar checking is on</strong> for this document, but Grammalecte is not installed on this machine: its findings are not updated. To install it: <code>{hint}</code>, then restart Relecture.':
    '<strong>La vérification grammaticale est activée</strong> pour ce document, mais Grammalecte n’est pas installé sur cette machine : ses erreurs ne sont pas mises à jour. Pour l’installer : <code>{hint}</code>, puis redémarrez Relecture.',
  '{n} sentence not checked; the rules’ findings are all there.': '{n} phrase non vérifiée ; les erreurs des règles sont toutes là.',
  '{n} sentences not checked; the rules’ findings are all there.': '{n} phrases non vérifiées ; les erreurs des règles sont toutes là.',
};

/** For labels that hold markup: the values are escaped, the label is not (output it with `<%-`). */
export function htmlTranslator(lang: Language): Translate {
  const t = translator(lang);
  return (english, values) => t(english, values && Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(String(v))])));
}

export function translator(lang: Language): Translate {
  return (english, values) => {
    const text = lang === 'fr' ? (FRENCH[english] ?? english) : english;
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
  };
}
