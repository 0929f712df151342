using System.Text.Json;
using Microsoft.Playwright;

namespace TrainingPortal.BrowserTests.Infrastructure;

/// <summary>
/// Checks every page a browser test loads (issue 9): axe-core finds no serious or critical accessibility
/// violation, and the page does not scroll sideways at 1280 px nor on a 390 px phone.
/// <para>
/// The audit's script is added to every document as an init script, which the browser runs outside the page's
/// Content-Security-Policy: the site's CSP stays on and the tests that assert it is never violated stay meaningful.
/// axe-core ships with the tests (Infrastructure/axe, MPL-2.0) and is loaded only into a document audited in full, by a
/// script element for <see cref="AxePath"/>: an address on the app's origin (so <c>script-src 'self'</c> admits it) that
/// this class answers and the app never sees. As an init script its 650 kB were pre-parsed in every document and frame,
/// audited or not (80 ms of CPU each). Only the rules that can report a serious or critical violation run.
/// Each document runs the audit on its load event, then lays out a copy of itself 390 px wide (the phone-width check,
/// below), and reports to the test through a binding. Every main-frame
/// navigation request is held until the document being left has reported, so no page escapes, and the test waits for
/// the last one when it ends. Problems are reported together at the end of the test: address, rule id, impact,
/// elements (CSS selectors).
/// </para>
/// <para>
/// The phone-width check: the document writes a copy of its own markup, as it stands, into the empty document of a
/// hidden iframe 390 px wide (sandboxed: nothing runs in it; same origin, so the page reads its layout; the same
/// stylesheets, from the cache) and measures whether it is wider than its viewport, then removes it. Not <c>srcdoc</c>:
/// that is a navigation of the frame, and it waited behind a navigation the test had already started in the page (one
/// journey on CI left its home page at once and the copy never loaded). It used to load the address
/// again in a second page 390 px wide: a request to the app, a navigation, a whole page lifecycle per check (about a
/// sixth of two long journeys' CPU), and only for GET pages, since re-loading the answer to a POST would post again.
/// The copy checks what the person saw, error messages after a POST included.
/// </para>
/// <para>
/// A document is audited in full (axe-core, and the phone-width check) when its page — route with numbers, codes and
/// tokens blanked, title, whether it shows a 40-character word — was never audited in this run, by this test or
/// another, or when it shows an element kind (tag, classes, role, input type, disabled, hidden) never audited anywhere
/// in this run: a new state such as an error message or a table where the list was empty. Any other document (the home
/// page of the twentieth journey, a list with one row more) is measured at 1280 px only. axe-core and the phone-width
/// check are most of the browser's CPU in these tests: auditing each page in every set of element kinds it showed audited
/// 213 documents in a run, this rule audits 88 (the browser suite's CPU 522 → 490 s; docs/performance.md).
/// The page decides this itself, from what was audited when its browser context opened and in the context since: it
/// only ever reports to the test, never waits for an answer. (It used to ask the test; an answer cannot reach a page
/// while the test holds the next navigation, so every page a test left quickly stalled the journey for 8 s: 9 such
/// stalls in the endorsement and MI course journeys alone.)
/// </para>
/// </summary>
public sealed class PageAudit
{
    public const int Phone = 390;
    public const int PhoneHeight = 844;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Where a document being audited in full loads axe-core from: an address on the app's own origin (so the page's
    /// <c>script-src 'self'</c> lets it run) that never reaches the app — the test answers it (<see cref="OnRequestAsync"/>).
    /// </summary>
    public const string AxePath = "/__tp-audit/axe-core.js";

