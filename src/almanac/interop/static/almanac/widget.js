/* Almanac embeddable widget.
 *
 * Parent mode (on the embedding site), one line:
 *   <script src="https://HOST/static/almanac/widget.js" data-almanac-widget="list"
 *           data-lang="en" data-calendar="iurc-china" data-n="5" async></script>
 * inserts, right after that script tag, an iframe of https://HOST/<lang>/widget/<view>/
 * with the data- attributes as query parameters, and keeps its height equal to the
 * widget's content. Optional: data-category, data-month (YYYY-MM, month view),
 * data-accent / data-bg / data-text (hex colours), data-tz (an IANA zone, or "auto" for
 * the visitor's browser zone), data-title (the iframe's accessible name).
 *
 * Child mode (inside the widget page, <script ... data-almanac-child>): posts the page's
 * height to the parent window on load and whenever it changes. No inline script is
 * needed on either side, so strict Content-Security-Policies keep working.
 */
(function () {
  "use strict";
  var MESSAGE_TYPE = "almanac-widget:size";
  var VIEWS = { list: "list", month: "month" };
  var PARAMS = ["calendar", "category", "n", "accent", "bg", "text"];

  function current() {
    if (document.currentScript) { return document.currentScript; }
    // Very old browsers: the first embed tag not handled yet.
    return document.querySelector("script[data-almanac-widget]:not([data-almanac-done])," +
      "script[data-almanac-child]");
  }

  function child() {
    if (window.parent === window) { return; }
    var last = -1;
    function post() {
      var height = Math.ceil(document.documentElement.scrollHeight);
      if (height === last) { return; }
      last = height;
      // Only a height and the page's title: nothing secret, so any parent may read it.
      window.parent.postMessage({ type: MESSAGE_TYPE, height: height, title: document.title }, "*");
    }
    window.addEventListener("load", post);
    window.addEventListener("resize", post);
    if (window.ResizeObserver) { new ResizeObserver(post).observe(document.documentElement); }
    if (document.readyState !== "loading") { post(); }
    else { document.addEventListener("DOMContentLoaded", post); }
  }

  function parent(script) {
    script.setAttribute("data-almanac-done", "");
    var data = script.dataset;
    var origin = new URL(script.src, document.baseURI).origin;
    var view = VIEWS[data.almanacWidget] || "list";
    var lang = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(data.lang || "") ? data.lang.toLowerCase() : "";
    var path = "/" + (lang ? lang + "/" : "") + "widget/" + view + "/";
    if (view === "month" && /^\d{4}-\d{2}$/.test(data.month || "")) { path += data.month + "/"; }
    var query = new URLSearchParams();
    PARAMS.forEach(function (name) {
      (data[name] || "").split(/[\s,]+/).forEach(function (value) {
        if (value) { query.append(name, value); }
      });
    });
    var tz = data.tz;
    if (tz === "auto") {
      try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { tz = ""; }
    }
    if (tz) { query.set("tz", tz); }
    var search = query.toString();

    var frame = document.createElement("iframe");
    frame.src = origin + path + (search ? "?" + search : "");
    frame.title = data.title || (view === "month" ? "Events calendar" : "Upcoming events");
    frame.loading = "lazy";
    frame.setAttribute("width", "100%");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.height = (view === "month" ? 420 : 320) + "px";
    script.parentNode.insertBefore(frame, script.nextSibling);

    window.addEventListener("message", function (event) {
      // From our iframe, at the origin we loaded it from, with the shape we send.
      if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
      var msg = event.data;
      if (!msg || typeof msg !== "object" || msg.type !== MESSAGE_TYPE) { return; }
      var height = Number(msg.height);
      if (!isFinite(height) || height < 0 || height > 20000) { return; }
      frame.style.height = Math.ceil(height) + "px";
      if (!data.title && typeof msg.title === "string" && msg.title && msg.title.length < 300) {
        frame.title = msg.title;
      }
    });
  }

  var script = current();
  if (!script) { return; }
  if (script.hasAttribute("data-almanac-child")) { child(); }
  else if (script.hasAttribute("data-almanac-widget")) { parent(script); }
}());
