// Remember the browser's time zone so that pages show times in it.
// An explicit choice (the almanac_tz cookie) or ?tz= always wins; without JavaScript
// the "Times shown in … · change" control does the same job.
(function () {
  "use strict";
  var body = document.body;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  // IANA names are letters, digits and _ + - /: safe in a cookie as they are.
  if (!zone || !body || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) { return; }
  var known = document.cookie.split("; ").some(function (c) {
    return c.indexOf("almanac_tz_detected=") === 0;
  });
  document.cookie = "almanac_tz_detected=" + zone +
    "; path=/; max-age=31536000; SameSite=Lax";
  // First visit only: reload once so the page is laid out in the viewer's own zone.
  if (!known && body.dataset.zoneSource === "default" && body.dataset.shownZone !== zone) {
    window.location.reload();
  }
}());
