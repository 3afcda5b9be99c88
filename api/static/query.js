// The SPARQL page: POST the query to /sparql (same origin) and show the result as a table.
// Every value is written with textContent, so nothing from the store is ever parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var box = document.getElementById("sparql");
  var status = document.getElementById("status");
  var out = document.getElementById("results");

  function localPage(iri) {
    var ns = "https://vietkg.org/id/";
    var pages = {person: "people", org: "organizations", cluster: "clusters", doc: "documents",
                 event: "events", article: "articles"};
    if (iri.indexOf(ns) !== 0) { return null; }
    var rest = iri.slice(ns.length), slash = rest.indexOf("/");
    var kind = pages[rest.slice(0, slash)];
    return kind ? "/" + kind + "/" + rest.slice(slash + 1).split("/attendee/")[0] : null;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    var page = term.type === "uri" ? localPage(term.value) : null;
    if (page) {
      var a = document.createElement("a");
      a.href = page;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function table(data) {
    out.textContent = "";
    if (typeof data.boolean === "boolean") { out.textContent = data.boolean ? "true" : "false"; return 0; }
    var vars = data.head.vars, rows = data.results.bindings;
    var t = document.createElement("table"), head = document.createElement("tr");
    t.className = "data";
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    t.appendChild(head);
    rows.forEach(function (b) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) { tr.appendChild(cell(b[v])); });
      t.appendChild(tr);
    });
    out.appendChild(t);
    return rows.length;
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    status.textContent = "Đang chạy…";
    var started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json"},
      body: new URLSearchParams({query: box.value})
    }).then(function (r) {
      return r.json().then(function (body) { return {ok: r.ok, body: body}; });
    }).then(function (res) {
      if (!res.ok) {
        out.textContent = "";
        status.textContent = "Lỗi: " + ((res.body.error && res.body.error.message) || "không rõ");
        return;
      }
      var n = table(res.body);
      status.textContent = n + " dòng · " + Math.round(performance.now() - started) + " ms";
      document.body.dataset.queryDone = "1";
    }).catch(function (e) { status.textContent = "Lỗi: " + e; });
  }

  function load(name, go) {
    var text = (window.vkgExamples || {})[name];
    if (typeof text !== "string") { return; }
    box.value = text.trim() + "\n";
    if (go) { run(); }
  }

  form.addEventListener("submit", run);
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
    b.addEventListener("click", function () { load(b.dataset.example, true); });
  });
  var wanted = new URLSearchParams(window.location.search).get("example");
  if (wanted) { load(wanted, true); }
})();
