// Vigil: moments (when a change was made) in the reader's own time zone
// and words. Progressive enhancement only: without this script each is
// shown in UTC, and says so. An element with data-moment holds the moment
// (RFC 3339) and is given it in words, then its data-rest if it has one.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var format;
  try {
    format = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
      year: "numeric", month: "long", day: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZoneName: "short"
    });
  } catch (e) { return; }
  var moments = document.querySelectorAll("[data-moment]");
  for (var i = 0; i < moments.length; i++) {
    var at = new Date(moments[i].getAttribute("data-moment"));
    if (isNaN(at.getTime())) { continue; }
    moments[i].textContent = format.format(at) + (moments[i].getAttribute("data-rest") || "");
  }
})();
