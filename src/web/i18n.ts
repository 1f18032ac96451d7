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

/** The source name a document gets when it has no file name of its own (routes/documents.ts); shown translated. */
export const UNNAMED_SOURCES = ['pasted text', 'uploaded file'] as const;

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
  '{n} open': '{n} {n|ouverte|ouvertes}',
  '{n} rejected': '{n} {n|rejetée|rejetées}',
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
  'What to reject': 'Que rejeter',
  'this finding only': 'cette erreur seulement',
  'ignore this word in this document': 'ignorer ce mot dans ce document',
  'ignore this word in the project': 'ignorer ce mot dans le projet',
  'ignore this rule in this document': 'ignorer cette règle dans ce document',
  'Add to dictionary': 'Ajouter au dictionnaire',
  'Add « {word} » to the project word list (.relecture/words.txt): later checks leave it alone': 'Ajouter « {word} » à la liste de mots du projet (.relecture/words.txt) : les vérifications suivantes le laissent tranquille',
  rejected: 'rejetée',
  '{n} other finding, outside the filter': '{n} autre erreur, hors du filtre',
  '{n} other findings, outside the filter': '{n} autres erreurs, hors du filtre',
  'Edit the sentence': 'Modifier la phrase',
  'Error fixed (MQM)': 'Erreur corrigée (MQM)',
  'from the findings it fixes (here: {category}, {severity})': 'd’après les erreurs corrigées (ici : {category}, {severity})',
  'from the findings it fixes': 'd’après les erreurs corrigées',
  'none: a preference, not an error': 'aucune : une préférence, pas une erreur',
  'severity of the findings': 'gravité des erreurs corrigées',
  Comment: 'Commentaire',
  'Comment on sentence {n}': 'Commentaire sur la phrase {n}',
  'Add the comment': 'Ajouter le commentaire',
  'MQM score': 'Score MQM',
  '100 minus the penalty points per 100 words, from the confirmed errors': '100 moins les points de pénalité pour 100 mots, d’après les erreurs confirmées',
  'Confirmed errors (accepted findings and categorised edits)': 'Erreurs confirmées (erreurs acceptées et modifications catégorisées)',
  'None yet.': 'Aucune pour l’instant.',
  Save: 'Enregistrer',
  'Ctrl+Enter saves · version {version}': 'Ctrl+Entrée enregistre · version {version}',
  // MQM's categories (src/types.ts CATEGORIES), as a French editor reads them; forms and exports keep the ids.
  'accuracy/untranslated': 'exactitude/non traduit',
  'accuracy/mistranslation': 'exactitude/contresens',
  'fluency/spelling': 'fluidité/orthographe',
  'fluency/grammar': 'fluidité/grammaire',
  'fluency/punctuation': 'fluidité/ponctuation',
  'fluency/repetition': 'fluidité/répétition',
  'fluency/unintelligible': 'fluidité/inintelligible',
  terminology: 'terminologie',
  style: 'style',
  'locale-convention': 'convention locale',
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
  '<strong>{total}</strong> {total|occurrence|occurrences} in <strong>{sentences}</strong> {sentences|sentence|sentences} (whole words). Untick a sentence to leave it as it is.':
    '<strong>{total}</strong> {total|occurrence|occurrences} dans <strong>{sentences}</strong> {sentences|phrase|phrases} (mots entiers). Décochez une phrase pour la laisser telle quelle.',
  "Add « {from} » → « {to} » to this document's corrections list": 'Ajouter « {from} » → « {to} » à la liste des corrections de ce document',
  'Apply to {total} {total|occurrence|occurrences}': 'Appliquer {total|à l’occurrence|aux {total} occurrences}',
  Cancel: 'Annuler',

  // Long changes run in chunks (the job page)
  Propagation: 'Propagation',
  'Re-check after a change of the corrections': 'Nouvelle vérification après une modification des corrections',
  'Undo of a propagation': 'Annulation d’une propagation',
  'In progress: {done} of {total}. This page reloads itself; other pages can be used meanwhile.': 'En cours : {done} sur {total}. Cette page se recharge d’elle-même ; les autres pages restent utilisables.',
  'Stopped after {done} of {total}: {error}. What was done before is kept.': 'Arrêté après {done} sur {total} : {error}. Ce qui a été fait avant est conservé.',
  'Done: {done} of {total}.': 'Terminé : {done} sur {total}.',
  '{n} {n|occurrence|occurrences} changed in {s} {s|sentence|sentences}.': '{n} {n|occurrence modifiée|occurrences modifiées} dans {s} {s|phrase|phrases}.',
  '{n} {n|sentence put back as it was|sentences put back as they were}.': '{n} {n|phrase remise|phrases remises} comme avant.',
  '{n} {n|paragraph|paragraphs} checked again.': '{n} {n|paragraphe vérifié|paragraphes vérifiés} de nouveau.',
  '{n} {n|sentence left as it was|sentences left as they were}: changed since.': '{n} {n|phrase laissée telle quelle : modifiée|phrases laissées telles quelles : modifiées} depuis.',
  'Undo the whole propagation': 'Annuler toute la propagation',
  'Details, or undo it all': 'Détails, ou tout annuler',

  // Bulk actions (routes/bulk.ts)
  'Bulk actions': 'Actions groupées',
  'Bulk action': 'Action groupée',
  'Every open finding of the rule': 'Toutes les erreurs ouvertes de la règle',
  'Accept all…': 'Tout accepter…',
  'Reject all…': 'Tout rejeter…',
  'Switch off for this document…': 'Désactiver pour ce document…',
  'Every open finding on the word': 'Toutes les erreurs ouvertes sur le mot',
  'Reject everywhere…': 'Rejeter partout…',
  'Rules switched off for this document:': 'Règles désactivées pour ce document :',
  'Switch on again': 'Réactiver',
  'Accept every finding of a rule': 'Accepter toutes les erreurs d’une règle',
  'Reject every finding of a rule': 'Rejeter toutes les erreurs d’une règle',
  'Reject a word everywhere': 'Rejeter un mot partout',
  'Switch a rule off for this document': 'Désactiver une règle pour ce document',
  'No open finding to act on.': 'Aucune erreur ouverte à traiter.',
  '<strong>{n}</strong> {n|finding|findings} in <strong>{s}</strong> {s|sentence|sentences}: {numbers}.': '<strong>{n}</strong> {n|erreur|erreurs} dans <strong>{s}</strong> {s|phrase|phrases} : {numbers}.',
  'Nothing changes before you confirm. One undo reverts the whole action; a sentence changed meanwhile is left as it is.': 'Rien ne change avant votre confirmation. Une seule annulation défait toute l’action ; une phrase modifiée entre-temps est laissée telle quelle.',
  '… and {n} more {n|sentence|sentences}.': '… et {n} {n|autre phrase|autres phrases}.',
  'Accept {n} {n|finding|findings}': 'Accepter {n} {n|erreur|erreurs}',
  'Reject {n} {n|finding|findings}': 'Rejeter {n} {n|erreur|erreurs}',
  'Switched off, the rule raises nothing more in this document, also after an edit; it can be switched on again from the review page.': 'Désactivée, la règle ne signale plus rien dans ce document, même après une modification ; elle peut être réactivée depuis la page de relecture.',
  'Switch the rule off ({n} {n|finding|findings} withdrawn)': 'Désactiver la règle ({n} {n|erreur retirée|erreurs retirées})',
  '{n} {n|finding|findings} accepted in {s} {s|sentence|sentences}.': '{n} {n|erreur acceptée|erreurs acceptées} dans {s} {s|phrase|phrases}.',
  '{n} {n|finding|findings} rejected in {s} {s|sentence|sentences}.': '{n} {n|erreur rejetée|erreurs rejetées} dans {s} {s|phrase|phrases}.',
  '{n} {n|sentence left as it was|sentences left as they were}: changed since the preview.': '{n} {n|phrase laissée telle quelle : modifiée|phrases laissées telles quelles : modifiées} depuis l’aperçu.',
  'Undo the whole action': 'Annuler toute l’action',

  // Server messages: notices after a redirect (routes/load.ts NOTICES), error pages, the header's chart
  'Grammar checking is on: Grammalecte is checking the sentences.': 'La vérification grammaticale est activée : Grammalecte vérifie les phrases.',
  'Grammar checking is off: its findings are no longer shown.': 'La vérification grammaticale est désactivée : ses erreurs ne sont plus affichées.',
  '{n} {n|occurrence|occurrences} changed in {s} {s|sentence|sentences}, added to the corrections.': '{n} {n|occurrence modifiée|occurrences modifiées} dans {s} {s|phrase|phrases}, {n|ajoutée|ajoutées} aux corrections.',
  'Nothing was changed: no open finding to act on.': 'Rien n’a été modifié : aucune erreur ouverte à traiter.',
  'The rule is switched off for this document: its open findings are withdrawn.': 'La règle est désactivée pour ce document : ses erreurs ouvertes sont retirées.',
  'The rule is switched on again: {n} {n|paragraph|paragraphs} checked again.': 'La règle est réactivée : {n} {n|paragraphe vérifié|paragraphes vérifiés} de nouveau.',
  'The word is checked again: {n} {n|paragraph|paragraphs} checked again.': 'Le mot est de nouveau vérifié : {n} {n|paragraphe vérifié|paragraphes vérifiés} de nouveau.',
  'Nothing was changed: the document no longer ignores it.': 'Rien n’a été modifié : le document ne l’ignore plus.',
  '« {word} » is ignored in this document: its findings are withdrawn ({n} other {n|paragraph|paragraphs} checked again).': '« {word} » est ignoré dans ce document : ses erreurs sont retirées ({n} {n|autre paragraphe vérifié|autres paragraphes vérifiés} de nouveau).',
  'The rule {rule} is ignored in this document: its findings are withdrawn ({n} other {n|paragraph|paragraphs} checked again).': 'La règle {rule} est ignorée dans ce document : ses erreurs sont retirées ({n} {n|autre paragraphe vérifié|autres paragraphes vérifiés} de nouveau).',
  'Words ignored in this document:': 'Mots ignorés dans ce document :',
  '« {word} » is added to the project’s word list: its findings are withdrawn ({n} {n|paragraph|paragraphs} checked again).': '« {word} » est ajouté à la liste de mots du projet : ses erreurs sont retirées ({n} {n|paragraphe vérifié|paragraphes vérifiés} de nouveau).',
  'Stop ignoring': 'Ne plus ignorer',
  'The user was added.': 'L’utilisateur a été ajouté.',
  'The user’s role was changed.': 'Le rôle de l’utilisateur a été modifié.',
  'The user was removed; their decisions keep their name.': 'L’utilisateur a été supprimé ; ses décisions gardent son nom.',
  'The document’s assignment was changed.': 'L’attribution du document a été modifiée.',
  'This page does not exist.': 'Cette page n’existe pas.',
  'This document does not exist.': 'Ce document n’existe pas.',
  'This sentence does not exist.': 'Cette phrase n’existe pas.',
  'This job does not exist.': 'Cette tâche n’existe pas.',
  'This offer does not exist.': 'Cette proposition n’existe pas.',
  'This propagation does not exist.': 'Cette propagation n’existe pas.',
  'This export does not exist.': 'Cet export n’existe pas.',
  'This server does not answer to the name “{name}”. Open it at {url}, or add the name to RELECTURE_ALLOWED_HOSTS.':
    'Ce serveur ne répond pas au nom « {name} ». Ouvrez-le à l’adresse {url}, ou ajoutez ce nom à RELECTURE_ALLOWED_HOSTS.',
  'This form has expired or did not come from this application. Reload the page and try again.':
    'Ce formulaire a expiré ou ne vient pas de cette application. Rechargez la page et réessayez.',
  'This form did not come from this application: it was sent from another site or port. Reload the page and try again.':
    'Ce formulaire ne vient pas de cette application : il a été envoyé depuis un autre site ou un autre port. Rechargez la page et réessayez.',
  'Unknown server name': 'Nom de serveur inconnu',
  Enter: 'Entrée',
  'Findings of sentence {n}': 'Erreurs de la phrase {n}',
  'Findings {from}–{to} of {total}:': 'Erreurs {from} à {to} sur {total} :',
  previous: 'précédentes',
  next: 'suivantes',
  '{n} more findings left out in this sentence ({rules}): a sentence keeps at most {perRule} findings of a rule and {perSentence} in all. Fixing or splitting it shows the rest.':
    '{n} autres erreurs laissées de côté dans cette phrase ({rules}) : une phrase garde au plus {perRule} erreurs d’une règle et {perSentence} en tout. La corriger ou la couper montre le reste.',
  '{n} more finding left out in this sentence ({rules}): a sentence keeps at most {perRule} findings of a rule and {perSentence} in all. Fixing or splitting it shows the rest.':
    '{n} autre erreur laissée de côté dans cette phrase ({rules}) : une phrase garde au plus {perRule} erreurs d’une règle et {perSentence} en tout. La corriger ou la couper montre le reste.',
  'Corrected file': 'Fichier corrigé',
  'Source and target (.csv)': 'Source et cible (.csv)',
  'Reviewed pairs (.tmx)': 'Paires relues (.tmx)',
  'and {n} more': 'et {n} de plus',
  'Changed by {name} ({kind}) since this page was loaded.': 'Modifiée par {name} ({kind}) depuis le chargement de cette page.',
  'Changed elsewhere ({kind}) since this page was loaded.': 'Modifiée ailleurs ({kind}) depuis le chargement de cette page.',
  'Reload to see it': 'Recharger pour la voir',
  change: 'changement',
  // The import form's refusals (routes/documents.ts), and the readers' reasons that carry no value
  'pasted text': 'texte collé',
  'uploaded file': 'fichier envoyé',
  'Grammar checking was asked for, but Grammalecte is not installed on this machine ({hint}). Untick “Check grammar” to import without it.':
    'La vérification grammaticale a été demandée, mais Grammalecte n’est pas installé sur cette machine ({hint}). Décochez « Vérifier la grammaire » pour importer sans elle.',
  'The pasted text contains only whitespace or invisible characters: there is no text to check.':
    'Le texte collé ne contient que des espaces ou des caractères invisibles : il n’y a pas de texte à vérifier.',
  'Paste the machine translation or choose a file.': 'Collez la traduction automatique ou choisissez un fichier.',
  'is empty: there is no text to check': 'est vide : il n’y a pas de texte à vérifier',
  'contains only whitespace: there is no text to check': 'ne contient que des espaces : il n’y a pas de texte à vérifier',
  'contains only whitespace or invisible characters: there is no text to check': 'ne contient que des espaces ou des caractères invisibles : il n’y a pas de texte à vérifier',
  'has no sentence to review': 'n’a aucune phrase à relire',
  // The readers' reasons (src/text/decode-input.ts, src/corrections/parse-corrections.ts), after the file's name
  'is {size}, over the limit of {limit}': 'fait {size}, au-delà de la limite de {limit}',
  'is UTF-16 ({order}, with a byte order mark), not UTF-8: save it as UTF-8': 'est en UTF-16 ({order}, avec une marque d’ordre des octets), pas en UTF-8 : enregistrez-le en UTF-8',
  'looks like binary data, not text (a NUL byte at byte {at})': 'ressemble à des données binaires, pas à du texte (un octet NUL à l’octet {at})',
  'is not UTF-8: it looks like {guess} (byte 0x{byte}, “{sample}” in {guess}, at byte {at}); convert it to UTF-8':
    'n’est pas en UTF-8 : il semble être en {guess} (octet 0x{byte}, « {sample} » en {guess}, à l’octet {at}) ; convertissez-le en UTF-8',
  'expected “wrong<TAB>right[<TAB>note]”, found no tab in “{text}”': 'attendu « faux<TAB>juste[<TAB>note] », aucune tabulation dans « {text} »',
  'expected at most 3 tab-separated columns (wrong, right, note), found {n}': 'au plus 3 colonnes séparées par des tabulations attendues (faux, juste, note), {n} trouvées',
  'is not valid JSON: {error}': 'n’est pas du JSON valide : {error}',
  'expected a JSON array of {"from", "to", "note"} objects': 'attendu un tableau JSON d’objets {"from", "to", "note"}',
  'entry {n} is not an object with "from" and "to"': 'l’entrée {n} n’est pas un objet avec "from" et "to"',
  'entry {n}: "{key}" must be a string': 'entrée {n} : "{key}" doit être une chaîne',
  'entry {n}: "note" must be a string': 'entrée {n} : "note" doit être une chaîne',
  'the wrong form has a lone surrogate (U+{code}), half of a character: it is not text': 'la forme fausse contient un demi-caractère isolé (U+{code}) : ce n’est pas du texte',
  'the right form has a lone surrogate (U+{code}), half of a character: it is not text': 'la forme juste contient un demi-caractère isolé (U+{code}) : ce n’est pas du texte',
  'the note has a lone surrogate (U+{code}), half of a character: it is not text': 'la note contient un demi-caractère isolé (U+{code}) : ce n’est pas du texte',
  'the wrong form (first column) is empty': 'la forme fausse (première colonne) est vide',
  'the right form (second column) for “{wrong}” is empty': 'la forme juste (deuxième colonne) de « {wrong} » est vide',
  '“{wrong}” is corrected to itself': '« {wrong} » est corrigé en lui-même',
  '“{wrong}” is corrected to “{right}” here but to “{earlier}” at line {line}': '« {wrong} » est corrigé en « {right} » ici, mais en « {earlier} » à la ligne {line}',
  'is empty: choose a TSV or JSON file': 'est vide : choisissez un fichier TSV ou JSON',
  // The bilingual readers' reasons (src/formats/, src/bilingual/), after the file's name and line
  'is empty': 'est vide',
  'is not valid {encoding}': 'n’est pas de l’{encoding} valide',
  'is not valid {encoding} (first bad byte at offset {at})': 'n’est pas de l’{encoding} valide (premier octet fautif à la position {at})',
  'declares encoding {encoding}; save it as UTF-8': 'déclare l’encodage {encoding} ; enregistrez-le en UTF-8',
  'malformed XML at column {column}: {error}': 'XML mal formé à la colonne {column} : {error}',
  // saxes' commonest words, as reasons of our own (src/formats/xml-errors.ts)
  'malformed XML at column {column}: the element <{tag}> is never closed': 'XML mal formé à la colonne {column} : l’élément <{tag}> n’est jamais fermé',
  'malformed XML at column {column}: </{tag}> closes an element that is not open': 'XML mal formé à la colonne {column} : </{tag}> ferme un élément qui n’est pas ouvert',
  'malformed XML at column {column}: a closing tag that does not match the element open there': 'XML mal formé à la colonne {column} : une balise fermante qui ne correspond pas à l’élément ouvert à cet endroit',
  'malformed XML at column {column}: the file ends in the middle of the markup': 'XML mal formé à la colonne {column} : le fichier s’arrête au milieu du balisage',
  'malformed XML at column {column}: text outside the root element': 'XML mal formé à la colonne {column} : du texte hors de l’élément racine',
  'malformed XML at column {column}: the document has no root element': 'XML mal formé à la colonne {column} : le document n’a pas d’élément racine',
  'malformed XML at column {column}: a second root element (a document has one)': 'XML mal formé à la colonne {column} : un second élément racine (un document n’en a qu’un)',
  'malformed XML at column {column}: a character not allowed here': 'XML mal formé à la colonne {column} : un caractère interdit à cet endroit',
  'malformed XML at column {column}: the attribute {name} is given twice': 'XML mal formé à la colonne {column} : l’attribut {name} est donné deux fois',
  'malformed XML at column {column}: the namespace prefix {prefix} is not declared': 'XML mal formé à la colonne {column} : le préfixe d’espace de noms {prefix} n’est pas déclaré',
  'malformed XML at column {column}: a malformed character reference (&#…;)': 'XML mal formé à la colonne {column} : une référence de caractère mal formée (&#…;)',
  'malformed XML at column {column}: an attribute without a quoted value': 'XML mal formé à la colonne {column} : un attribut sans valeur entre guillemets',
  'malformed XML at column {column}: a malformed comment': 'XML mal formé à la colonne {column} : un commentaire mal formé',
  'malformed XML at column {column}: two attributes with no space between them': 'XML mal formé à la colonne {column} : deux attributs sans espace entre eux',
  'malformed XML at column {column}: the XML declaration (<?xml …?>) is not at the very start of the file':
    'XML mal formé à la colonne {column} : la déclaration XML (<?xml …?>) n’est pas tout au début du fichier',
  'malformed XML at column {column}: a / in an opening tag not followed by >': 'XML mal formé à la colonne {column} : une / dans une balise ouvrante, sans > après',
  'malformed XML at column {column}: the XML declaration gives a version other than 1.x': 'XML mal formé à la colonne {column} : la déclaration XML donne une version autre que 1.x',
  'malformed XML at column {column}: a <!DOCTYPE> after the start of the document': 'XML mal formé à la colonne {column} : un <!DOCTYPE> après le début du document',
  'malformed XML at column {column}: a bare & in the text: write it &amp;': 'XML mal formé à la colonne {column} : un & seul dans le texte : écrivez-le &amp;',
  'malformed XML at column {column}: a bare < in the text: write it &lt;': 'XML mal formé à la colonne {column} : un < seul dans le texte : écrivez-le &lt;',
  'malformed XML at column {column}: an entity XML does not define (such as &nbsp;): write the character itself, or its number (&#160;)':
    'XML mal formé à la colonne {column} : une entité que XML ne définit pas (comme &nbsp;) : écrivez le caractère lui-même, ou son numéro (&#160;)',
  'has no XML element': 'n’a aucun élément XML',
  'declares the entity &{name}; as an outside file ({kind}): Relecture reads no external entity; write its text in the file':
    'déclare l’entité &{name}; comme un fichier extérieur ({kind}) : Relecture ne lit aucune entité externe ; écrivez son texte dans le fichier',
  'declares the entity &{name}; with markup or another entity in its value: Relecture reads only entities whose value is plain text':
    'déclare l’entité &{name}; avec du balisage ou une autre entité dans sa valeur : Relecture ne lit que les entités dont la valeur est du texte simple',
  'is not XLIFF: its root element is <{element}>': 'n’est pas du XLIFF : son élément racine est <{element}>',
  'has no translated unit to review ({n} untranslated)': 'n’a aucune unité traduite à relire ({n} non traduites)',
  'has no translation unit': 'n’a aucune unité de traduction',
  // Reader warnings (src/formats/reader-warning.ts), on the review page.
  "unit '{unit}' has an empty target: left out of the review": 'l’unité « {unit} » a une cible vide : elle est laissée hors de la relecture',
  "unit '{unit}' has no <target>: not translated yet, left out of the review": 'l’unité « {unit} » n’a pas de <target> : pas encore traduite, elle est laissée hors de la relecture',
  "unit '{unit}' has no {language} <tuv>: left out of the review": 'l’unité « {unit} » n’a pas de <tuv> en {language} : elle est laissée hors de la relecture',
  'the target is empty: left out of the review': 'la cible est vide : la ligne est laissée hors de la relecture',
  '“{wrong}” repeats line {line}; kept once': '« {wrong} » répète la ligne {line} : gardée une fois',
  '{n} {n|note|notes} from reading the files': '{n} {n|remarque|remarques} à la lecture des fichiers',
  '(units left out of the review, lines kept once)': '(unités laissées hors de la relecture, lignes gardées une fois)',
  '… and {n} more, not kept.': '… et {n} de plus, non conservées.',
  'translates {source} → {target}, not into {wanted}': 'traduit {source} → {target}, pas vers {wanted}',
  'translates {source} → {target}, not into {wanted} (Relecture reviews French; --target-lang names another target)':
    'traduit {source} → {target}, pas vers {wanted} (Relecture relit du français ; --target-lang indique une autre langue cible)',
  'has source language {source}, not {wanted}': 'a pour langue source {source}, pas {wanted}',
  'has the same source and target language ({language})': 'a la même langue source et cible ({language})',
  'mixes source languages {first} and {other}': 'mélange les langues sources {first} et {other}',
  'mixes target languages {first} and {other}': 'mélange les langues cibles {first} et {other}',
  "duplicate unit id '{id}' (first at line {line})": 'identifiant d’unité « {id} » en double (déjà à la ligne {line})',
  'has no <file> element': 'n’a aucun élément <file>',
  '<trans-unit> without an id': '<trans-unit> sans identifiant',
  '<unit> without an id': '<unit> sans identifiant',
  "unit '{id}' has no <target>: the file is not translated (Relecture reviews translations)":
    'l’unité « {id} » n’a pas de <target> : le fichier n’est pas traduit (Relecture relit des traductions)',
  "unit '{id}' has no target for segment mid=\"{mid}\"": 'l’unité « {id} » n’a pas de cible pour le segment mid="{mid}"',
  "unit '{id}' has no <segment>": 'l’unité « {id} » n’a aucun <segment>',
  "unit '{id}' has more than 6400 inline codes in one segment: Relecture cannot protect them all":
    'l’unité « {id} » a plus de 6400 codes en ligne dans un segment : Relecture ne peut pas tous les protéger',
  'is not TMX: its root element is <{element}>': 'n’est pas du TMX : son élément racine est <{element}>',
  'has no <body>': 'n’a pas de <body>',
  'has no translation unit (<tu>)': 'n’a aucune unité de traduction (<tu>)',
  '<tuv> without xml:lang': '<tuv> sans xml:lang',
  'has no {language} text (its languages: {languages})': 'n’a aucun texte en {language} (ses langues : {languages})',
  'has only {language} text: no source to review against': 'n’a que du texte en {language} : aucune source à laquelle comparer',
  'has several languages ({languages}): say which is the source with --source-lang': 'a plusieurs langues ({languages}) : indiquez la source avec --source-lang',
  'source and target are both {language}': 'la source et la cible sont toutes deux en {language}',
  "duplicate tuid '{id}' (first at line {line})": 'tuid « {id} » en double (déjà à la ligne {line})',
  "unit '{id}' has no {language} <tuv>": 'l’unité « {id} » n’a pas de <tuv> en {language}',
  "unit '{id}' has no <seg> in its {language} <tuv>": 'l’unité « {id} » n’a pas de <seg> dans son <tuv> en {language}',
  'a quoted field is never closed': 'un champ entre guillemets n’est jamais fermé',
  'unexpected text after a closing quote: "{text}"': 'texte inattendu après un guillemet fermant : « {text} »',
  'has {n} column here: a bilingual table is source{separator}target, or a header row naming the columns (id, source, target, note)':
    'a {n} colonne ici : un tableau bilingue est source{separator}cible, ou une ligne d’en-tête qui nomme les colonnes (id, source, target, note)',
  'has {n} columns here: a bilingual table is source{separator}target, or a header row naming the columns (id, source, target, note)':
    'a {n} colonnes ici : un tableau bilingue est source{separator}cible, ou une ligne d’en-tête qui nomme les colonnes (id, source, target, note)',
  'has {n} column, expected {width}': 'a {n} colonne, {width} attendues',
  'has {n} columns, expected {width}': 'a {n} colonnes, {width} attendues',
  'a row without an id': 'une ligne sans identifiant',
  "duplicate id '{id}' (first at line {line})": 'identifiant « {id} » en double (déjà à la ligne {line})',
  'a row with a target but no source': 'une ligne avec une cible mais sans source',
  'has no row with a source and a target': 'n’a aucune ligne avec une source et une cible',
  'needs its source text beside it (--source FILE)': 'a besoin de son texte source à côté (--source FICHIER)',
  'has {lines} lines and its source {source} has {sourceLines}: the two files must be line-aligned (one paragraph a line)':
    'a {lines} lignes et sa source {source} en a {sourceLines} : les deux fichiers doivent être alignés ligne à ligne (un paragraphe par ligne)',
  'line {line} is empty here but not in {other}: the two files must be line-aligned': 'la ligne {line} est vide ici mais pas dans {other} : les deux fichiers doivent être alignés ligne à ligne',
  'a term is source<TAB>target[<TAB>forbidden|forbidden…]': 'un terme s’écrit source<TAB>cible[<TAB>interdit|interdit…]',
  'has no <termEntry> or <conceptEntry>: is it TBX?': 'n’a aucun <termEntry> ni <conceptEntry> : est-ce du TBX ?',
  'has no term pair {source} → {target}': 'n’a aucune paire de termes {source} → {target}',
  'new entry': 'nouvelle entrée',
  // Between a file (and line) and what is wrong with it: French puts a space before the colon.
  ': ': ' : ',
  'is a source text for a plain-text MT, but {file} carries its own source': 'est un texte source pour une traduction en texte brut, mais {file} porte sa propre source',
  'corrections file': 'fichier de corrections',
  'The server could not complete this request. Nothing was changed by the part that failed.': 'Le serveur n’a pas pu traiter cette demande. La partie qui a échoué n’a rien modifié.',
  'The text is over the limit of {limit}. Split it into parts and import each as its own document.': 'Le texte dépasse la limite de {limit}. Coupez-le en parties et importez chacune comme un document.',
  'The upload was refused: {reason}.': 'L’envoi a été refusé : {reason}.',
  'The form has too many fields. Choose fewer sentences at a time.': 'Le formulaire a trop de champs. Choisissez moins de phrases à la fois.',
  'The form was sent in an encoding this server does not read: send it as UTF-8.': 'Le formulaire a été envoyé dans un encodage que ce serveur ne lit pas : envoyez-le en UTF-8.',
  'The upload could not be read (it was cut short or malformed). Try again.': 'L’envoi n’a pas pu être lu (il a été coupé ou est mal formé). Réessayez.',
  'The request could not be read.': 'La demande n’a pas pu être lue.',
  'Something went wrong': 'Une erreur est survenue',
  'Not found': 'Introuvable',
  'Sign in first': 'Connectez-vous d’abord',
  Refused: 'Refusé',
  'Too large': 'Trop volumineux',
  'Cannot do that': 'Impossible',
  'The input cannot be used': 'Le texte ne peut pas être utilisé',
  'The form cannot be used': 'Le formulaire ne peut pas être utilisé',
  'A bulk action needs a kind and a rule or a word ({request}).': 'Une action groupée demande un type et une règle ou un mot ({request}).',
  'The preview’s sentence versions are malformed near « {pair} ».': 'Les versions des phrases de l’aperçu sont mal formées près de « {pair} ».',
  'Which rule? The form sent none.': 'Quelle règle ? Le formulaire n’en a envoyé aucune.',
  'A propagation needs a word and its replacement.': 'Une propagation demande un mot et son remplacement.',
  'Open findings: {n} ({detail})': 'Erreurs ouvertes : {n} ({detail})',
  'by severity': 'par gravité',
  'no open finding': 'aucune erreur ouverte',
  'sentence {n}': 'phrase {n}',
  'Apply « {from} » → « {to} »': 'Appliquer « {from} » → « {to} »',
  'process {pid}': 'processus {pid}',

  // Settings
  '<strong>{on}</strong> of {total} rules check every document (the French MT pack in <code>rules/fr/</code>).': '<strong>{on}</strong> règles sur {total} vérifient chaque document (le jeu français pour la TA dans <code>rules/fr/</code>).',
  'Rules on': 'Règles actives',
  'Off by default (a stricter house style):': 'Désactivées par défaut (un style maison plus strict) :',
  'Rules are switched on and off for the command line with <code>--enable</code> / <code>--disable</code> or <code>.relecturerc.json</code>, and for one document from its review page (<em>Bulk actions</em>).': 'Les règles s’activent et se désactivent en ligne de commande avec <code>--enable</code> / <code>--disable</code> ou <code>.relecturerc.json</code>, et pour un document depuis sa page de relecture (<em>Actions groupées</em>).',
  'Grammar checking': 'Vérification grammaticale',
  '<strong>Grammalecte {version}</strong> is installed (<code>{python}</code>). It checks agreement and conjugation beside the rules.': '<strong>Grammalecte {version}</strong> est installé (<code>{python}</code>). Il vérifie les accords et la conjugaison à côté des règles.',
  'In the review app it is a setting of each document: ticked by default in the <a href="/documents/new">import form</a>, and switched on or off in a document’s header. One Grammalecte process serves the app{pid}; its findings come a moment after the rules’, marked <code>grammalecte:</code>.': 'Dans l’application, c’est un réglage de chaque document : coché par défaut dans le <a href="/documents/new">formulaire d’import</a>, activé ou désactivé dans l’en-tête d’un document. Un processus Grammalecte sert l’application{pid} ; ses erreurs arrivent un moment après celles des règles, marquées <code>grammalecte:</code>.',
  'This app was started without it (it was not installed then, or <code>RELECTURE_GRAMMAR=off</code>): documents are checked by the rules only. Restart Relecture to use it on documents.': 'Cette application a été démarrée sans lui (il n’était pas installé, ou <code>RELECTURE_GRAMMAR=off</code>) : les documents ne sont vérifiés que par les règles. Redémarrez Relecture pour l’utiliser sur les documents.',
  'From the command line: <code>relecture check FILE --engine grammalecte</code>.': 'En ligne de commande : <code>relecture check FICHIER --engine grammalecte</code>.',
  '<strong>Grammar checking is off</strong>: Grammalecte is not installed. To turn it on, install it (<code>{hint}</code>) and restart Relecture: each document then gets a “Check grammar” setting, and <code>relecture check FILE --engine grammalecte</code> works from the command line.': '<strong>La vérification grammaticale est désactivée</strong> : Grammalecte n’est pas installé. Pour l’activer, installez-le (<code>{hint}</code>) et redémarrez Relecture : chaque document a alors un réglage « Vérifier la grammaire », et <code>relecture check FICHIER --engine grammalecte</code> fonctionne en ligne de commande.',

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
  // Team pages: sign-in and users (issue #13)
  'Sign in': 'Se connecter',
  Name: 'Nom',
  Password: 'Mot de passe',
  'No account? An admin adds one (<code>relecture users add NAME --role reviewer</code>, or the Users page).':
    'Pas de compte ? Un administrateur en ajoute un (<code>relecture users add NAME --role reviewer</code>, ou la page Utilisateurs).',
  'Wrong name or password.': 'Nom ou mot de passe incorrect.',
  'Too many failed sign-ins for this name: try again in {minutes} minutes, or ask an admin to set a new password.':
    'Trop de connexions échouées pour ce nom : réessayez dans {minutes} minutes, ou demandez à un administrateur un nouveau mot de passe.',
  'Too many failed sign-ins from this address: try again in {minutes} minutes, or ask an admin to set a new password.':
    'Trop de connexions échouées depuis cette adresse : réessayez dans {minutes} minutes, ou demandez à un administrateur un nouveau mot de passe.',
  'No user yet: the app runs single-user on this machine. Adding one turns sign-in on: add an admin first.':
    'Aucun utilisateur pour l’instant : l’application fonctionne pour une seule personne sur cette machine. En ajouter un active la connexion : ajoutez d’abord un administrateur.',
  Role: 'Rôle',
  Since: 'Depuis',
  'Role of {name}': 'Rôle de {name}',
  Change: 'Modifier',
  'Remove {name}?': 'Supprimer {name} ?',
  'Add a user': 'Ajouter un utilisateur',
  '(at least {min} characters)': '(au moins {min} caractères)',
  viewer: 'lecteur',
  reviewer: 'relecteur',
  admin: 'administrateur',
  'Viewers read and export; reviewers also accept, reject, edit and import; admins also manage users, assign and delete documents.':
    'Les lecteurs lisent et exportent ; les relecteurs acceptent, rejettent, modifient et importent aussi ; les administrateurs gèrent aussi les utilisateurs, confient et suppriment les documents.',
  "'{name}' cannot be a user name: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.":
    '« {name} » ne peut pas être un nom d’utilisateur : utilisez de 1 à 64 lettres, chiffres, « . », « _ », « @ » ou « - », en commençant par une lettre ou un chiffre.',
  'The role must be one of {roles}.': 'Le rôle doit être l’un de : {roles}.',
  'The password is empty.': 'Le mot de passe est vide.',
  'The password is too short ({length} characters): use at least {min}.': 'Le mot de passe est trop court ({length} caractères) : utilisez-en au moins {min}.',
  'The password is too long ({length} characters): use at most {max}.': 'Le mot de passe est trop long ({length} caractères) : utilisez-en au plus {max}.',
  'The password is only spaces.': 'Le mot de passe n’est fait que d’espaces.',
  'A user named {name} already exists.': 'Un utilisateur nommé {name} existe déjà.',
  'This user does not exist.': 'Cet utilisateur n’existe pas.',
  'You cannot remove your own account while signed in with it: another admin can, or use relecture users remove.':
    'Vous ne pouvez pas supprimer votre propre compte en étant connecté avec lui : un autre administrateur le peut, ou utilisez relecture users remove.',
  'Sign in first: this needs an account (ask an admin for one).': 'Connectez-vous d’abord : il faut un compte (demandez-en un à un administrateur).',
  'This needs the {access} role; you are signed in as {name} ({role}). Ask an admin if you need more.':
    'Il faut le rôle {access} ; vous êtes connecté en tant que {name} ({role}). Demandez à un administrateur si vous avez besoin de plus.',
  'The upload is {size}, over the limit of {limit}. Split the text into parts and import each as its own document.':
    'L’envoi fait {size}, au-delà de la limite de {limit}. Découpez le texte en parties et importez chacune comme un document.',
  'The file name has control characters (a NUL, a line break): rename the file and try again.':
    'Le nom du fichier contient des caractères de contrôle (un NUL, un saut de ligne) : renommez le fichier et réessayez.',
  'There is no user named {name}.': 'Il n’y a pas d’utilisateur nommé {name}.',

  // Server messages with values (issue #13)
  'Unknown interface language « {lang} »: choose one of {languages}.': 'Langue d’interface inconnue « {lang} » : choisissez parmi {languages}.',
  'Grammalecte is not installed on this machine, so grammar checking cannot be turned on. To install it: {hint}, then restart Relecture.':
    'Grammalecte n’est pas installé sur cette machine : la vérification grammaticale ne peut pas être activée. Pour l’installer : {hint}, puis redémarrez Relecture.',
  'Unknown scope « {scope} » (known: {known}).': 'Portée inconnue « {scope} » (connues : {known}).',
  'Unknown MQM category « {category} » (known: {known}).': 'Catégorie MQM inconnue « {category} » (connues : {known}).',
  'Unknown severity « {severity} » (known: {known}).': 'Gravité inconnue « {severity} » (connues : {known}).',
  '{file} is {size}, over the limit of {limit}.': '{file} fait {size}, au-delà de la limite de {limit}.',
  'A finding of {rule} is not about a word the dictionary could learn.': 'Une erreur de {rule} ne porte pas sur un mot que le dictionnaire pourrait apprendre.',
  'A finding of {rule} is not about a word the dictionary could learn: ignore its rule instead.':
    'Une erreur de {rule} ne porte pas sur un mot que le dictionnaire pourrait apprendre : ignorez plutôt sa règle.',
  'This app has no project word list.': 'Cette application n’a pas de liste de mots du projet.',

  // New-document page, the rest (issue #13)
  '…or a file': '…ou un fichier',
  'UTF-8 text, up to {limit}; or a bilingual file with its source: XLIFF 1.2/2.0 (also SDLXLIFF, memoQ), TMX (English or Spanish → French), a TSV/CSV table <code>source⇥target</code>. A file takes precedence over pasted text.':
    'Texte UTF-8, jusqu’à {limit} ; ou un fichier bilingue avec sa source : XLIFF 1.2/2.0 (aussi SDLXLIFF, memoQ), TMX (anglais ou espagnol → français), un tableau TSV/CSV <code>source⇥cible</code>. Un fichier l’emporte sur le texte collé.',
  'Source text': 'Texte source',
  'Source language': 'Langue source',
  'The language the MT translates from, as a code (en, es, en-GB): for a TMX file of several languages, which one is the source; otherwise the one the file declares.':
    'La langue que la traduction automatique traduit, sous forme de code (en, es, en-GB) : pour un fichier TMX de plusieurs langues, celle qui est la source ; sinon celle que le fichier déclare.',
  '« {value} » is not a language code: write it as en, es or en-GB.': '« {value} » n’est pas un code de langue : écrivez-le comme en, es ou en-GB.',
  // The readers' advice as the import form gives it (routes/documents.ts, FORM_WORDING)
  'has several languages ({languages}): say which is the source in “Source language”': 'a plusieurs langues ({languages}) : indiquez laquelle est la source dans « Langue source »',
  'translates {source} → {target}, not into {wanted} (Relecture reviews French)': 'traduit {source} → {target}, pas vers {wanted} (Relecture relit du français)',
  'needs its source text beside it (“Source text”)': 'a besoin de son texte source à côté (« Texte source »)',
  '(optional, for a plain-text MT)': '(facultatif, pour une traduction en texte brut)',
  'The text the MT translates, line for line (one paragraph a line): the source is shown beside each sentence, and the source-aware checks run (numbers, names, untranslated words, omissions…).':
    'Le texte que la traduction automatique traduit, ligne pour ligne (un paragraphe par ligne) : la source s’affiche à côté de chaque phrase, et les vérifications qui tiennent compte de la source s’exécutent (nombres, noms, mots non traduits, omissions…).',
};

/** For labels that hold markup: the values are escaped, the label is not (output it with `<%-`). */
export function htmlTranslator(lang: Language): Translate {
  const t = translator(lang);
  return (english, values) => t(english, values && Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(String(v))])));
}

/**
 * `{n|one|other}` in a label: the first form when the count `n` takes the
 * singular in the label's language, else the second (a form may hold `{n}`).
 * French takes the singular for 0 and 1 (« 0 erreur », « 1 erreur »), English
 * for 1 only (« 0 findings »): « erreur(s) » is not how either language is read.
 */
const PLURAL = /\{(\w+)\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}/g;

export function singular(lang: Language, count: number): boolean {
  return lang === 'fr' ? Math.abs(count) < 2 : count === 1;
}

export function translator(lang: Language): Translate {
  return (english, values) => {
    const text = lang === 'fr' ? (FRENCH[english] ?? english) : english;
    if (!values) return text;
    return text
      .replace(PLURAL, (whole, name: string, one: string, other: string) => {
        const count = name in values ? Number(String(values[name]).replace(/[\s\u00A0\u202F]/g, '')) : Number.NaN;
        return Number.isFinite(count) ? (singular(lang, count) ? one : other) : whole;
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}
