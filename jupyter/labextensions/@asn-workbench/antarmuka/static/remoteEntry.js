/*
 * @asn-workbench/antarmuka: what a language pack cannot reach in ASN Workbench's interface.
 *
 * 1. Texts written into the page without JupyterLab's translator, translated with a gettext
 *    domain of our language pack (jupyter/languagepack/, built from istilah.toml) (SCOPES):
 *    - nbgrader's screens, domain "nbgrader": nbgrader 0.9 has no translation hook; its
 *      JupyterLab plugin writes English, and the Formgrader's pages are English HTML built by
 *      its server and by Backbone. Those pages load this same script through a tag that
 *      workbench/formgrader_script.py adds, and then translate themselves (formgraderPage);
 *    - a few of JupyterLab's own texts that it writes without its translator ("More
 *      commands", the debugger switch, the "Save File As…" dialog, the Python kernel's
 *      reference links in Help), domain "jupyterlab"; Voila's commands, "Open With" entry and
 *      preview button, domain "voila";
 *    - a menu label split by its mnemonic ("<span>V</span>oila Preview") is one message;
 *    - the status bar's "No Kernel | Menyiapkan", each " | " part looked up alone;
 *    - the true/false/None JupyterLab writes raw into tooltips ("Writable: true").
 *    Only those places are touched; code, outputs, editors, file names and the learner's
 *    notebook never are. Lookup rule, which the catalogues follow (jupyter/languagepack/README.md):
 *      - one text node, or one attribute (title, placeholder, aria-label,
 *        data-original-title, the value of a button input), is one message;
 *      - its key is the text with runs of white space collapsed and trimmed; the surrounding
 *        white space is kept;
 *      - when the exact key has no translation, every text in single quotes ('name') and
 *        every other run of digits becomes {0}, {1}, ... in order (the quotes stay: '{0}'),
 *        and that key is tried; the translation gets the values back by placeholder.
 *    In English (or any language without these catalogues) nothing changes.
 *
 * 2. nbgrader's Validate button only where it means something: on a notebook with nbgrader
 *    cells (an assignment). On a course module it would check nothing and still say "Success".
 *
 * 3. nbgrader's submission times (UTC with microseconds) shown in office time, WIB.
 *
 * 4. Kirim (Submit) of an assignment whose last Periksa (Validate) failed asks once for
 *    confirmation.
 *
 * 5. Voilà's own pages (the dashboards' list, the spinner) in Indonesian (voilaPage).
 *
 * Why no build step: a JupyterLab federated extension is a script that registers a container
 * with init() and get() on window._JUPYTERLAB (JupyterLab's bootstrap.js and index.out.js are
 * the other side). Written by hand, this one needs no Node.js toolchain on a learner's laptop
 * or on CI. It takes JupyterLab's own modules from the shared scope JupyterLab passes to init(),
 * so its tokens are the ones the application uses.
 */
