// Instant filtering of the events list. The page works without it: every filter is also a
// server-rendered page (/kinds/…, /topics/…, /countries/…, /audiences/…).
(function () {
  "use strict";
  function setUp(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("li.xc-event"));
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.xc-events"));
    var output = form.querySelector("output");
    form.hidden = false;
    function apply() {
      var wanted = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value) { wanted[el.name] = el.value; }
      });
      var shown = 0;
      items.forEach(function (item) {
        var ok = Object.keys(wanted).every(function (key) {
          var values = (item.getAttribute("data-" + key) || "").split(" ");
          return values.indexOf(wanted[key]) !== -1;
        });
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      lists.forEach(function (list) {
        var visible = list.querySelector("li.xc-event:not([hidden])") !== null;
        list.hidden = !visible;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H2") { heading.hidden = !visible; }
      });
      output.textContent = Object.keys(wanted).length
        ? shown + " of " + items.length + " events on this page"
        : "";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  function start() {
    var form = document.querySelector("form.xc-filter");
    if (form) { setUp(form); }
  }
  if (typeof document$ !== "undefined") { document$.subscribe(start); } else { start(); }
})();
