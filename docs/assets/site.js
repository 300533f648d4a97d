// Cajal docs page script: embeds the vega-lite charts (the static SVG stays as the fallback until a
// chart has rendered) and runs the offline search box. No network access beyond the site's own files.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";

  function embedCharts() {
    var targets = Array.prototype.slice.call(document.querySelectorAll(".vega-target"));
    if (targets.length === 0) { body.setAttribute("data-plots", "1"); return; }
    if (typeof window.vegaEmbed !== "function") { body.setAttribute("data-plots", "missing"); return; }
    var failed = 0;
    Promise.all(targets.map(function (target) {
      var script = document.getElementById(target.getAttribute("data-spec-id"));
      var spec;
      try { spec = JSON.parse(script.textContent); } catch (error) { failed++; console.error("chart spec is not JSON", error); return null; }
      return window.vegaEmbed(target, spec, { renderer: "svg", actions: false }).then(function () {
        target.parentElement.classList.add("embedded");
      }, function (error) { failed++; console.error("vega-embed failed", error); });
    })).then(function () { body.setAttribute("data-plots", failed ? "error" : "1"); });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src; script.onload = resolve; script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  var searchReady = null;
  function searchIndex() {
    if (!searchReady) {
      searchReady = Promise.all([loadScript(root + "assets/vendor/minisearch.js"), loadScript(root + "search-index.js")]).then(function () {
        var data = window.CAJAL_SEARCH;
        return window.MiniSearch.loadJS(data.index, data.options);
      });
    }
    return searchReady;
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var kinds = { paper: "notebook", tutorial: "tutorial", page: "page", catalogue: "paper" };
    function show(results) {
      list.innerHTML = "";
      results.slice(0, 12).forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + result.id;
        link.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = kinds[result.kind] || result.kind;
        link.appendChild(kind);
        item.appendChild(link);
        list.appendChild(item);
      });
      if (results.length === 0 && input.value.trim()) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "No matches";
        list.appendChild(none);
      }
      list.hidden = input.value.trim() === "";
    }
    input.addEventListener("focus", function () { searchIndex().catch(function (error) { console.error(error); }); });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (!query) { show([]); return; }
      searchIndex().then(function (index) {
        if (input.value.trim() !== query) return;
        show(index.search(query, { prefix: true, fuzzy: 0.2, boost: { title: 3, headings: 2 } }));
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; show([]); }
      if (event.key === "Enter") { var first = list.querySelector("a"); if (first) window.location.href = first.href; }
    });
    document.addEventListener("click", function (event) { if (!event.target.closest || !event.target.closest(".search")) list.hidden = true; });
  }

  embedCharts();
  setupSearch();
})();
