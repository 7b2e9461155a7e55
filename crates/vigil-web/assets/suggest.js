// Vigil: names offered as one types in a search box. Progressive
// enhancement only: every search box is a plain form that works without
// this script. Each box with list="name-suggestions" fills that datalist
// from /api/v1/search/suggest, which finds a name in any spelling or
// script (typing "Балт" offers "Erlan Baltabay").
(function () {
  "use strict";
  var list = document.getElementById("name-suggestions");
  if (!list || !window.fetch) { return; }
  var timer = null;
  var pending = null;
  var last = "";

  function fill(items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.name;
      if (item.matched) { option.label = item.name + " (" + item.matched + ")"; }
      list.appendChild(option);
    });
  }

  function ask(text) {
    if (text === last) { return; }
    last = text;
    if (pending && pending.abort) { pending.abort(); }
    if (text.trim().length < 2) { fill([]); return; }
    pending = window.AbortController ? new AbortController() : null;
    fetch("/api/v1/search/suggest?q=" + encodeURIComponent(text),
      { signal: pending ? pending.signal : undefined, headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (body) { fill(body.items || []); })
      .catch(function () { /* aborted or offline: keep the plain box */ });
  }

  document.querySelectorAll('input[list="name-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value;
      timer = setTimeout(function () { ask(text); }, 150);
    });
  });
})();
