// The review page of ucheck (report --format html): one article at a time, copied from its inert
// <template> when it is opened; filters by severity and rule; j/k from finding to finding. Its words
// come with the data (data.say: the run's language), so that this script is one for every language.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var arts = data.articles;
  function t(name, values) {  // a phrase of data.say with its {placeholders} filled in
    return data.say[name].replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }
  var view = document.getElementById("view");
  var index = document.getElementById("index");
  var status = document.getElementById("status");
  var ruleSelect = document.getElementById("rule-filter");
  var onlyWith = document.getElementById("only-with");
  var ruleStyle = document.createElement("style");
  document.head.appendChild(ruleStyle);
  var hidden = {};  // state -> true when hidden
  var rule = "";
  var current = -1;  // the article shown
  var focused = null;  // the current finding element
  var links = index.querySelectorAll("li");

  function shownState(state, code) {
    return !hidden[state] && (!rule || code === rule);
  }
  function visibleCount(i) {
    var n = 0, r = arts[i].r;
    for (var k = 0; k < r.length; k++) if (shownState(r[k][1], r[k][0])) n++;
    return n;
  }
  function isShown(el) {
    return shownState(el.getAttribute("data-state"), el.getAttribute("data-rule"));
  }
  function findings() {
    return Array.prototype.filter.call(view.querySelectorAll(".finding"), isShown);
  }
  function say() {
    var all = findings(), at = focused ? all.indexOf(focused) : -1;
    var total = 0;
    for (var i = 0; i < arts.length; i++) total += visibleCount(i);
    status.textContent = (current >= 0 ? t("article", {i: current + 1, n: arts.length}) : "") +
      (at >= 0 ? t("finding", {i: at + 1, n: all.length}) : t("here", {n: all.length})) + t("total", {n: total});
  }

  function show(i, then) {
    if (i < 0 || i >= arts.length) return;
    if (i !== current) {
      // the article's markup, written by the server with every value escaped, carried inertly
      view.innerHTML = document.getElementById("t" + i).textContent;
      if (current >= 0 && links[current]) links[current].classList.remove("current");
      current = i;
      focused = null;
      links[i].classList.add("current");
      if (location.hash !== "#a" + i) history.replaceState(null, "", "#a" + i);
      view.scrollTop = 0;
      var li = links[i];
      var top = li.offsetTop, h = index.clientHeight;
      if (top < index.scrollTop || top > index.scrollTop + h - li.offsetHeight) index.scrollTop = top - h / 3;
    }
    if (then === "first" || then === "last") {
      var all = findings();
      if (all.length) focus(then === "first" ? all[0] : all[all.length - 1]);
    }
    say();
  }

  function clearHighlight() {
    var old = view.querySelectorAll("mark.hl");
    for (var k = 0; k < old.length; k++) old[k].classList.remove("hl");
  }
  function focus(el) {
    if (focused) focused.classList.remove("current");
    clearHighlight();
    focused = el;
    el.classList.add("current");
    var figs = (el.getAttribute("data-f") || "").split(" ").filter(Boolean);
    var first = null;
    if (figs.length) {
      var marks = view.querySelectorAll("mark[data-f]");
      for (var k = 0; k < marks.length; k++) {
        var mine = marks[k].getAttribute("data-f").split(" ");
        for (var m = 0; m < mine.length; m++) {
          if (figs.indexOf(mine[m]) >= 0) { marks[k].classList.add("hl"); if (!first) first = marks[k]; break; }
        }
      }
    }
    var pin = view.querySelector('mark[data-pin="' + el.id + '"]');
    if (pin) { pin.classList.add("hl"); first = first || pin; }
    el.scrollIntoView({block: "center"});
    el.focus({preventScroll: true});
    say();
  }

  function step(dir) {
    var all = findings();
    var at = focused ? all.indexOf(focused) : -1;
    var next = at + dir;
    if (at < 0 && dir < 0) next = all.length - 1;
    if (next >= 0 && next < all.length) { focus(all[next]); return; }
    for (var i = current + dir; i >= 0 && i < arts.length; i += dir) {
      if (visibleCount(i)) { show(i, dir > 0 ? "first" : "last"); return; }
    }
    status.textContent = t(dir > 0 ? "no_further" : "no_earlier", {});
  }
  function stepArticle(dir) {
    for (var i = current + dir; i >= 0 && i < arts.length; i += dir) {
      if (!links[i].classList.contains("hidden")) { show(i); return; }
    }
  }

  function applyFilters() {
    var boxes = document.querySelectorAll('#filters input[name="sev"]');
    for (var k = 0; k < boxes.length; k++) {
      hidden[boxes[k].value] = !boxes[k].checked;
      document.body.classList.toggle("hide-" + boxes[k].value, !boxes[k].checked);
    }
    rule = ruleSelect.value;
    ruleStyle.textContent = rule ? '#view .finding:not([data-rule="' + CSS.escape(rule) + '"]) { display: none; }' : "";
    for (var i = 0; i < arts.length; i++) {
      links[i].classList.toggle("hidden", onlyWith.checked && !visibleCount(i) && i !== current);
    }
    if (focused && !isShown(focused)) { focused.classList.remove("current"); focused = null; clearHighlight(); }
    say();
  }

  function openRule(code) {
    var page = document.getElementById("rule-" + code);
    if (!page) return;
    var dlg = document.getElementById("rule-dialog");
    var body = dlg.querySelector(".body");
    body.textContent = "";
    body.appendChild(page.cloneNode(true)).removeAttribute("id");
    dlg.showModal();
  }

  index.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-i]");
    if (!a) return;
    ev.preventDefault();
    show(+a.getAttribute("data-i"));
    view.focus({preventScroll: true});
  });
  view.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[data-rule-link]");
    if (link) { ev.preventDefault(); openRule(link.getAttribute("data-rule-link")); return; }
    var f = ev.target.closest(".finding");
    if (f) { focus(f); return; }
    var mark = ev.target.closest("mark[data-f], mark[data-pin]");
    if (!mark) return;
    if (mark.hasAttribute("data-pin")) {
      var target = document.getElementById(mark.getAttribute("data-pin"));
      if (target && isShown(target)) focus(target);
      return;
    }
    var figs = mark.getAttribute("data-f").split(" ");
    var all = findings();
    for (var k = 0; k < all.length; k++) {
      var mine = (all[k].getAttribute("data-f") || "").split(" ");
      for (var m = 0; m < mine.length; m++) if (figs.indexOf(mine[m]) >= 0) { focus(all[k]); return; }
    }
    clearHighlight();
    mark.classList.add("hl");
    status.textContent = t("none_on_figure", {title: mark.title});
  });
  document.getElementById("filters").addEventListener("change", applyFilters);
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = ev.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (document.querySelector("dialog[open]")) return;  // Esc closes it
    var key = ev.key;
    if (key === "j") step(1);
    else if (key === "k") step(-1);
    else if (key === "n") stepArticle(1);
    else if (key === "p") stepArticle(-1);
    else if (key === "?") document.getElementById("help-dialog").showModal();
    else if (key === "Enter" && focused) openRule(focused.getAttribute("data-rule"));
    else return;
    ev.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    var m = /^#a(\d+)$/.exec(location.hash);
    if (m) show(+m[1]);
    var r = /^#rule-(.+)$/.exec(location.hash);
    if (r) openRule(decodeURIComponent(r[1]));
  });

  applyFilters();
  var start = /^#a(\d+)$/.exec(location.hash);
  var first = 0;
  if (start && +start[1] < arts.length) first = +start[1];
  else for (var i = 0; i < arts.length; i++) if (arts[i].c[0] + arts[i].c[1] + arts[i].c[2]) { first = i; break; }
  if (arts.length) show(first);
  else view.appendChild(document.createTextNode(t("no_articles", {})));
  document.documentElement.setAttribute("data-ready", "1");
})();
