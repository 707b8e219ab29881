// The news explorer: one page, hash routes, plain DOM. It is served by the query function
// itself, so every request is same-origin and relative to the page (this works under a named
// API Gateway stage and behind a signing proxy alike). No framework and no HTML parsing of data: every
// string from the API goes through textContent or an attribute, so article text cannot inject
// markup, and the CSP (script-src 'self', no inline code) holds without exceptions.

const BASE = new URL('.', location.href);
const TOKEN_KEY = 'news-explorer-token';
const LANG_KEY = 'news-explorer-lang';

// ---------------------------------------------------------------------------------------------
// Language. German for browsers that prefer it, English otherwise; the switch overrides both.

const TEXT = {
  en: {
    brand: 'News explorer',
    skip: 'Skip to content',
    searchLabel: 'Search entities',
    searchHint: 'At least 2 letters. Arrow keys choose a suggestion, Enter opens it.',
    searchButton: 'Search',
    suggestionsLabel: 'Suggestions',
    navLabel: 'Main',
    navHome: 'Overview',
    navIngest: 'Ingest',
    settings: 'Access & language',
    tokenLabel: 'API token (auth=jwt)',
    tokenSave: 'Use token',
    tokenClear: 'Forget token',
    tokenHint: 'Sent as “authorization: Bearer” and kept in this tab only (sessionStorage).',
    tokenSaved: 'Token saved for this tab.',
    tokenCleared: 'Token forgotten.',
    langLabel: 'Language',
    langAuto: 'Browser language',
    footer: 'Data from the news-ingest query API.',
    loading: 'Loading…',
    loaded: (title) => `${title} loaded`,
    suggestions: (n) => (n === 0 ? 'No matching entities' : n === 1 ? '1 suggestion' : `${n} suggestions`),
    tooShort: 'Type at least 2 letters.',
    homeTitle: 'Overview',
    homeIntro: 'Search people, organisations and places named in the ingested articles, or browse the most frequent ones.',
    topEntities: 'Most frequent entities',
    searchTitle: (q) => `Entities matching “${q}”`,
    results: (n) => (n === 1 ? '1 result' : `${n} results`),
    noResults: 'Nothing found. Any word of any name works: “put” finds Putin.',
    typeFilter: 'Type',
    allTypes: 'All types',
    more: 'Show more',
    articlesN: (n) => (n === 1 ? '1 article' : `${n} articles`),
    mentionsN: (n) => (n === 1 ? '1 mention' : `${n} mentions`),
    quotesN: (n) => (n === 1 ? '1 quote' : `${n} quotes`),
    types: { PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other' },
    typePlural: { PER: 'People', ORG: 'Organisations', LOC: 'Places', MISC: 'Other' },
    redirected: (from) => `“${from}” was merged into this entity.`,
    overview: 'Overview',
    names: 'Names',
    namesByLang: 'Name per language',
    aliases: 'Every name seen',
    alias: 'Name',
    count: 'Mentions',
    languages: 'Languages',
    articles: 'Articles',
    mentions: 'Mentions',
    mergedIds: 'Merged ids',
    timeline: 'Timeline',
    timelineCaption: (interval) => `Articles per ${interval}`,
    intervals: { day: 'day', week: 'week', month: 'month' },
    timelineTable: 'Show as table',
    period: 'Period from',
    noTimeline: 'No dated articles.',
    quotesBy: (name) => `Quotes by ${name}`,
    speakers: 'Quoted most on this',
    speakerCounts: (s) =>
      `${s.quotes === 1 ? '1 quote' : `${s.quotes} quotes`}${s.quotesMentioning ? ` (${s.quotesMentioning} naming it)` : ''} in ${s.articles === 1 ? '1 article' : `${s.articles} articles`}`,
    noSpeakers: 'Nobody is quoted in these articles.',
    related: 'Related entities',
    relatedCount: (n) => (n === 1 ? 'together in 1 article' : `together in ${n} articles`),
    noRelated: 'No related entities.',
    filterArticles: 'Filter articles',
    language: 'Language',
    allLanguages: 'All languages',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    noArticles: 'No articles match.',
    shown: (n) => `${n} shown`,
    notAvailable: 'Not available from this API yet.',
    article: 'Article',
    metadata: 'Details',
    published: 'Published',
    ingested: 'Ingested',
    author: 'Author',
    source: 'Source',
    objectKey: 'Object key',
    words: 'Words',
    text: 'Text',
    inText: 'In this article',
    dates: 'Dates',
    quotes: 'Quotes',
    unknownSpeaker: 'unknown speaker',
    legend: 'Highlighted: entities (linked), dates, quotes with their speakers.',
    textMissing: 'The full text is not available; showing the excerpt without highlights.',
    ingestTitle: 'Ingest',
    ingestIntro: 'Recently updated objects of the bucket, most recent first.',
    state: 'State',
    allStates: 'All states',
    states: { pending: 'pending', processed: 'processed', rejected: 'rejected', failed: 'failed', deleted: 'deleted' },
    key: 'Object key',
    code: 'Code',
    reason: 'Reason',
    updated: 'Updated',
    refresh: 'Refresh',
    noObjects: 'No objects.',
    notFound: 'Not found.',
    unauthorized: 'The API asks for authorisation. With auth=jwt, enter a token under “Access & language”.',
    failed: (detail) => `The request failed: ${detail}`,
  },
  de: {
    brand: 'Nachrichten-Explorer',
    skip: 'Zum Inhalt springen',
    searchLabel: 'Entitäten suchen',
    searchHint: 'Mindestens 2 Buchstaben. Pfeiltasten wählen einen Vorschlag, Enter öffnet ihn.',
    searchButton: 'Suchen',
    suggestionsLabel: 'Vorschläge',
    navLabel: 'Hauptnavigation',
    navHome: 'Übersicht',
    navIngest: 'Eingang',
    settings: 'Zugang & Sprache',
    tokenLabel: 'API-Token (auth=jwt)',
    tokenSave: 'Token verwenden',
    tokenClear: 'Token vergessen',
    tokenHint: 'Wird als „authorization: Bearer“ gesendet und nur in diesem Tab gehalten (sessionStorage).',
    tokenSaved: 'Token für diesen Tab gespeichert.',
    tokenCleared: 'Token vergessen.',
    langLabel: 'Sprache',
    langAuto: 'Sprache des Browsers',
    footer: 'Daten aus der Abfrage-API von news-ingest.',
    loading: 'Lädt …',
    loaded: (title) => `${title} geladen`,
    suggestions: (n) => (n === 0 ? 'Keine passenden Entitäten' : n === 1 ? '1 Vorschlag' : `${n} Vorschläge`),
    tooShort: 'Mindestens 2 Buchstaben eingeben.',
    homeTitle: 'Übersicht',
    homeIntro: 'Personen, Organisationen und Orte aus den eingelesenen Artikeln suchen oder die häufigsten durchsehen.',
    topEntities: 'Häufigste Entitäten',
    searchTitle: (q) => `Entitäten zu „${q}“`,
    results: (n) => (n === 1 ? '1 Treffer' : `${n} Treffer`),
    noResults: 'Nichts gefunden. Jedes Wort jedes Namens passt: „put“ findet Putin.',
    typeFilter: 'Typ',
    allTypes: 'Alle Typen',
    more: 'Mehr anzeigen',
    articlesN: (n) => (n === 1 ? '1 Artikel' : `${n} Artikel`),
    mentionsN: (n) => (n === 1 ? '1 Nennung' : `${n} Nennungen`),
    quotesN: (n) => (n === 1 ? '1 Zitat' : `${n} Zitate`),
    types: { PER: 'Person', ORG: 'Organisation', LOC: 'Ort', MISC: 'Sonstiges' },
    typePlural: { PER: 'Personen', ORG: 'Organisationen', LOC: 'Orte', MISC: 'Sonstiges' },
    redirected: (from) => `„${from}“ wurde mit dieser Entität zusammengeführt.`,
    overview: 'Überblick',
    names: 'Namen',
    namesByLang: 'Name je Sprache',
    aliases: 'Alle gesehenen Namen',
    alias: 'Name',
    count: 'Nennungen',
    languages: 'Sprachen',
    articles: 'Artikel',
    mentions: 'Nennungen',
    mergedIds: 'Zusammengeführte IDs',
    timeline: 'Zeitverlauf',
    timelineCaption: (interval) => `Artikel pro ${interval}`,
    intervals: { day: 'Tag', week: 'Woche', month: 'Monat' },
    timelineTable: 'Als Tabelle zeigen',
    period: 'Zeitraum ab',
    noTimeline: 'Keine datierten Artikel.',
    quotesBy: (name) => `Zitate von ${name}`,
    speakers: 'Am meisten zitiert dazu',
    speakerCounts: (s) =>
      `${s.quotes === 1 ? '1 Zitat' : `${s.quotes} Zitate`}${s.quotesMentioning ? ` (${s.quotesMentioning} mit Nennung)` : ''} in ${s.articles} Artikel${s.articles === 1 ? '' : 'n'}`,
    noSpeakers: 'In diesen Artikeln wird niemand zitiert.',
    related: 'Verwandte Entitäten',
    relatedCount: (n) => (n === 1 ? 'gemeinsam in 1 Artikel' : `gemeinsam in ${n} Artikeln`),
    noRelated: 'Keine verwandten Entitäten.',
    filterArticles: 'Artikel filtern',
    language: 'Sprache',
    allLanguages: 'Alle Sprachen',
    from: 'Von',
    to: 'Bis',
    apply: 'Anwenden',
    noArticles: 'Keine passenden Artikel.',
    shown: (n) => `${n} angezeigt`,
    notAvailable: 'Von dieser API noch nicht verfügbar.',
    article: 'Artikel',
    metadata: 'Angaben',
    published: 'Veröffentlicht',
    ingested: 'Eingelesen',
    author: 'Autor',
    source: 'Quelle',
    objectKey: 'Objektschlüssel',
    words: 'Wörter',
    text: 'Text',
    inText: 'In diesem Artikel',
    dates: 'Daten',
    quotes: 'Zitate',
    unknownSpeaker: 'unbekannter Sprecher',
    legend: 'Hervorgehoben: Entitäten (verlinkt), Daten, Zitate mit Sprecher.',
    textMissing: 'Der volle Text ist nicht verfügbar; der Auszug wird ohne Hervorhebungen gezeigt.',
    ingestTitle: 'Eingang',
    ingestIntro: 'Zuletzt geänderte Objekte des Buckets, neueste zuerst.',
    state: 'Status',
    allStates: 'Alle Status',
    states: { pending: 'wartend', processed: 'verarbeitet', rejected: 'abgelehnt', failed: 'fehlgeschlagen', deleted: 'gelöscht' },
    key: 'Objektschlüssel',
    code: 'Code',
    reason: 'Grund',
    updated: 'Geändert',
    refresh: 'Neu laden',
    noObjects: 'Keine Objekte.',
    notFound: 'Nicht gefunden.',
    unauthorized: 'Die API verlangt eine Anmeldung. Bei auth=jwt unter „Zugang & Sprache“ ein Token eingeben.',
    failed: (detail) => `Die Anfrage ist fehlgeschlagen: ${detail}`,
  },
};

function chosenLanguage() {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

let lang = chosenLanguage();
let t = TEXT[lang];

// ---------------------------------------------------------------------------------------------
// DOM helpers.

/** An element with attributes (on* are listeners, `text` is textContent) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

const main = () => document.getElementById('main');
const statusRegion = () => document.getElementById('status');

/** Screen readers hear this through the polite live region; clearing first repeats a message. */
function announce(message) {
  const region = statusRegion();
  region.textContent = '';
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

const number = (n) => new Intl.NumberFormat(lang).format(n ?? 0);

function formatDate(iso, withTime = false) {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options = withTime ? { dateStyle: 'medium', timeStyle: 'medium' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang, options).format(date);
}

const timeEl = (iso, withTime) => (iso ? h('time', { datetime: iso, text: formatDate(iso, withTime) }) : '–');

const entityHref = (id) => `#/entity/${encodeURIComponent(id)}`;
const articleHref = (id) => `#/article/${encodeURIComponent(id)}`;

const typeBadge = (type) => h('span', { class: `badge type-${type}`, text: t.types[type] ?? type });

function entityLink(entity) {
  return h('a', { href: entityHref(entity.id), class: `ent type-${entity.type}` }, entity.name);
}

function section(id, title, ...children) {
  return h('section', { 'aria-labelledby': `${id}-title`, id, class: 'panel' }, h('h2', { id: `${id}-title`, text: title }), ...children);
}

/** A placeholder that a later request fills; aria-busy tells assistive technology to wait. */
function slot() {
  return h('div', { 'aria-busy': 'true', class: 'slot' }, h('p', { class: 'muted', text: t.loading }));
}

function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  el.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------------------------------------
// API access.

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, params = {}, signal) {
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers, signal, credentials: 'same-origin' });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail ?? detail;
    } catch {
      // Not problem+json (e.g. API Gateway's own 401 body): keep the status text.
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

/** An error as a message in the page; 401/403 also open the token form. */
function errorBox(error) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    document.querySelector('.settings').open = true;
    return h('p', { class: 'error', role: 'alert', text: t.unauthorized });
  }
  if (error instanceof ApiError && error.status === 404) return h('p', { class: 'error', role: 'alert', text: `${t.notFound} ${error.message}` });
  return h('p', { class: 'error', role: 'alert', text: t.failed(error.message) });
}