    private static readonly Lazy<byte[]> Axe = new(() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "axe", "axe.min.js")));

    /// <summary>
    /// The requests the audit's handler sees: all but the static files every page loads (<c>/css/</c>, <c>/js/</c>,
    /// <c>/lib/</c>, the favicon), which the Playwright driver lets through without asking the test; each request the
    /// handler sees travels from the browser to the driver to the test and back.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex AuditedRequests =
        new(@"^[a-z]+://[^/]+/(?!(?:css|js|lib)/|favicon\.ico(?:[?#]|$))", System.Text.RegularExpressions.RegexOptions.None);

    private static readonly Lazy<string> Script = new(() => """
        (() => {
          if (window.top !== window || !/^https?:$/.test(location.protocol)) { return; }
          const id = Date.now().toString(36) + Math.random().toString(36).slice(2);
          window.__tpAuditBegin(id);
          const url = location.pathname + location.search;
          // What the page is and what it is made of. A page is its route (path segments with a digit, codes and tokens
          // as #), its title (numbers as #), and whether it shows a word of 40 characters or more (text that once widened
          // pages). What it is made of is the set of its element kinds: tag, classes, role, input type, disabled, hidden.
          // The document is audited in full when its page was never audited in this run, or when it shows an element kind
          // never audited anywhere in this run (a new state: an error message, a table where the list was empty). Another
          // number of rows, or a state made only of kinds audited already, is measured at 1280 px only.
          // The page decides this itself — from what was audited when its browser context opened (window.__tpKnown) and
          // in this context since (localStorage) — because an answer from the test cannot reach a page while the test
          // holds its next navigation (OnRequestAsync): asking would stall.
          const describe = () => {
            const kinds = new Set();
            for (const e of document.getElementsByTagName('*')) {
              kinds.add(e.tagName + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).sort().join('.') : '')
                + (e.getAttribute('role') ? '[' + e.getAttribute('role') + ']' : '') + (e.tagName === 'INPUT' ? ':' + e.type : '')
                + (e.disabled ? ':disabled' : '') + (e.hidden ? ':hidden' : ''));
            }
            const route = location.pathname.split('/').map(s => /\d/.test(s) || s.length >= 16 || /^[A-Z-]{3,}$/.test(s) ? '#' : s).join('/');
            const long = /\S{40,}/.test(document.body ? document.body.innerText : '') ? '|long words' : '';
            return { page: route + '|' + document.title.replace(/\d+/g, '#') + long, kinds: [...kinds] };
          };
          const fresh = d => {
            let seen = { pages: [], kinds: [] };
            try { seen = JSON.parse(localStorage.getItem('tp-audited') || 'null') || seen; } catch { }
            const known = window.__tpKnown || { pages: [], kinds: [] };
            const kinds = new Set([...known.kinds, ...seen.kinds]);
            const newKinds = d.kinds.filter(k => !kinds.has(k));
            const newPage = !known.pages.includes(d.page) && !seen.pages.includes(d.page);
            if (!newPage && newKinds.length === 0) { return null; }
            try {
              localStorage.setItem('tp-audited', JSON.stringify({ pages: newPage ? [...seen.pages, d.page] : seen.pages, kinds: [...seen.kinds, ...newKinds] }));
            } catch { }
            return { page: d.page, kinds: newKinds };
          };
          // axe-core is loaded only into a document audited in full, from the app's origin (AXE_PATH, answered by the
          // test), and its script element removed once it ran. It runs only the rules that can report a serious or
          // critical violation, the ones a test fails on: only rules whose impact is moderate or minor are switched off (a rule
          // without a stated impact runs).
          const loadAxe = () => window.axe ? Promise.resolve() : new Promise((resolve, reject) => {
            const s = document.createElement('script');
            s.src = 'AXE_PATH';
            s.onload = () => { s.remove(); resolve(); };
            s.onerror = () => { s.remove(); reject(new Error('axe-core did not load')); };
            (document.head || document.documentElement).appendChild(s);
          });
          const axeOptions = () => ({
            resultTypes: ['violations'],
            rules: Object.fromEntries(((window.axe._audit && window.axe._audit.rules) || [])
              .filter(r => r.impact === 'moderate' || r.impact === 'minor').map(r => [r.id, { enabled: false }])),
          });
          // The page at rest: CSS transitions still running (a button under the resting pointer fading into its hover
          // colours) are waited for, at most 2 s, so axe-core measures the colours the person sees, not a frame in between
          // (a mid-fade 4.43:1 was once reported). Endless animations are not waited for.
          const settled = () => Promise.race([
            Promise.all(document.getAnimations()
              .filter(a => !a.effect || a.effect.getTiming().iterations !== Infinity)
              .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 2000)),
          ]);
          let news = null, started = 0;
          const audit = () => {
            started = performance.now();
            news = fresh(describe());
            return news ? loadAxe().then(settled).then(() => window.axe.run(document, axeOptions())) : Promise.resolve({ violations: [], repeated: true });
          };
          // The document as it stands, laid out in a hidden iframe PHONE px wide. The copy is written into the iframe's own
          // empty document (no navigation: a navigation in a frame waits behind one the test has started in the page);
          // it is sandboxed, so nothing in it runs; scripts are made inert and noscript removed (neither is in the page
          // the person sees), and the styles scripts set on elements (style attributes, which the CSP refuses in markup)
          // are set again through the CSSOM. Null when the copy's stylesheets did not load within 10 s.
          const phone = () => new Promise(resolve => {
            const copy = document.documentElement.cloneNode(true);
            copy.querySelectorAll('noscript').forEach(e => e.remove());
            copy.querySelectorAll('script').forEach(e => { e.removeAttribute('src'); e.type = 'text/plain'; e.textContent = ''; });
            const styles = [];
            copy.querySelectorAll('*').forEach((e, i) => { if (e.hasAttribute('style')) { styles.push([i, e.getAttribute('style')]); e.removeAttribute('style'); } });
            const frame = document.createElement('iframe');
            frame.setAttribute('sandbox', 'allow-same-origin');
            frame.setAttribute('aria-hidden', 'true');
            frame.tabIndex = -1;
            frame.title = 'phone-width check';
            Object.assign(frame.style, { position: 'absolute', left: '-20000px', top: '0', width: 'PHONEpx', height: 'PHONE_HEIGHTpx', border: '0', visibility: 'hidden' });
            (document.body || document.documentElement).appendChild(frame);
            let timer = 0;
            const finish = value => { clearTimeout(timer); frame.remove(); resolve(value); };
            timer = setTimeout(() => finish(null), 10000);
            const measure = () => {
              try {
                const d = frame.contentDocument, w = frame.contentWindow;
                const all = d.documentElement.querySelectorAll('*');
                for (const [i, css] of styles) { if (all[i]) { all[i].style.cssText = css; } }
                const width = d.documentElement.scrollWidth, viewport = w.innerWidth;
                const wide = width <= viewport ? [] : [...d.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > viewport + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > viewport + 1))
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
                finish({ width, viewport, wide });
              } catch (e) { finish(null); }
            };
            try {
              const d = frame.contentDocument;
              d.open();
              d.write('<!DOCTYPE html>' + copy.outerHTML);
              d.close();
              const sheets = [...d.querySelectorAll('link[rel~="stylesheet"]')];
              Promise.all(sheets.map(l => l.sheet ? true : new Promise(done => { l.addEventListener('load', done, { once: true }); l.addEventListener('error', done, { once: true }); })))
                .then(measure);
            } catch (e) { finish(null); }
          });
          const run = () => audit()
            .then(async r => {
              const phoneStarted = performance.now();
              const narrow = r.repeated ? null : await phone();
              return { r, narrow, phoneMs: r.repeated ? 0 : performance.now() - phoneStarted };
            })
            .then(({ r, narrow, phoneMs }) => window.__tpAuditDone(JSON.stringify({
                id, url, news, ms: performance.now() - started, phone: narrow, phoneMs,
                width: document.documentElement.scrollWidth, viewport: window.innerWidth, repeated: !!r.repeated,
                violations: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.map(n => n.target.join(' ') + (n.any && n.any[0] && n.any[0].data && n.any[0].data.contrastRatio
                    ? ` (contrast ${n.any[0].data.contrastRatio}:1, ${n.any[0].data.fgColor} on ${n.any[0].data.bgColor})` : '')),
                })),
              })), e => window.__tpAuditDone(JSON.stringify({ id, url, error: String(e) })));
          if (document.readyState === 'complete') { setTimeout(run, 0); }
          else { window.addEventListener('load', () => setTimeout(run, 0), { once: true }); }
        })();
        """.Replace("AXE_PATH", AxePath, StringComparison.Ordinal).Replace("PHONE_HEIGHT", PhoneHeight.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("PHONE", Phone.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>The pages and element kinds audited in this test run, by every test (see the script's <c>describe</c>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Pages = new(StringComparer.Ordinal);

    /// <inheritdoc cref="Pages"/>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Kinds = new(StringComparer.Ordinal);

    private readonly IPage _page;
    private readonly Dictionary<string, TaskCompletionSource> _documents = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _audited = new(StringComparer.Ordinal);
    private string? _current;

    private PageAudit(IPage page) => _page = page;

    /// <summary>Addresses audited in full (for the run's summary; documents measured at 1280 px only are not counted).</summary>
    public IReadOnlyCollection<string> Audited => _audited;

    /// <summary>What this test's pages cost the audit: documents loaded, documents audited in full, phone-width checks.</summary>
    public string Counts => $"{_documentCount} documents, {_freshCount} audited in full ({_pageMs / 1000:0.0} s in the pages, {_phoneMs / 1000:0.0} s of it the phone-width checks), {_phoneCount} phone-width checks";

    private readonly Lock _timesGate = new();
    private double _pageMs;
    private double _phoneMs;

    private int _documentCount;
    private int _freshCount;
    private int _phoneCount;

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<PageAudit> AttachAsync(IPage page)
    {
        var audit = new PageAudit(page);
        await page.ExposeBindingAsync("__tpAuditBegin", (BindingSource _, string id) => audit.Begin(id));
        await page.ExposeBindingAsync("__tpAuditDone", (BindingSource _, string json) => audit.DoneAsync(json));
        await page.Context.AddInitScriptAsync(
            $"window.__tpKnown = {JsonSerializer.Serialize(new { pages = Pages.Keys.ToArray(), kinds = Kinds.Keys.ToArray() })};");
        await page.Context.AddInitScriptAsync(Script.Value);
        await page.RouteAsync(AuditedRequests, audit.OnRequestAsync);
        return audit;
    }

    private void Begin(string id)
    {
        lock (_documents)
        {
            _documents[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _current = id;
        }
    }

    private async Task OnRequestAsync(IRoute route)
    {
        if (new Uri(route.Request.Url).AbsolutePath == AxePath)
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/javascript; charset=utf-8", BodyBytes = Axe.Value });
            return;
        }
        if (route.Request.IsNavigationRequest && route.Request.Frame == _page.MainFrame)
        {
            await WaitForCurrentAsync();
        }
        await route.FallbackAsync();
    }

    /// <summary>Waits until the document now in the page has been audited (at most 20 s).</summary>
    public async Task WaitForCurrentAsync()
    {
        Task? pending;
        lock (_documents)
        {
            pending = _current is { } id ? _documents[id].Task : null;
        }
        if (pending is not null)
        {
            try
            {
                await pending.WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                // A document that never finished loading: nothing to audit.
            }
        }
    }

    private void Problem(string text)
    {
        lock (_problems)
        {
            _problems.Add(text);
        }
    }

    private async Task DoneAsync(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement;
        var id = result.GetProperty("id").GetString()!;
        try
        {
            var url = result.GetProperty("url").GetString()!;
            Interlocked.Increment(ref _documentCount);
            if (result.TryGetProperty("ms", out var ms))
            {
                lock (_timesGate) { _pageMs += ms.GetDouble(); }
            }
            if (result.TryGetProperty("phoneMs", out var phoneMs))
            {
                lock (_timesGate) { _phoneMs += phoneMs.GetDouble(); }
            }
            if (result.TryGetProperty("error", out var error))
            {
                Problem($"{url}: axe-core failed: {error.GetString()}");
                return;
            }
            var audited = !result.GetProperty("repeated").GetBoolean();
            if (audited)
            {
                Interlocked.Increment(ref _freshCount);
                var news = result.GetProperty("news");
                Pages.TryAdd(news.GetProperty("page").GetString()!, 0);
                foreach (var kind in news.GetProperty("kinds").EnumerateArray())
                {
                    Kinds.TryAdd(kind.GetString()!, 0);
                }
                lock (_audited)
                {
                    _audited.Add(url);
                }
            }
            foreach (var v in result.GetProperty("violations").EnumerateArray())
            {
                Problem($"{url}: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): "
                    + string.Join("; ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())));
            }
            var width = result.GetProperty("width").GetInt32();
            var viewport = result.GetProperty("viewport").GetInt32();
            if (width > viewport)
            {
                Problem($"{url}: scrolls sideways at {viewport} px (the page is {width} px wide)");
            }
            if (audited)
            {
                Interlocked.Increment(ref _phoneCount);
                if (result.GetProperty("phone") is { ValueKind: JsonValueKind.Object } phone)
                {
                    var phoneWidth = phone.GetProperty("width").GetInt32();
                    var phoneViewport = phone.GetProperty("viewport").GetInt32();
                    if (phoneWidth > phoneViewport)
                    {
                        Problem($"{url}: scrolls sideways on a {phoneViewport} px phone (the page is {phoneWidth} px wide): "
                            + string.Join("; ", phone.GetProperty("wide").EnumerateArray().Select(e => e.GetString())));
                    }
                }
                else
                {
                    Problem($"{url}: the phone-width copy of the page did not load within 10 s");
                }
            }
        }
        finally
        {
            lock (_documents)
            {
                _documents[id].TrySetResult();
            }
        }
    }

    /// <summary>Waits for the last page's audit.</summary>
    public Task FinishAsync() => WaitForCurrentAsync();
}
