// Relecture review page: keyboard and in-place updates. Everything here is an
// enhancement: without this file, every form still POSTs and redirects.
(function () {
  'use strict';

  var current = null; // the sentence <article> the editor is working on
  var help = document.getElementById('keys');
  var keysButton = document.querySelector('[data-show-keys]');
  if (keysButton && help && help.showModal) {
    keysButton.hidden = false;
    keysButton.addEventListener('click', function () { help.showModal(); });
  }

  function sentences(flaggedOnly) {
    return Array.prototype.slice.call(document.querySelectorAll(flaggedOnly ? 'article.sentence.is-flagged' : 'article.sentence'));
  }

  function setCurrent(article) {
    if (current && current !== article) current.classList.remove('is-current');
    current = article;
    if (article) article.classList.add('is-current');
  }

  document.addEventListener('focusin', function (event) {
    var article = event.target.closest && event.target.closest('article.sentence');
    if (article) setCurrent(article);
    markFocusedFinding(event.target);
  });

  // The finding rows that belong to the focused highlight are shown as such.
  function markFocusedFinding(target) {
    document.querySelectorAll('.finding.is-focused').forEach(function (row) { row.classList.remove('is-focused'); });
    if (!target || !target.matches || !target.matches('mark.hl')) return;
    var article = target.closest('article.sentence');
    (target.getAttribute('data-findings') || '').split(' ').forEach(function (id) {
      var row = article.querySelector('.finding[data-finding="' + id + '"]');
      if (row) row.classList.add('is-focused');
    });
  }

  function focusSentence(article) {
    if (!article) return;
    setCurrent(article);
    var mark = article.querySelector('mark.hl:not(.is-rejected)') || article;
    mark.focus({ preventScroll: true });
    article.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function move(direction, unreviewedOnly) {
    var list = sentences(true).filter(function (a) { return !unreviewedOnly || !a.classList.contains('is-reviewed'); });
    if (list.length === 0) return;
    var all = sentences(false);
    var position = current ? all.indexOf(current) : -1;
    var next = null;
    if (direction > 0) next = list.find(function (a) { return all.indexOf(a) > position; });
    else next = list.slice().reverse().find(function (a) { return all.indexOf(a) < position; });
    if (next) return focusSentence(next);
    // Off the end of this page: the next or previous page, if there is one.
    var link = document.querySelector(direction > 0 ? 'a[rel=next]' : 'a[rel=prev]');
    if (link) window.location.href = link.href;
  }

  // The findings the editor means, in order: the focused highlight's (it may
  // cover several), the focused row's, else the sentence's first open finding.
  // Never another finding's: `a` on a finding without a fix must not apply a
  // neighbour's (issue #13, defect 1).
  function meantFindings(article) {
    var active = document.activeElement;
    if (active && active.matches && active.matches('mark.hl') && article.contains(active)) {
      return (active.getAttribute('data-findings') || '').split(' ').filter(Boolean);
    }
    var row = active && active.closest && active.closest('.finding');
    if (row && article.contains(row)) return [row.getAttribute('data-finding')];
    var first = article.querySelector(':scope > ul.findings > li.finding:not(.is-rejected)');
    return first ? [first.getAttribute('data-finding')] : [];
  }

  // The form that does `selector` to the meant finding, or null after saying why not.
  function findingForm(selector, index) {
    if (!current) return null;
    var ids = meantFindings(current);
    if (ids.length === 0) {
      say('no-finding');
      return null;
    }
    for (var i = 0; i < ids.length; i++) {
      var forms = current.querySelectorAll('form' + selector + '[data-finding="' + ids[i] + '"]');
      if (index === undefined && forms.length > 0) return forms[0];
      for (var k = 0; k < forms.length; k++) if (forms[k].getAttribute('data-suggestion') === String(index)) return forms[k];
    }
    if (selector === '[data-accept]') {
      var any = ids.some(function (id) { return current.querySelector('form[data-accept][data-finding="' + id + '"]'); });
      say(any ? 'no-such-suggestion' : 'no-suggestion', index === undefined ? '' : String(index + 1));
    }
    return null;
  }

  // One line for the editor at the bottom of the screen (and for screen readers).
  var live = document.getElementById('live');
  var liveTimer = null;
  // A label in the page's language (the page renders them on #live).
  function label(key, fallback) {
    return (live && live.getAttribute('data-' + key)) || fallback;
  }

  function say(key, value) {
    if (!live) return;
    var text = live.getAttribute('data-' + key) || key;
    live.textContent = text.replace('{n}', value || '');
    live.hidden = false;
    clearTimeout(liveTimer);
    liveTimer = setTimeout(function () { live.hidden = true; }, 4000);
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // Confirm-and-next: the sentence is marked reviewed, then the next flagged
  // sentence not yet reviewed gets the focus.
  var confirmNext = false;
  function confirmAndNext() {
    if (!current) return void move(1, true);
    var form = current.querySelector('form[data-review-next]');
    if (!form || current.classList.contains('is-reviewed')) return void move(1, true);
    send(form);
  }

  document.addEventListener('keydown', function (event) {
    if (event.target.tagName === 'TEXTAREA' && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      var form = event.target.form;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
      return;
    }
    if (event.key === 'Escape' && typing(event.target)) {
      var details = event.target.closest('details');
      if (details) details.open = false;
      if (current) focusSentence(current);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !typing(event.target)) {
      event.preventDefault();
      return void afterSending(confirmAndNext);
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!SHORTCUTS.test(event.key)) return;
    event.preventDefault();
    var key = event.key;
    afterSending(function () { shortcut(key); });
  });

  // A key pressed while a change is on its way waits for the re-rendered
  // sentence: run at once, it would act on the old one (its form carries the old
  // version, and the server would answer with a conflict).
  var SHORTCUTS = /^[jkar123umcpe?]$/;
  var sending = false;
  var waiting = [];
  function afterSending(action) {
    if (sending) waiting.push(action);
    else action();
  }
  function sent() {
    sending = false;
    while (!sending && waiting.length > 0) waiting.shift()();
  }

  function shortcut(key) {
    var form;
    switch (key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'a': form = findingForm('[data-accept]'); break;
      case '1': case '2': case '3': form = findingForm('[data-accept]', Number(key) - 1); break;
      case 'r': form = findingForm('[data-reject]'); break;
      case 'u': form = current && current.querySelector('form[data-undo]'); break;
      case 'm': form = current && current.querySelector('form[data-review]'); break;
      case 'c': confirmAndNext(); break;
      case 'p':
        var offer = current && current.querySelector('.offer a[data-propagate]');
        if (offer) window.location.href = offer.href;
        else say('no-offer');
        break;
      case 'e':
        if (!current) return;
        var edit = current.querySelector('details.edit');
        if (!edit) return;
        edit.open = true;
        var box = edit.querySelector('textarea');
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
        break;
      case '?':
        if (help && help.showModal) { if (help.open) help.close(); else help.showModal(); }
        break;
    }
    if (form) send(form);
  }

  // Forms marked data-inplace are sent with fetch; the server answers with the
  // re-rendered sentence and header. Anything unexpected (a 409 conflict, an
  // error page) falls back to the ordinary submit, which shows the full page.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches('form[data-inplace]') || form.dataset.native) return;
    event.preventDefault();
    send(form);
  });

  function send(form) {
    if (form.dataset.busy) return;
    form.dataset.busy = '1';
    sending = true;
    if (form.hasAttribute('data-review-next')) confirmNext = true;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-Requested-With': 'relecture', Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (data) {
        // An ignore withdrew findings of other sentences too: the page shows them all again,
        // with the ignore's notice (and its « Annuler ») when the server gives its address.
        if (data.reload) {
          if (data.location && data.location !== window.location.pathname + window.location.search + window.location.hash) window.location.assign(data.location);
          else window.location.reload();
          return;
        }
        var old = document.getElementById('s-' + data.sentence);
        var holder = document.createElement('div');
        holder.innerHTML = data.html;
        var fresh = holder.firstElementChild;
        if (old && fresh) old.replaceWith(fresh);
        // Our own change: the next poll takes the sentence's new stamp as seen, not as someone else's.
        delete stamps[data.sentence];
        var header = document.getElementById('doc-header');
        if (header && data.header) {
          header.innerHTML = data.header;
          restoreHeader();
        }
        if (fresh) {
          setCurrent(fresh);
          var target = fresh.querySelector('.offer a') || fresh.querySelector('mark.hl:not(.is-rejected)') || fresh;
          target.focus({ preventScroll: true });
        }
        if (confirmNext) {
          confirmNext = false;
          move(1, true);
        }
        sent();
      })
      .catch(function () {
        confirmNext = false;
        form.dataset.native = '1';
        delete form.dataset.busy;
        HTMLFormElement.prototype.submit.call(form);
      });
  }

  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // While Grammalecte works through the document, the header counts down; when it
  // is done the editor is told, and reloads when it suits them (a reload under
  // their hands would lose what they are typing).
  function pollGrammar() {
    var box = document.getElementById('grammar-status');
    if (!box || !box.hasAttribute('data-grammar-pending')) return void setTimeout(pollGrammar, 3000);
    fetch('/documents/' + box.getAttribute('data-document') + '/grammar', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        var count = box.querySelector('[data-grammar-count]');
        if (state.pending > 0 && !state.error) {
          if (count) count.textContent = String(state.pending);
          return;
        }
        box.removeAttribute('data-grammar-pending');
        var line = box.querySelector('p');
        line.textContent = state.error ? label('grammar-failed', 'Grammar check failed:') + ' ' + state.error + '. ' : label('grammar-done', 'Grammar (Grammalecte): every sentence checked.') + ' ';
        var reload = document.createElement('a');
        reload.href = window.location.href;
        reload.textContent = state.error ? label('reload', 'Reload') : label('grammar-reload', 'Reload to see its findings');
        line.appendChild(reload);
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(pollGrammar, 2000); });
  }
  if (document.getElementById('doc-header')) setTimeout(pollGrammar, 2000);

  // Filters apply as soon as they change; the button stays for pages without script.
  var filters = document.querySelector('form.filters');
  if (filters) {
    filters.addEventListener('change', function (event) {
      if (!event.target.matches('select, input[type=search]')) return;
      if (filters.requestSubmit) filters.requestSubmit(); else filters.submit();
    });
  }

  // The header's details (figures, chart) stay open or closed as the editor left
  // them, across pages and in-place updates.
  function restoreHeader() {
    var details = document.querySelector('details.doc-details');
    if (!details) return;
    var saved = null;
    try { saved = window.localStorage.getItem('relecture.header'); } catch (e) { /* private mode */ }
    if (saved !== null) details.open = saved === 'open';
    if (details.dataset.watched) return;
    details.dataset.watched = '1';
    details.addEventListener('toggle', function () {
      try { window.localStorage.setItem('relecture.header', details.open ? 'open' : 'closed'); } catch (e) { /* private mode */ }
    });
  }
  restoreHeader();

  // Other editors' changes, without a reload: every few seconds the page asks
  // for the stamp (version and latest event) of the sentences it shows; one that
  // moved gets a line saying who changed it and a link to reload. The first
  // answer is the baseline. Nothing under the editor's hands is replaced.
  var stamps = {};
  function pollChanges() {
    var articles = sentences(false);
    var match = /^\/documents\/(\d+)/.exec(window.location.pathname);
    if (!match || articles.length === 0) return;
    var numbers = articles.map(function (a) { return a.getAttribute('data-sentence'); });
    fetch('/documents/' + match[1] + '/versions?sentences=' + numbers.join(','), { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'relecture' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        Object.keys(answer.sentences).forEach(function (n) {
          var now = answer.sentences[n];
          if (stamps[n] === undefined) { stamps[n] = now.stamp; return; }
          if (stamps[n] === now.stamp) return;
          stamps[n] = now.stamp;
          var article = document.getElementById('s-' + n);
          if (!article) return;
          var line = article.querySelector('.live-change');
          if (!line) {
            line = document.createElement('p');
            line.className = 'live-change';
            line.setAttribute('role', 'status');
            article.insertBefore(line, article.children[1] || null);
          }
          var kind = now.kindLabel || now.kind || 'change';
          line.textContent = now.by
            ? label('changed-by', 'Changed by {name} ({kind}) since this page was loaded.').replace('{name}', now.by).replace('{kind}', kind) + ' '
            : label('changed-elsewhere', 'Changed elsewhere ({kind}) since this page was loaded.').replace('{kind}', kind) + ' ';
          var reload = document.createElement('a');
          reload.href = window.location.pathname + window.location.search + '#s-' + n;
          reload.textContent = label('reload-to-see', 'Reload to see it');
          reload.addEventListener('click', function () { window.setTimeout(function () { window.location.reload(); }, 0); });
          line.appendChild(reload);
          article.classList.add('is-stale');
        });
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(pollChanges, 4000); });
  }
  if (document.querySelector('article.sentence')) pollChanges();

  // Arriving at #s-N (after a no-script redirect or a link): make it the current sentence.
  var start = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (start && start.matches('article.sentence')) setCurrent(start);
})();