/** A section whose route the deployed API may not have yet is hidden, not an error. */
const missingRoute = (error) => error instanceof ApiError && error.status === 404 && /no such resource/.test(error.message);

// ---------------------------------------------------------------------------------------------
// Routing: #/, #/search?q=, #/entity/{id}, #/article/{id}, #/ingest.

let navigation = new AbortController();

function route() {
  navigation.abort();
  navigation = new AbortController();
  const signal = navigation.signal;
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, queryString] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryString ?? '');
  const pages = {
    search: () => searchPage(query.get('q') ?? '', query.get('type') ?? '', signal),
    entity: () => entityPage(parts[1], signal),
    article: () => articlePage(parts[1], signal),
    ingest: () => ingestPage(signal),
  };
  const page = pages[parts[0]] ?? (() => homePage(signal));
  page().catch((error) => {
    if (signal.aborted) return;
    main().replaceChildren(errorBox(error));
  });
}

/** Starts a page: its heading gets focus, so keyboard and screen reader users land on it. */
function startPage(title, ...children) {
  const heading = h('h1', { tabindex: '-1', text: title });
  main().replaceChildren();
  append(main(), [heading, children]);
  document.title = `${title} – ${t.brand}`;
  if (startPage.moved) heading.focus();
  startPage.moved = true;
  announce(t.loaded(title));
  return heading;
}
startPage.moved = false;