(function () {
  'use strict';

  var NAME = '@asn-workbench/antarmuka';
  var shareScope = null;

  // Where each catalogue applies in JupyterLab's page (first match wins, so the menu items and
  // palette entries of single commands come before nbgrader's rule for the whole palette).
  var SCOPES = [
    // Voila's commands, its "Open With" entry and its preview button: English labels written
    // without a translator.
    {
      domain: 'voila',
      selector: [
        '.voilaRender',
        '[data-command="notebook:render-with-voila"]',
        '[data-command="notebook:open-with-voila"]',
        '[data-command="filebrowser:open"]' // Open With › Voila Preview
      ].join(',')
    },
    // JupyterLab 4.6 builds these buttons without its translator, and Help shows the kernel's
    // reference links ("Python Reference", "pandas Reference") as the kernel names them.
    {
      domain: 'jupyterlab',
      selector: '.jp-Toolbar-responsive-opener, .jp-DebuggerBugButton, [data-command^="help-menu-"]'
    },
    // The status bar's kernel item while a kernel starts: "No Kernel | Menyiapkan", the first
    // part from a session made without the translator. Each " | " part is looked up alone.
    { domain: 'jupyterlab|', selector: '#jp-main-statusbar .jp-StatusBar-TextItem' },
    // Dialogs: nbgrader's error messages use JupyterLab's plain dialogs, and a few of
    // JupyterLab's own dialogs are built without its translator ("Save File As…"): nbgrader's
    // catalogue first, then JupyterLab's, for what JupyterLab left in English.
    { domain: 'nbgrader+jupyterlab', selector: '.jp-Dialog' },
    {
      domain: 'nbgrader',
      selector: [
        '.nbgrader-mainarea-widget', // Assignment List, Course List
        '[id^="nbgrader-"]',
        '[class*="nbgrader-"]', // Create Assignment panel and cell headers, nbgrader's dialogs
        '.validate-button',
        '#jp-mainmenu-nbgrader', // the Nbgrader menu
        '.lm-CommandPalette-header',
        '.lm-CommandPalette-itemLabel'
      ].join(',')
    }
  ];
  var SCOPE = SCOPES.map(function (s) { return s.selector; }).join(',');
  var NBGRADER = 'nbgrader';
  // Widgets nbgrader puts in the shell; their tab titles are translated through the title API.
  var WIDGET_IDS = [
    'nbgrader-assignment-list',
    'nbgrader-course-list',
    'formgrader',
    'nbgrader-create_assignemnt' // sic, nbgrader's id
  ];
  // Never translated: code, outputs, editors, what a learner wrote.
  var EXCLUDE = [
    'script', 'style', 'pre', 'code', 'textarea', '[contenteditable="true"]',
    '.cm-editor', '.CodeMirror', '.jp-InputArea-editor', '.jp-OutputArea', '.jp-RenderedText',
    '.jp-MarkdownOutput', '.jp-RenderedHTMLCommon', '.jp-DirListing-content', // file names
    // the Formgrader's view of a submission
    '.rendered_html', '.input_area', '.output_area', '.output_wrapper', '.text_cell_render'
  ].join(',');
  var ATTRIBUTES = ['title', 'placeholder', 'aria-label', 'data-original-title'];
  // A file's tooltip in the file browser ends with "Writable: true", a notebook tab's with
  // "Last Checkpoint: None": JupyterLab writes those values as they are. Only these words at the
  // end of a "Label: value" line are translated there, and never on the first line, the file's
  // name (a file may be called "None").
  var RAW_VALUE_TOOLTIPS = '.jp-DirListing-item, .lm-DockPanel-tabBar .lm-TabBar-tab';
  var RAW_VALUE_LINE = /(\n[^\n]*: )(true|false|None)(?=\n|$)/g;
  // A menu label with a mnemonic is split in pieces ("<span>V</span>oila Preview"): it is one
  // message, looked up whole; the translation goes into the piece outside the mnemonic's span
  // and the other pieces are emptied (Lumino's virtual DOM keeps the nodes it made).
  var SPLIT_LABEL = '.lm-Menu-itemLabel';
  var BUTTON_INPUTS = { button: true, submit: true, reset: true };
  var LETTER = /[A-Za-z]/;

  // ---- module federation container ------------------------------------------------------

  function compareVersions(a, b) {
    var x = a.split(/[.+-]/);
    var y = b.split(/[.+-]/);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var p = parseInt(x[i], 10);
      var q = parseInt(y[i], 10);
      if (isNaN(p) || isNaN(q)) {
        if ((x[i] || '') !== (y[i] || '')) return (x[i] || '') < (y[i] || '') ? -1 : 1;
      } else if (p !== q) {
        return p < q ? -1 : 1;
      }
    }
    return 0;
  }

  /** One of JupyterLab's shared modules, the very instance the application uses. */
  function shared(pkg) {
    var versions = (shareScope && shareScope[pkg]) || {};
    var names = Object.keys(versions);
    if (!names.length) {
      return Promise.reject(new Error(NAME + ': ' + pkg + ' tidak tersedia di JupyterLab ini'));
    }
    // JupyterLab's core packages are singletons: the application takes the highest version.
    var loaded = names.filter(function (v) { return versions[v].loaded; });
    var pick = (loaded.length ? loaded : names).sort(compareVersions).pop();
    return Promise.resolve(versions[pick].get()).then(function (factory) { return factory(); });
  }

  // ---- translation ----------------------------------------------------------------------

  /** A translate function over one catalogue, or several tried in order. */
  function makeTranslate(bundles) {
    bundles = [].concat(bundles);
    function lookup(key) {
      // gettext's formatter rewrites "%1" and "%%": such keys are not catalogue keys.
      if (key.indexOf('%') !== -1) return null;
      for (var i = 0; i < bundles.length; i++) {
        var text = bundles[i].__(key);
        if (text !== key) return text;
      }
      return null;
    }
    return function translate(value) {
      if (!value || !LETTER.test(value)) return null;
      var key = value.replace(/\s+/g, ' ').trim();
      var text = lookup(key);
      if (text === null && /[\d']/.test(key)) {
        var values = [];
        var pattern = key.replace(/'([^']*)'|\d+/g, function (match, quoted) {
          var n = values.push(quoted !== undefined ? quoted : match) - 1;
          return quoted !== undefined ? "'{" + n + "}'" : '{' + n + '}';
        });
        text = lookup(pattern);
        if (text !== null) {
          text = text.replace(/\{(\d+)\}/g, function (match, i) {
            return values[+i] !== undefined ? values[+i] : match;
          });
        }
      }
      if (text === null || text === key) return null;
      return value.match(/^\s*/)[0] + text + value.match(/\s*$/)[0];
    };
  }

  // nbgrader writes submission times as "2026-12-07 06:05:22.123456 UTC". The office reads
  // them in WIB (Asia/Jakarta: UTC+7 all year, no daylight saving) without microseconds, in the
  // format of workbench.formatting.timestamp: "07-12-2026 13.05 WIB". In any language.
  var UTC_TIME = /^(\s*)(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)? ?(?:UTC|Z|\+00:00)(\s*)$/;
  var OFFICE_HOURS_FROM_UTC = 7;
  var OFFICE_ZONE = 'WIB';

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /** A UTC timestamp of nbgrader's as office time, or null if value is not one. */
  function officeTime(value) {
    var m = UTC_TIME.exec(value || '');
    if (!m) return null;
    var t = new Date(Date.UTC(+m[2], +m[3] - 1, +m[4], +m[5] + OFFICE_HOURS_FROM_UTC, +m[6]));
    return m[1] + two(t.getUTCDate()) + '-' + two(t.getUTCMonth() + 1) + '-' +
      t.getUTCFullYear() + ' ' + two(t.getUTCHours()) + '.' + two(t.getUTCMinutes()) + ' ' +
      OFFICE_ZONE + m[7];
  }

  /** translate applied to each " | " part of a text alone ("No Kernel | Menyiapkan"). */
  function byParts(translate) {
    return function (value) {
      if (!value || value.indexOf(' | ') === -1) return translate(value);
      var changed = false;
      var result = value.split(' | ').map(function (part) {
        var text = translate(part);
        if (text === null) return part;
        changed = true;
        return text;
      }).join(' | ');
      return changed ? result : null;
    };
  }

  /** translate, but nbgrader's UTC timestamps become office time first. */
  function withOfficeTime(translate) {
    return function (value) {
      return officeTime(value) || translate(value);
    };
  }

  /**
   * Translates one document as it changes. pick(element) gives the translate function of the
   * catalogue that applies at element, or null where nothing may be translated.
   */
  function Page(pick, words, scope) {
    this.pick = pick;
    this.scope = scope || SCOPE; // where added() looks for places to translate
    this.words = words || null; // JupyterLab's catalogue, for RAW_VALUE_TOOLTIPS
  }

  /** "Bisa ditulis: true" -> "Bisa ditulis: ya" in a tooltip of RAW_VALUE_TOOLTIPS. */
  Page.prototype.rawValueTitle = function (element) {
    var words = this.words;
    var value = words && element.getAttribute('title');
    if (!value) return;
    var result = value.replace(RAW_VALUE_LINE, function (match, head, word) {
      return head + (words(word) || word);
    });
    if (result !== value) element.setAttribute('title', result);
  };

  /** The text nodes of a menu label, when it is split in more than one. */
  function labelPieces(label) {
    var pieces = [];
    var walker = label.ownerDocument.createTreeWalker(label, 4 /* text */);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) pieces.push(n);
    return pieces.length > 1 ? pieces : null;
  }

  /** Translate a split menu label as one message; false when the label is not split. */
  Page.prototype.splitLabel = function (label, translate) {
    var pieces = labelPieces(label);
    if (!pieces) return false;
    var result = translate(label.textContent);
    if (result === null) return true;
    var main = pieces.filter(function (n) { return n.parentNode === label; })[0] || pieces[0];
    for (var i = 0; i < pieces.length; i++) {
      var value = pieces[i] === main ? result : '';
      if (pieces[i].nodeValue !== value) pieces[i].nodeValue = value;
    }
    return true;
  };

  Page.prototype.textNode = function (node, translate) {
    var label = node.parentElement && node.parentElement.closest(SPLIT_LABEL);
    if (label && this.splitLabel(label, translate)) return;
    var result = translate(node.nodeValue);
    if (result !== null && result !== node.nodeValue) node.nodeValue = result;
  };

  Page.prototype.attribute = function (element, name, translate) {
    var value = element.getAttribute(name);
    if (name === 'value' && !BUTTON_INPUTS[(element.getAttribute('type') || '').toLowerCase()]) {
      return;
    }
    var result = value && translate(value);
    if (result && result !== value) element.setAttribute(name, result);
  };

  Page.prototype.attributes = function (element, translate) {
    for (var i = 0; i < ATTRIBUTES.length; i++) {
      if (element.hasAttribute(ATTRIBUTES[i])) this.attribute(element, ATTRIBUTES[i], translate);
    }
    if (element.tagName === 'INPUT') this.attribute(element, 'value', translate);
  };

  /** Translate everything under root (an element or a text node), skipping EXCLUDE. */
  Page.prototype.tree = function (root, translate) {
    if (root.nodeType === 3) {
      if (root.parentElement && !root.parentElement.closest(EXCLUDE)) {
        this.textNode(root, translate);
      }
      return;
    }
    if (root.nodeType !== 1 || root.closest(EXCLUDE)) return;
    var walker = root.ownerDocument.createTreeWalker(root, 1 | 4 /* elements, text */, {
      acceptNode: function (node) {
        return node.nodeType === 1 && node.matches(EXCLUDE) ? 2 /* reject subtree */ : 1;
      }
    });
    var node = root;
    var texts = [];
    while (node) {
      if (node.nodeType === 1) this.attributes(node, translate);
      else texts.push(node);
      node = walker.nextNode();
    }
    for (var i = 0; i < texts.length; i++) this.textNode(texts[i], translate);
  };

  /** A node appeared: translate it where a catalogue applies. */
  Page.prototype.added = function (node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    if (!element) return;
    if (this.words && node.nodeType === 1) {
      if (node.matches(RAW_VALUE_TOOLTIPS)) this.rawValueTitle(node);
      var items = node.querySelectorAll(RAW_VALUE_TOOLTIPS);
      for (var k = 0; k < items.length; k++) this.rawValueTitle(items[k]);
    }
    var translate = this.pick(element);
    if (translate) {
      this.tree(node, translate);
    } else if (node.nodeType === 1) {
      var inside = node.querySelectorAll(this.scope);
      for (var i = 0; i < inside.length; i++) {
        var t = this.pick(inside[i]);
        if (t) this.tree(inside[i], t);
      }
    }
  };

  /** Keep translating what appears or changes under target. */
  Page.prototype.observe = function (target) {
    var self = this;
    new MutationObserver(function (records) {
      for (var r = 0; r < records.length; r++) {
        var record = records[r];
        var node = record.target;
        var element = node.nodeType === 1 ? node : node.parentElement;
        if (!element) continue;
        if (record.type === 'childList') {
          for (var a = 0; a < record.addedNodes.length; a++) self.added(record.addedNodes[a]);
          continue;
        }
        if (record.attributeName === 'title' && element.matches(RAW_VALUE_TOOLTIPS)) {
          self.rawValueTitle(element);
          continue;
        }
        var translate = element.closest(EXCLUDE) ? null : self.pick(element);
        if (!translate) continue;
        if (record.type === 'characterData') self.textNode(node, translate);
        else self.attribute(element, record.attributeName, translate);
      }
    }).observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES.concat(['value'])
    });
    this.added(target);
  };

  // ---- the Formgrader's own pages ------------------------------------------------------

  /**
   * Loaded by a Formgrader page (workbench/formgrader_script.py adds the tag), in JupyterLab's
   * tab or in a browser tab of its own: translate all of the page, in the user's interface
   * language, except the learner's notebook. The page stays hidden until then (at most 3 s),
   * so a trainer does not see English flash by.
   */
  function formgraderPage(base) {
    var root = document.documentElement;
    root.style.visibility = 'hidden';
    var shown = false;
    function show() {
      if (!shown) {
        shown = true;
        root.style.visibility = '';
      }
    }
    setTimeout(show, 3000);
    function json(url) {
      return fetch(base + url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(url + ': ' + response.status);
        return response.json();
      });
    }
    var ready = new Promise(function (resolve) {
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', resolve);
      } else {
        resolve();
      }
    });
    json('lab/api/settings/@jupyterlab/translation-extension:plugin')
      .then(function (plugin) {
        var locale = (plugin.settings && plugin.settings.locale) ||
          (plugin.schema && plugin.schema.properties.locale.default) || 'default';
        if (locale === 'default' || locale === 'en') return null;
        return json('lab/api/translations/' + encodeURIComponent(locale));
      })
      .then(function (pack) {
        var catalogue = pack && pack.data && pack.data[NBGRADER];
        if (!catalogue) return;
        var translate = withOfficeTime(makeTranslate({
          __: function (key) {
            var entry = catalogue[key];
            return entry && entry[0] ? entry[0] : key;
          }
        }));
        return ready.then(function () {
          new Page(function () { return translate; }).observe(document.body);
        });
      })
      .catch(function (error) {
        console.warn(NAME + ': Formgrader tidak diterjemahkan', error);
      })
      .then(show);
  }

  // ---- Voilà's own pages ------------------------------------------------------------------

  // Voilà's texts: the dashboards' list (a file browser with a title, or the classic list), and
  // the spinner a dashboard shows while it runs. Never the names of the dashboards.
  var VOILA_TEXTS = [
    '#filebrowser [data-jp-item-name="title"]',
    '#filebrowser .jp-DirListing-headerItemText',
    '#voila-tree-main .list-header',
    '#loading_text'
  ].join(',');

  /**
   * Loaded by a page Voilà serves (the list of dashboards of `make dashboards`, a dashboard,
   * JupyterLab's Voilà preview): Voilà has no translation API, so the voila catalogue comes from
   * beside this script (static/voila.json, the copy tools/build_languagepack.py writes). Voilà's
   * pages have no language setting: the workbench's language, Indonesian, is used.
   */
  function voilaPage(src) {
    fetch(new URL('voila.json', src).href, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (catalogue) {
        if (!catalogue) return;
        var lookup = function (key) {
          var entry = catalogue[key];
          return entry && entry[0] ? entry[0] : key;
        };
        var base = makeTranslate({ __: lookup });
        // "Running 01-dasbor-skm..." (the spinner's first text) names the dashboard.
        var translate = function (value) {
          var running = /^(\s*)Running (.*)\.\.\.(\s*)$/.exec(value || '');
          var template = running && lookup('Running {0}...');
          if (template && template !== 'Running {0}...') {
            return running[1] + template.replace('{0}', running[2]) + running[3];
          }
          return base(value);
        };
        var page = new Page(function (element) {
          return element.closest(VOILA_TEXTS) ? translate : null;
        }, null, VOILA_TEXTS);
        page.observe(document.documentElement);
      })
      .catch(function (error) {
        console.warn(NAME + ': halaman Voilà tidak diterjemahkan', error);
      });
  }

  // ---- the Validate button --------------------------------------------------------------

  /** Whether a notebook is an nbgrader assignment: a cell to grade, to answer or a task. */
  function isAssignment(model) {
    if (!model || !model.cells) return false;
    for (var i = 0; i < model.cells.length; i++) {
      var cell = model.cells.get(i);
      var meta = cell.getMetadata ? cell.getMetadata('nbgrader') : null;
      if (meta && (meta.grade || meta.solution || meta.task)) return true;
    }
    return false;
  }

  function showValidate(panel) {
    var show = isAssignment(panel.model);
    var buttons = panel.node.querySelectorAll('.validate-button');
    for (var i = 0; i < buttons.length; i++) {
      var item = buttons[i].closest('.jp-Toolbar-item') || buttons[i];
      item.style.display = show ? '' : 'none';
    }
  }

  // ---- Kirim after a failed Periksa ------------------------------------------------------

  // Every Periksa (nbgrader's Validate, in the Assignment List or a notebook's toolbar) is a POST
  // to .../assignments/validate with the notebook's path (in the JSON body, or the query). Its
  // reply says whether the notebook passed; the last result of each notebook is remembered
  // (localStorage: a reload in between does not forget it). Kirim (Submit) of an assignment one
  // of whose notebooks last failed asks once; confirming submits and forgets those failures.
  var VALIDATE_URL = /\/assignments\/validate(?:[?#]|$)/;
  var SUBMIT_BUTTON = '#fetched_assignments_list .list_item .item_status > button.btn-primary';
  var FAILED_KEY = NAME + ':periksa-gagal';

  function failedPaths() {
    try {
      return JSON.parse(window.localStorage.getItem(FAILED_KEY) || '{}') || {};
    } catch (error) {
      return {};
    }
  }

  function rememberValidation(path, failed) {
    var paths = failedPaths();
    if (failed) paths[path] = true;
    else delete paths[path];
    try {
      window.localStorage.setItem(FAILED_KEY, JSON.stringify(paths));
    } catch (error) {
      // storage full or refused: the confirmation is a courtesy, submitting still works
    }
  }

  /** Whether nbgrader's validate reply means the notebook did not pass (as its dialog shows). */
  function validationFailed(reply) {
    if (!reply || reply.success !== true) return true;
    var value = reply.value;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (error) {
        return true;
      }
    }
    value = value || {};
    return ['type_changed', 'changed', 'failed'].some(function (key) {
      return value[key] && value[key].length;
    });
  }

  function pathOfBody(body) {
    try {
      return JSON.parse(body || '{}').path || null;
    } catch (error) {
      return null;
    }
  }

  /** The validated notebook's path: in the query (toolbar) or the JSON body (Assignment
   *  List), which JupyterLab's ServerConnection passes inside a Request. Read before the
   *  request is sent (a sent Request's body is used up). */
  function validatedPath(input, url, init) {
    var query = /[?&]path=([^&#]*)/.exec(url);
    if (query) return Promise.resolve(decodeURIComponent(query[1].replace(/\+/g, ' ')));
    if (init && typeof init.body === 'string') return Promise.resolve(pathOfBody(init.body));
    if (input && typeof input.clone === 'function') {
      return input.clone().text().then(pathOfBody, function () { return null; });
    }
    return Promise.resolve(null);
  }

  /** Watch every Periksa's reply (nbgrader calls fetch through ServerConnection). */
  function watchValidations() {
    var original = window.fetch;
    if (!original || original.asnWorkbench) return;
    var watching = function (input, init) {
      var url = typeof input === 'string' ? input : (input && input.url) || '';
      if (!VALIDATE_URL.test(url)) return original.apply(this, arguments);
      var path = validatedPath(input, url, init);
      return original.apply(this, arguments).then(function (response) {
        var body = response.clone().json();
        Promise.all([path, body])
          .then(function (both) {
            if (both[0]) rememberValidation(both[0], validationFailed(both[1]));
          })
          .catch(function () {
            path.then(function (p) { if (p) rememberValidation(p, true); });
          });
        return response;
      });
    };
    watching.asnWorkbench = true;
    window.fetch = watching;
  }

  /** The notebooks of an assignment whose last Periksa failed (a path component is its id). */
  function failedNotebooks(assignment) {
    var paths = failedPaths();
    return Object.keys(paths).filter(function (path) {
      return path.split('/').indexOf(assignment) !== -1;
    });
  }

  function confirmSubmitAfterFailedValidation(apputils, nbgrader) {
    watchValidations();
    var text = function (english) {
      return nbgrader(english) || english;
    };
    document.addEventListener('click', function (event) {
      var button = event.target && event.target.closest && event.target.closest(SUBMIT_BUTTON);
      if (!button || button.asnWorkbenchConfirmed) return;
      var row = button.closest('.list_item');
      var name = row && row.querySelector('.item_name');
      var assignment = name ? name.textContent.trim() : '';
      var failed = assignment ? failedNotebooks(assignment) : [];
      if (!failed.length) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      apputils.showDialog({
        title: text('Submit anyway?'),
        body: text("The last validation of '" + assignment + "' did not pass. Submit it anyway?"),
        buttons: [
          apputils.Dialog.cancelButton({ label: text('Cancel') }),
          apputils.Dialog.warnButton({ label: text('Submit anyway') })
        ]
      }).then(function (result) {
        if (!result.button.accept) return;
        failed.forEach(function (path) { rememberValidation(path, false); });
        button.asnWorkbenchConfirmed = true;
        try {
          button.click();
        } finally {
          button.asnWorkbenchConfirmed = false;
        }
      });
    }, true);
  }

  // ---- the plugin -----------------------------------------------------------------------

  function activate(app, translator, notebooks, apputils) {
    var catalogues = {};
    SCOPES.forEach(function (scope) {
      if (!catalogues[scope.domain]) {
        // "a+b": catalogue a, then b; "a|": catalogue a, each " | " part alone
        var parts = /\|$/.test(scope.domain);
        var translate = makeTranslate(
          scope.domain.replace(/\|$/, '').split('+').map(function (d) { return translator.load(d); })
        );
        catalogues[scope.domain] = parts ? byParts(translate) : translate;
      }
    });
    catalogues[NBGRADER] = withOfficeTime(catalogues[NBGRADER]);
    var pick = function (element) {
      for (var i = 0; i < SCOPES.length; i++) {
        if (element.closest(SCOPES[i].selector)) return catalogues[SCOPES[i].domain];
      }
      return null;
    };
    var nbgrader = catalogues[NBGRADER];
    if (apputils) confirmSubmitAfterFailedValidation(apputils, nbgrader);

    var validatePanels = function () {};
    if (notebooks) {
      var watched = typeof WeakSet === 'function' ? new WeakSet() : null;
      validatePanels = function (root) {
        notebooks.forEach(function (panel) {
          if (root && !(panel.node.contains(root) || root.contains(panel.node))) return;
          showValidate(panel);
          if (watched && !watched.has(panel) && panel.model) {
            watched.add(panel);
            panel.model.contentChanged.connect(function () { showValidate(panel); });
          }
        });
      };
      notebooks.widgetAdded.connect(function (sender, panel) {
        panel.context.ready.then(function () { validatePanels(panel.node); });
      });
    }

    // Text: everything already on the page, then whatever appears.
    new Page(pick, catalogues.jupyterlab).observe(document.body);

    // Validate buttons appear when a notebook's toolbar renders.
    new MutationObserver(function (records) {
      for (var r = 0; r < records.length; r++) {
        for (var a = 0; a < records[r].addedNodes.length; a++) {
          var node = records[r].addedNodes[a];
          if (node.nodeType !== 1) continue;
          if (node.matches('.validate-button') || node.querySelector('.validate-button')) {
            validatePanels(node);
          }
        }
      }
    }).observe(document.body, { subtree: true, childList: true });

    // Tab titles of nbgrader's widgets.
    function titles() {
      ['main', 'left', 'right'].forEach(function (area) {
        var widgets;
        try {
          widgets = app.shell.widgets(area);
        } catch (error) {
          return; // a shell without that area (Notebook 7's pages)
        }
        for (var widget of widgets) {
          if (WIDGET_IDS.indexOf(widget.id) === -1) continue;
          var label = nbgrader(widget.title.label);
          if (label) widget.title.label = label;
          var caption = nbgrader(widget.title.caption);
          if (caption) widget.title.caption = caption;
        }
      });
    }
    if (app.shell.layoutModified) app.shell.layoutModified.connect(titles);
    app.restored.then(titles);
  }

  function extension() {
    return Promise.all([
      shared('@jupyterlab/translation'),
      shared('@jupyterlab/notebook').catch(function () { return null; }),
      shared('@jupyterlab/apputils').catch(function () { return null; })
    ]).then(function (modules) {
      var apputils = modules[2];
      var plugin = {
        id: NAME + ':plugin',
        description: 'Teks yang tak terjangkau paket bahasa (nbgrader, beberapa tombol) diterjemahkan; tombol Validate nbgrader hanya pada tugas; Kirim setelah Periksa yang gagal meminta konfirmasi.',
        autoStart: true,
        requires: [modules[0].ITranslator],
        optional: modules[1] ? [modules[1].INotebookTracker] : [],
        activate: function (app, translator, notebooks) {
          activate(app, translator, notebooks || null, apputils);
        }
      };
      return { __esModule: true, default: [plugin] };
    });
  }

  var script = document.currentScript;
  if (script && script.hasAttribute('data-asn-workbench-formgrader')) {
    formgraderPage(script.getAttribute('data-base-url') || '/');
    return;
  }

  // Voilà serves the extensions at .../voila/labextensions/, JupyterLab at .../lab/extensions/.
  var inVoila = !!(script && /\/voila\/labextensions\//.test(script.src));
  if (inVoila) voilaPage(script.src);

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function (scope) {
      shareScope = scope;
    },
    get: function (module) {
      if (module !== './extension') {
        return Promise.reject(new Error(NAME + ': modul ' + module + ' tidak ada'));
      }
      if (inVoila) {
        // Voilà's app has no menus, notebooks or nbgrader: nothing for the plugin to do.
        return Promise.resolve(function () { return { __esModule: true, default: [] }; });
      }
      return extension().then(function (exports) {
        return function () { return exports; };
      });
    }
  };
})();
