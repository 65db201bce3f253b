/*
 * Posthorn headlines: one tag puts a feed's newest headlines on any page.
 *
 *   <script async src="https://news.example.com/embed/categories/x.js" data-limit="5"></script>
 *
 * Attributes of the script tag (all optional):
 *   data-limit="5"     how many headlines (default: the server's, 10)
 *   data-summary="1"   show each article's summary under its headline
 *   data-target="id"   append the list to the element with this id instead of after the script
 *   data-style="none"  do not insert the default style
 *   data-live="1"      keep the list up to date: new headlines appear on top, edited ones are
 *                      replaced in place, the list keeps data-limit items; it listens to the
 *                      feed's event stream (same path ending .events) and reconnects by itself
 *
 * The same script is served for every feed: it reads its own URL (document.currentScript) and
 * fetches the JSON next to it (same path ending .json). Each script tag renders its own list, so
 * a page may include it any number of times. Text from the server is only ever inserted as text
 * (text nodes), and a link gets its href only when it is an http: or https: URL. It defines no
 * global names. The list is
 *
 *   ul.posthorn-headlines > li.posthorn-headline > a.posthorn-title
 *                                                + span.posthorn-meta > time.posthorn-date, span.posthorn-source
 *                                                + p.posthorn-summary
 *
 * and the default style, inserted once per page at the start of <head>, uses :where() so it has
 * no specificity: any rule of the host page on these class names wins.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src || typeof fetch !== "function" || typeof URL !== "function") {
    return;
  }

  var STYLE_ID = "posthorn-headlines-style";
  var CSS =
    ":where(.posthorn-headlines){list-style:none;margin:0 0 1em;padding:0}" +
    ":where(.posthorn-headline){margin:0 0 .6em;line-height:1.45}" +
    ":where(.posthorn-title){font-weight:600;text-decoration:none}" +
    ":where(.posthorn-meta){display:block;font-size:.8em;opacity:.75}" +
    ":where(.posthorn-summary){margin:.2em 0 0;font-size:.9em}";
  var ISO_DATE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.appendChild(document.createTextNode(text));
    }
    return node;
  }

  function string(value) {
    return typeof value === "string" ? value : "";
  }

  /** The URL when it is absolute http(s), else null: nothing else becomes an href. */
  function safeHref(value) {
    try {
      var url = new URL(string(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function jsonUrl() {
    var url = new URL(script.src);
    url.pathname = url.pathname.replace(/\.js$/, ".json");
    url.hash = "";
    var limit = script.getAttribute("data-limit");
    if (limit) {
      url.searchParams.set("limit", limit);
    }
    if (withSummary) {
      url.searchParams.set("summary", "1");
    }
    return url.href;
  }

  function headline(h, showSummary) {
    var item = element("li", "posthorn-headline");
    item.setAttribute("data-id", string(h.id));
    var href = safeHref(h.url);
    var title = element(href ? "a" : "span", "posthorn-title", string(h.title));
    if (href) {
      title.setAttribute("href", href);
    }
    item.appendChild(title);
    var meta = element("span", "posthorn-meta");
    var date = ISO_DATE.exec(string(h.published));
    if (date) {
      var time = element("time", "posthorn-date", date[1] + " " + date[2]);
      time.setAttribute("datetime", date[0]);
      meta.appendChild(time);
    }
    var source = string(h.source);
    if (source) {
      if (date) {
        meta.appendChild(document.createTextNode(" · "));
      }
      meta.appendChild(element("span", "posthorn-source", source));
    }
    item.appendChild(meta);
    if (showSummary && string(h.summary)) {
      item.appendChild(element("p", "posthorn-summary", h.summary));
    }
    return item;
  }

  function render(data) {
    var items = data && Array.isArray(data.headlines) ? data.headlines : [];
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < items.length; i++) {
      if (items[i] && typeof items[i] === "object") {
        fragment.appendChild(headline(items[i], withSummary));
      }
    }
    list.appendChild(fragment);
    list.removeAttribute("aria-busy");
    if (live) {
      listen();
    }
  }

  /** The event stream's URL: the script's own, ending .events, with the same query. */
  function eventsUrl() {
    var url = new URL(script.src);
    url.pathname = url.pathname.replace(/\.js$/, ".events");
    url.hash = "";
    var limit = script.getAttribute("data-limit");
    if (limit) {
      url.searchParams.set("limit", limit);
    }
    return url.href;
  }

  /** One new or edited headline from the stream: replaces its old item, or goes on top. */
  function update(event) {
    var h;
    try {
      h = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!h || typeof h !== "object") {
      return;
    }
    var item = headline(h, false);
    var id = string(h.id);
    for (var node = list.firstChild; node; node = node.nextSibling) {
      if (id && node.getAttribute && node.getAttribute("data-id") === id) {
        list.replaceChild(item, node);
        return;
      }
    }
    list.insertBefore(item, list.firstChild);
    while (list.children.length > shown) {
      list.removeChild(list.lastChild);
    }
  }

  function listen() {
    if (typeof EventSource !== "function") {
      return;
    }
    var source = new EventSource(eventsUrl());
    source.onmessage = update;
    source.onerror = function () {
      if (source.readyState === 2) {
        // closed for good (the feed is gone, or too many streams): try again later
        setTimeout(listen, 30000);
      }
    };
  }

  function fail(url, error) {
    list.removeAttribute("aria-busy");
    list.hidden = true;
    if (window.console) {
      window.console.warn("Posthorn headlines: " + url + ": " + (error && error.message));
    }
  }

  function place() {
    var id = (script.getAttribute("data-target") || "").replace(/^#/, "");
    var target = id ? document.getElementById(id) : null;
    if (target) {
      target.appendChild(list);
    } else if (id && document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", place);
    } else if (script.parentNode) {
      if (id && window.console) {
        window.console.warn("Posthorn headlines: no element with id " + id + "; rendering after the script");
      }
      script.parentNode.insertBefore(list, script.nextSibling);
    }
  }

  function insertStyle() {
    if (script.getAttribute("data-style") === "none" || document.getElementById(STYLE_ID)) {
      return;
    }
    var style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = CSS;
    var head = document.head || document.documentElement;
    head.insertBefore(style, head.firstChild);
  }

  var summaryAttribute = script.getAttribute("data-summary");
  var withSummary = summaryAttribute !== null && summaryAttribute !== "0" && summaryAttribute !== "false";
  var live = script.getAttribute("data-live") === "1";
  var limitAttribute = parseInt(script.getAttribute("data-limit"), 10);
  var shown = limitAttribute > 0 ? limitAttribute : 10; // the server's default
  var list = element("ul", "posthorn-headlines");
  list.setAttribute("aria-busy", "true");
  insertStyle();
  place();

  var url = jsonUrl();
  fetch(url, { credentials: "omit" })
    .then(function (response) {
      if (!response.ok) {
        return response.text().then(function (reason) {
          throw new Error(response.status + " " + reason.trim());
        });
      }
      return response.json();
    })
    .then(render, function (error) {
      fail(url, error);
    });
})();