// ---------------------------------------------------------------------------------------------
// Search box with type-ahead (ARIA 1.2 combobox with a listbox popup).

function setUpSearch() {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-suggestions');
  let items = [];
  let active = -1;
  let pending;
  let timer;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    for (const [i, option] of [...list.children].entries()) option.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', `suggestion-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const open = (entity) => {
    close();
    location.hash = entityHref(entity.id);
  };
  const suggest = async () => {
    const q = input.value.trim();
    pending?.abort();
    if (q.length < 2) return close();
    pending = new AbortController();
    try {
      const { items: found } = await api('entities', { q, limit: 8 }, pending.signal);
      items = found;
      list.replaceChildren(
        ...found.map((entity, i) =>
          h(
            'div',
            {
              id: `suggestion-${i}`,
              role: 'option',
              'aria-selected': 'false',
              // mousedown, not click: the input's blur must not close the list first.
              onmousedown: (event) => {
                event.preventDefault();
                open(entity);
              },
            },
            h('span', { class: 'name', text: entity.name }),
            ' ',
            typeBadge(entity.type),
            h('span', { class: 'muted', text: ` ${t.articlesN(entity.articleCount)}` }),
          ),
        ),
      );
      list.hidden = found.length === 0;
      input.setAttribute('aria-expanded', String(found.length > 0));
      active = -1;
      announce(t.suggestions(found.length));
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
  input.addEventListener('keydown', (event) => {
    const shown = !list.hidden && items.length > 0;
    if (event.key === 'ArrowDown' && shown) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === 'ArrowUp' && shown) {
      event.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      open(items[active]);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q.length < 2) return announce(t.tooShort);
    close();
    location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Pages.

function entityList(items) {
  return h(
    'ul',
    { class: 'entities' },
    items.map((entity) =>
      h(
        'li',
        {},
        entityLink(entity),
        ' ',
        typeBadge(entity.type),
        h('span', { class: 'muted', text: ` ${t.articlesN(entity.articleCount)} · ${t.mentionsN(entity.mentionCount)}` }),
      ),
    ),
  );
}

async function homePage(signal) {
  const top = slot();
  startPage(t.homeTitle, h('p', { text: t.homeIntro }), section('top', t.topEntities, top));
  const { items } = await api('entities', { limit: 30 }, signal);
  fill(top, items.length ? entityList(items) : h('p', { text: t.noResults }));
}

async function searchPage(q, type, signal) {
  document.getElementById('search-input').value = q;
  const results = slot();
  const typeSelect = h(
    'select',
    { id: 'type-filter', onchange: () => (location.hash = `#/search?q=${encodeURIComponent(q)}${typeSelect.value ? `&type=${typeSelect.value}` : ''}`) },
    h('option', { value: '', text: t.allTypes }),
    Object.keys(t.types).map((code) => h('option', { value: code, selected: code === type, text: t.types[code] })),
  );
  startPage(t.searchTitle(q), h('p', { class: 'filters' }, h('label', { for: 'type-filter', text: t.typeFilter }), ' ', typeSelect), results);
  if (q.length < 2) return fill(results, h('p', { text: t.tooShort }));
  const list = h('ul', { class: 'entities' });
  let cursor;
  const load = async () => {
    const page = await api('entities', { q, type, limit: 20, cursor }, signal);
    const before = list.children.length;
    list.append(...entityList(page.items).children);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (before > 0) list.children[before]?.querySelector('a')?.focus();
    announce(t.results(list.children.length));
    if (list.children.length === 0) fill(results, h('p', { text: t.noResults }));
  };
  const more = h('button', { type: 'button', class: 'more', text: t.more, hidden: true, onclick: () => load().catch((e) => results.append(errorBox(e))) });
  fill(results, list, more);
  await load();
}

async function entityPage(id, signal) {
  // Every part of the page is asked for at once; each section fills in when its answer comes.
  const get = (path, params) => api(`entities/${encodeURIComponent(id)}${path}`, params, signal);
  const entityRequest = get('');
  const timelineRequest = get('/timeline', { interval: 'day' });
  const quotesRequest = get('/quotes', { limit: 5 });
  const speakersRequest = get('/speakers', { limit: 8 });
  const relatedRequest = get('/related', { limit: 15 });
  for (const request of [timelineRequest, quotesRequest, speakersRequest, relatedRequest]) request.catch(() => {});

  const entity = await entityRequest;
  const slots = { timeline: slot(), quotes: slot(), speakers: slot(), related: slot(), articles: slot() };
  const quotesSection = section('quotes-by', t.quotesBy(entity.name), slots.quotes);
  startPage(
    entity.name,
    h('p', { class: 'subtitle' }, typeBadge(entity.type), ' ', h('code', { text: entity.id })),
    entity.redirectedFrom ? h('p', { class: 'note', text: t.redirected(entity.redirectedFrom) }) : null,
    h('div', { class: 'entity-grid' }, overviewSection(entity), section('timeline', t.timeline, slots.timeline)),
    quotesSection,
    h('div', { class: 'entity-grid' }, section('speakers', t.speakers, slots.speakers), section('related', t.related, slots.related)),
    section('articles', t.articles, slots.articles),
  );

  const settle = async (request, el, render) => {
    try {
      fill(el, render(await request));
    } catch (error) {
      if (signal.aborted) return;
      fill(el, missingRoute(error) ? h('p', { class: 'muted', text: t.notAvailable }) : errorBox(error));
    }
  };
  await Promise.all([
    settle(timelineRequest, slots.timeline, (body) => timelineChart(body.items)),
    settle(quotesRequest, slots.quotes, (body) => {
      // Only people speak: a place or an organisation without quotes needs no empty section.
      if (body.items.length === 0) quotesSection.hidden = true;
      const item = (quote) => h('li', {}, h('blockquote', { text: quote.text }), quoteSource(quote.article));
      const list = h('ul', { class: 'quotes' }, body.items.map(item));
      let cursor = body.nextCursor;
      const more = h('button', {
        type: 'button',
        class: 'more',
        hidden: !cursor,
        text: t.more,
        onclick: async () => {
          try {
            const page = await get('/quotes', { limit: 5, cursor });
            const before = list.children.length;
            list.append(...page.items.map(item));
            cursor = page.nextCursor;
            more.hidden = !cursor;
            list.children[before]?.querySelector('a')?.focus();
          } catch (error) {
            list.after(errorBox(error));
          }
        },
      });
      return [list, more];
    }),
    settle(speakersRequest, slots.speakers, (body) => speakerList(entity, body.items, signal)),
    settle(relatedRequest, slots.related, (body) =>
      body.items.length
        ? h(
            'ul',
            { class: 'entities' },
            body.items.map((item) =>
              h('li', {}, entityLink(item), ' ', typeBadge(item.type), h('span', { class: 'muted', text: ` ${t.relatedCount(item.count)}` })),
            ),
          )
        : h('p', { class: 'muted', text: t.noRelated }),
    ),
    entityArticles(entity, slots.articles, signal),
  ]);
}

function overviewSection(entity) {
  const names = Object.entries(entity.names ?? {});
  return section(
    'overview',
    t.overview,
    h(
      'dl',
      { class: 'facts' },
      h('dt', { text: t.articles }),
      h('dd', { text: number(entity.articleCount) }),
      h('dt', { text: t.mentions }),
      h('dd', { text: number(entity.mentionCount) }),
      h('dt', { text: t.languages }),
      h('dd', { text: (entity.languages ?? []).join(', ') || '–' }),
      names.length ? [h('dt', { text: t.namesByLang }), h('dd', { text: names.map(([code, name]) => `${code}: ${name}`).join(' · ') })] : null,
      entity.mergedIds?.length ? [h('dt', { text: t.mergedIds }), h('dd', { text: entity.mergedIds.join(', ') })] : null,
    ),
    entity.aliases?.length
      ? h(
          'table',
          { class: 'aliases' },
          h('caption', { text: t.aliases }),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col', text: t.alias }), h('th', { scope: 'col', text: t.count }), h('th', { scope: 'col', text: t.languages })),
          ),
          h(
            'tbody',
            {},
            entity.aliases.map((alias) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row', text: alias.name }),
                h('td', { class: 'num', text: number(alias.count) }),
                h('td', { text: alias.langs.join(', ') }),
              ),
            ),
          ),
        )
      : null,
  );
}

function quoteSource(article) {
  if (!article) return null;
  return h(
    'p',
    { class: 'source' },
    '— ',
    h('a', { href: articleHref(article.id), text: article.title || article.key }),
    article.publishedAt ? [', ', timeEl(article.publishedAt)] : null,
  );
}

/** Speakers with counts; the quotes of the first few that name this entity follow when they arrive. */
function speakerList(entity, speakers, signal) {
  if (speakers.length === 0) return h('p', { class: 'muted', text: t.noSpeakers });
  return h(
    'ol',
    { class: 'speakers' },
    speakers.map((speaker, index) => {
      const quotes = h('ul', { class: 'quotes compact' });
      if (speaker.id && index < 4) {
        api(`entities/${encodeURIComponent(speaker.id)}/quotes`, { limit: 30 }, signal)
          .then(({ items }) => {
            const onTopic = items.filter((quote) => quote.mentions?.some((m) => m.id === entity.id));
            const shown = (onTopic.length ? onTopic : items).slice(0, 2);
            quotes.replaceChildren(...shown.map((quote) => h('li', {}, h('blockquote', { text: quote.text }), quoteSource(quote.article))));
          })
          .catch(() => {});
      }
      return h(
        'li',
        {},
        speaker.id ? h('a', { href: entityHref(speaker.id), class: 'ent type-PER', text: speaker.name }) : h('span', { text: speaker.name }),
        h('span', { class: 'muted', text: ` ${t.speakerCounts(speaker)}` }),
        quotes,
      );
    }),
  );
}

// The timeline comes per day; long spans are summed into weeks or months so bars stay readable.
function bucketsOf(items) {
  if (items.length === 0) return { interval: 'day', buckets: [] };
  const span = (Date.parse(items.at(-1).start) - Date.parse(items[0].start)) / 86_400_000;
  const interval = span <= 62 ? 'day' : span <= 730 ? 'week' : 'month';
  const keyOf = (start) => {
    if (interval === 'day') return start;
    if (interval === 'month') return `${start.slice(0, 7)}-01`;
    const date = new Date(`${start}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.toISOString().slice(0, 10);
  };
  const sums = new Map();
  for (const item of items) {
    const key = keyOf(item.start);
    const sum = sums.get(key) ?? { start: key, articles: 0, mentions: 0 };
    sum.articles += item.articles;
    sum.mentions += item.mentions;
    sums.set(key, sum);
  }
  return { interval, buckets: [...sums.values()] };
}

function timelineChart(items) {
  const { interval, buckets } = bucketsOf(items);
  if (buckets.length === 0) return h('p', { class: 'muted', text: t.noTimeline });
  const width = 600;
  const height = 180;
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const max = Math.max(...buckets.map((b) => b.articles), 1);
  // Bars sit on a time axis, so gaps between dated articles show as gaps.
  const first = Date.parse(buckets[0].start);
  const last = Date.parse(buckets.at(-1).start);
  const range = Math.max(last - first, 1);
  const plotWidth = width - pad.left - pad.right;
  const unit = { day: 1, week: 7, month: 30.44 }[interval] * 86_400_000;
  const slots = Math.round(range / unit) + 1;
  const barWidth = Math.max(2, Math.min(40, (plotWidth / slots) * 0.8));
  const x = (start) =>
    buckets.length === 1 ? pad.left + plotWidth / 2 : pad.left + barWidth / 2 + ((Date.parse(start) - first) / range) * (plotWidth - barWidth);
  const y = (value) => pad.top + (1 - value / max) * (height - pad.top - pad.bottom);
  const caption = t.timelineCaption(t.intervals[interval]);
  const label = `${caption}: ${buckets.map((b) => `${formatDate(b.start)} ${b.articles}`).join(', ')}`;
  const chart = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' },
    s('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis' }),
    s('text', { x: pad.left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick', text: String(max) }),
    s('text', { x: pad.left - 6, y: y(0), 'text-anchor': 'end', class: 'tick', text: '0' }),
    buckets.length === 1
      ? s('text', { x: x(buckets[0].start), y: height - 8, 'text-anchor': 'middle', class: 'tick', text: formatDate(buckets[0].start) })
      : s('text', { x: pad.left, y: height - 8, class: 'tick', text: formatDate(buckets[0].start) }),
    buckets.length > 1 ? s('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'tick', text: formatDate(buckets.at(-1).start) }) : null,
    buckets.map((b) =>
      s(
        'rect',
        { class: 'point', 'data-start': b.start, x: x(b.start) - barWidth / 2, y: y(b.articles), width: barWidth, height: Math.max(1, y(0) - y(b.articles)) },
        s('title', { text: `${formatDate(b.start)}: ${t.articlesN(b.articles)}, ${t.mentionsN(b.mentions)}` }),
      ),
    ),
  );
  return h(
    'figure',
    { class: 'timeline' },
    chart,
    h('figcaption', { text: caption }),
    h(
      'details',
      {},
      h('summary', { text: t.timelineTable }),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col', text: t.period }), h('th', { scope: 'col', text: t.articles }), h('th', { scope: 'col', text: t.mentions })),
        ),
        h(
          'tbody',
          {},
          buckets.map((b) =>
            h('tr', {}, h('th', { scope: 'row' }, timeEl(b.start)), h('td', { class: 'num', text: b.articles }), h('td', { class: 'num', text: b.mentions })),
          ),
        ),
      ),
    ),
  );
}

async function entityArticles(entity, el, signal) {
  const filters = { lang: '', from: '', to: '' };
  const list = h('ol', { class: 'articles' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  let cursor = null;
  const langSelect = h(
    'select',
    { id: 'article-lang', name: 'lang' },
    h('option', { value: '', text: t.allLanguages }),
    (entity.languages ?? []).map((code) => h('option', { value: code, text: code })),
  );
  const fromInput = h('input', { id: 'article-from', name: 'from', type: 'date' });
  const toInput = h('input', { id: 'article-to', name: 'to', type: 'date' });
  const load = async (reset) => {
    if (reset) {
      list.replaceChildren();
      cursor = null;
    }
    const page = await api(`entities/${encodeURIComponent(entity.id)}/articles`, { limit: 20, cursor, ...filters }, signal);
    const before = list.children.length;
    list.append(
      ...page.items.map((article) =>
        h(
          'li',
          {},
          h('a', { href: articleHref(article.id), text: article.title || article.key }),
          h(
            'span',
            { class: 'muted' },
            article.publishedAt ? [' · ', timeEl(article.publishedAt)] : null,
            ` · ${article.lang} · ${t.mentionsN(article.mentions ?? 0)}`,
          ),
        ),
      ),
    );
    cursor = page.nextCursor;
    more.hidden = !cursor;
    count.textContent = list.children.length ? t.shown(list.children.length) : t.noArticles;
    if (!reset && before > 0) list.children[before]?.querySelector('a')?.focus();
  };
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': t.filterArticles,
      onsubmit: (event) => {
        event.preventDefault();
        Object.assign(filters, { lang: langSelect.value, from: fromInput.value, to: toInput.value });
        load(true).catch((error) => list.replaceChildren(h('li', {}, errorBox(error))));
      },
    },
    h('label', { for: 'article-lang', text: t.language }),
    langSelect,
    h('label', { for: 'article-from', text: t.from }),
    fromInput,
    h('label', { for: 'article-to', text: t.to }),
    toInput,
    h('button', { type: 'submit', text: t.apply }),
  );
  const more = h('button', {
    type: 'button',
    class: 'more',
    hidden: true,
    text: t.more,
    onclick: () => load(false).catch((error) => el.append(errorBox(error))),
  });
  fill(el, form, count, list, more);
  try {
    await load(true);
  } catch (error) {
    if (!signal.aborted) fill(el, errorBox(error));
  }
}

// An article's text with its annotations. Quotes are the outer layer; entities and dates sit
// inside or between them. The API's offsets point into the text of /articles/{id}/text; a
// span that crosses another is left unmarked rather than drawn broken.

/** Where `needle` really starts: at `offset` when the API says so, else the nearest match. */
function locate(text, needle, offset) {
  if (!needle) return -1;
  if (text.startsWith(needle, offset)) return offset;
  const after = text.indexOf(needle, Math.max(0, (offset ?? 0) - 40));
  return after >= 0 ? after : text.indexOf(needle);
}

/**
 * A quote the extractor joined from pieces around "sagte er" is not verbatim in the text; it
 * is marked as far as it matches at its offset (when that is a real stretch of it).
 */
function quoteSpan(text, quote) {
  const start = locate(text, quote.text, quote.offset);
  if (start >= 0) return { start, end: start + quote.text.length, quote };
  let length = 0;
  while (length < quote.text.length && text[quote.offset + length] === quote.text[length]) length += 1;
  return length >= 20 ? { start: quote.offset, end: quote.offset + length, quote } : { start: -1, end: -1, quote };
}

function nonOverlapping(spans) {
  const kept = [];
  let end = -1;
  for (const span of spans.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (span.start >= end && span.end > span.start) {
      kept.push(span);
      end = span.end;
    }
  }
  return kept;
}

function annotatedText(text, article) {
  const quotes = nonOverlapping((article.quotes ?? []).map((quote) => quoteSpan(text, quote))).filter((span) => span.start >= 0);
  const inner = nonOverlapping([
    ...(article.entities ?? []).flatMap((entity) => (entity.offsets ?? []).map(([start, end]) => ({ start, end, entity }))),
    ...(article.dates ?? []).map((date) => {
      const start = locate(text, date.text, date.offset);
      return { start, end: start + (date.text?.length ?? 0), date };
    }),
  ]).filter((span) => span.start >= 0 && span.end <= text.length);

  const mark = (span) =>
    span.entity
      ? h('a', { href: entityHref(span.entity.id), class: `ent type-${span.entity.type}`, title: t.types[span.entity.type] }, text.slice(span.start, span.end))
      : h('time', { datetime: span.date.date, class: 'date', title: formatDate(span.date.date) }, text.slice(span.start, span.end));
  const run = (from, to) => {
    const nodes = [];
    let at = from;
    for (const span of inner) {
      if (span.start < at || span.end > to) continue;
      nodes.push(text.slice(at, span.start), mark(span));
      at = span.end;
    }
    nodes.push(text.slice(at, to));
    return nodes;
  };

  const nodes = [];
  let at = 0;
  for (const { start, end, quote } of quotes) {
    nodes.push(...run(at, start));
    // The speaker follows the quote; an unknown one is left out of the text (the list beside says so).
    const speaker = quote.speakerId
      ? h('a', { href: entityHref(quote.speakerId), text: quote.speaker })
      : quote.speaker
        ? h('span', { text: quote.speaker })
        : null;
    nodes.push(h('span', { class: 'quote' }, ...run(start, end)), speaker ? h('span', { class: 'speaker' }, ' [', speaker, ']') : null);
    at = end;
  }
  nodes.push(...run(at, text.length));
  return nodes;
}

async function articlePage(id, signal) {
  const articleRequest = api(`articles/${encodeURIComponent(id)}`, {}, signal);
  const textRequest = api(`articles/${encodeURIComponent(id)}/text`, {}, signal);
  textRequest.catch(() => {});
  const article = await articleRequest;
  let body;
  try {
    const { text } = await textRequest;
    body = [h('p', { class: 'legend muted', text: t.legend }), h('div', { class: 'article-text', lang: article.lang }, annotatedText(text, article))];
  } catch {
    if (signal.aborted) return;
    body = [h('p', { class: 'note', text: t.textMissing }), h('div', { class: 'article-text', lang: article.lang, text: article.excerpt ?? '' })];
  }
  const url = /^https?:\/\//i.test(article.url ?? '') ? article.url : null;
  const facts = [
    [t.published, timeEl(article.publishedAt)],
    [t.ingested, timeEl(article.ingestedAt, true)],
    [t.language, article.lang],
    [t.author, article.author || '–'],
    [t.words, number(article.wordCount)],
    [t.objectKey, h('code', { text: article.key })],
    [t.source, url ? h('a', { href: url, rel: 'noopener noreferrer', text: url }) : '–'],
  ];
  const byType = new Map();
  for (const entity of article.entities ?? []) byType.set(entity.type, [...(byType.get(entity.type) ?? []), entity]);
  const aside = h(
    'aside',
    { 'aria-labelledby': 'in-text-title', class: 'panel' },
    h('h2', { id: 'in-text-title', text: t.inText }),
    [...byType.entries()].map(([type, entities]) => [
      h('h3', { text: t.typePlural[type] ?? type }),
      h(
        'ul',
        { class: 'entities' },
        entities
          .sort((a, b) => b.mentions - a.mentions)
          .map((entity) => h('li', {}, entityLink(entity), h('span', { class: 'muted', text: ` ${entity.mentions}×` }))),
      ),
    ]),
    article.quotes?.length
      ? [
          h('h3', { text: t.quotes }),
          h(
            'ul',
            { class: 'quotes compact' },
            article.quotes.map((quote) =>
              h(
                'li',
                {},
                h('blockquote', { text: quote.text }),
                h(
                  'p',
                  { class: 'source' },
                  '— ',
                  quote.speakerId ? h('a', { href: entityHref(quote.speakerId), text: quote.speaker }) : (quote.speaker ?? t.unknownSpeaker),
                ),
              ),
            ),
          ),
        ]
      : null,
    article.dates?.length
      ? [
          h('h3', { text: t.dates }),
          h(
            'ul',
            { class: 'dates' },
            article.dates.map((date) => h('li', {}, `${date.text} → `, timeEl(date.date))),
          ),
        ]
      : null,
  );
  startPage(
    article.title || article.key,
    h('p', { class: 'subtitle' }, h('span', { class: 'badge', text: t.article })),
    h(
      'section',
      { 'aria-labelledby': 'meta-title', class: 'panel' },
      h('h2', { id: 'meta-title', text: t.metadata }),
      h(
        'dl',
        { class: 'facts' },
        facts.map(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)]),
      ),
    ),
    h(
      'div',
      { class: 'article-grid' },
      h('article', { 'aria-labelledby': 'text-title', class: 'panel' }, h('h2', { id: 'text-title', text: t.text }), body),
      aside,
    ),
  );
}

async function ingestPage(signal) {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const state = query.get('state') ?? '';
  const stateSelect = h(
    'select',
    { id: 'state-filter', onchange: () => (location.hash = `#/ingest${stateSelect.value ? `?state=${stateSelect.value}` : ''}`) },
    h('option', { value: '', text: t.allStates }),
    Object.entries(t.states).map(([code, label]) => h('option', { value: code, selected: code === state, text: label })),
  );
  const results = slot();
  startPage(
    t.ingestTitle,
    h('p', { text: t.ingestIntro }),
    h(
      'p',
      { class: 'filters' },
      h('label', { for: 'state-filter', text: t.state }),
      ' ',
      stateSelect,
      ' ',
      h('button', { type: 'button', text: t.refresh, onclick: route }),
    ),
    results,
  );
  const rows = h('tbody');
  let cursor;
  const load = async () => {
    const page = await api('objects', { limit: 50, state, cursor }, signal);
    rows.append(
      ...page.items.map((item) =>
        h(
          'tr',
          { class: `state-${item.state}` },
          h(
            'th',
            { scope: 'row' },
            item.articleId ? h('a', { href: articleHref(item.articleId) }, h('code', { text: item.key })) : h('code', { text: item.key }),
          ),
          h('td', {}, h('span', { class: `badge state-${item.state}`, text: t.states[item.state] ?? item.state })),
          h('td', {}, item.code ? h('code', { text: item.code }) : ''),
          h('td', { text: item.reason ?? '' }),
          h('td', { class: 'nowrap' }, timeEl(item.updatedAt, true)),
        ),
      ),
    );
    cursor = page.nextCursor;
    more.hidden = !cursor;
    announce(t.results(rows.children.length));
  };
  const more = h('button', {
    type: 'button',
    class: 'more',
    hidden: true,
    text: t.more,
    onclick: () => load().catch((error) => results.append(errorBox(error))),
  });
  const table = h(
    'table',
    { class: 'objects' },
    h('caption', { class: 'visually-hidden', text: t.ingestTitle }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t.key, t.state, t.code, t.reason, t.updated].map((label) => h('th', { scope: 'col', text: label })),
      ),
    ),
    rows,
  );
  await load();
  fill(results, rows.children.length ? table : h('p', { text: t.noObjects }), more);
}

// ---------------------------------------------------------------------------------------------
// Chrome: static labels, language switch, token form.

function translateStatic() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n];
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t[el.dataset.i18nAriaLabel]);
}

function setUpSettings() {
  const select = document.getElementById('lang-select');
  select.value = localStorage.getItem(LANG_KEY) ?? 'auto';
  select.addEventListener('change', () => {
    if (select.value === 'auto') localStorage.removeItem(LANG_KEY);
    else localStorage.setItem(LANG_KEY, select.value);
    lang = chosenLanguage();
    t = TEXT[lang];
    translateStatic();
    startPage.moved = false;
    route();
  });
  const tokenInput = document.getElementById('token-input');
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    tokenInput.value = '';
    announce(t.tokenSaved);
    route();
  });
  document.getElementById('token-clear').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    announce(t.tokenCleared);
  });
}

translateStatic();
setUpSearch();
setUpSettings();
window.addEventListener('hashchange', route);
route();
