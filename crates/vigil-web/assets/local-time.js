// Vigil: moments (when a change was made) in the reader's own time zone
// and words. Progressive enhancement only: without this script each is
// shown in UTC, and says so. An element with data-moment holds the moment
// (RFC 3339) and is given it in words, then its data-rest if it has one.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var lang = document.documentElement.lang || "en";
  // A browser without data for the page's language would write
  // "2026 M12 4": then the server's words, in UTC, stay.
  try {
    if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) { return; }
  } catch (e) { return; }
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, {
      year: "numeric", month: "long", day: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZoneName: "short"
    });
  } catch (e) { return; }
  if (format.resolvedOptions().locale.split("-")[0] !== lang.split("-")[0]) { return; }
  // Chromium says it supports Kazakh yet names December "M12": a month
  // without its name means no data for the language.
  if (/(^|[^\p{L}])M\d/u.test(format.format(new Date(Date.UTC(2020, 11, 4, 12))))) { return; }
  var moments = document.querySelectorAll("[data-moment]");
  for (var i = 0; i < moments.length; i++) {
    var at = new Date(moments[i].getAttribute("data-moment"));
    if (isNaN(at.getTime())) { continue; }
    moments[i].textContent = format.format(at) + (moments[i].getAttribute("data-rest") || "");
  }
})();
