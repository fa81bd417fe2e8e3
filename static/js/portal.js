// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Live character counters for textareas that declare data-counter / data-max.
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var output = document.getElementById(area.getAttribute("data-counter"));
    var max = parseInt(area.getAttribute("data-max") || "0", 10);
    if (!output) return;
    function update() {
      var n = area.value.length;
      output.textContent = max ? "已输入 " + n + " 字，还可输入 " + Math.max(0, max - n) + " 字" : "已输入 " + n + " 字";
      output.classList.toggle("over-limit", max > 0 && n > max);
    }
    area.addEventListener("input", update);
    update();
  });
  // A second click on a submit button while the first is on its way would only be refused as a
  // duplicate by the server; disable the button so people see that the form is being sent.
  document.querySelectorAll("form.comment-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "正在提交…"; }
    });
  });
})();

// Upload forms: send with XMLHttpRequest so the browser can show progress; without JavaScript the
// form posts normally and the page simply waits.
(function () {
  "use strict";
  document.querySelectorAll("form.upload-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var box = form.querySelector(".upload-progress");
      var bar = box && box.querySelector("progress");
      var label = box && box.querySelector(".upload-percent");
      var button = form.querySelector("button[type=submit]");
      if (box) box.hidden = false;
      if (button) { button.disabled = true; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !bar) return;
        var pct = Math.round((e.loaded / e.total) * 100);
        bar.value = pct;
        if (label) label.textContent = pct + "%";
      });
      xhr.addEventListener("load", function () {
        if (xhr.responseURL && xhr.responseURL !== form.action && xhr.status < 400) {
          window.location.assign(xhr.responseURL);
          return;
        }
        // A refused form comes back as a page with the errors at the top: show it from the top.
        document.open();
        document.write(xhr.responseText);
        document.close();
        window.scrollTo(0, 0);
      });
      xhr.addEventListener("error", function () {
        if (label) label.textContent = "上传失败，请检查网络后重试。";
        if (button) button.disabled = false;
      });
      xhr.send(new FormData(form));
    });
  });
})();

// The digest page while its figures are being recomputed: ask for the page again every few seconds,
// update the progress line, and put the new figures in place once the run has finished. Without
// JavaScript the page has a link to refresh by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-refresh-while-running]");
  if (!status || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(status.getAttribute("data-refresh-while-running"), 10) || 3;
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var running = next.querySelector("[data-refresh-while-running]");
        if (running) {
          var bar = status.querySelector("progress");
          var freshBar = running.querySelector("progress");
          if (bar && freshBar) bar.value = freshBar.value;
          var line = status.querySelector(".digest-progress");
          var freshLine = running.querySelector(".digest-progress");
          if (line && freshLine && line.textContent !== freshLine.textContent) line.textContent = freshLine.textContent;
          window.setTimeout(poll, seconds * 1000);
          return;
        }
        var main = document.getElementById("main");
        var fresh = next.getElementById("main");
        if (!main || !fresh) return;
        var hadFocus = main.contains(document.activeElement);
        main.innerHTML = fresh.innerHTML;
        if (hadFocus) main.focus();
      })
      .catch(function () { window.setTimeout(poll, seconds * 3000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();

// A refused form: bring the list of problems into view and give it focus, so that a keyboard or
// screen-reader user starts from it (it is also role="alert"); its links lead to each field.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();

// A data table that is wider than a narrow screen scrolls inside itself; so that keyboard users can
// scroll it too, it takes focus (WCAG 2.1.1) while, and only while, it does not fit.
(function () {
  "use strict";
  var tables = document.querySelectorAll(".table, .table-scroll");
  if (!tables.length) return;
  function update() {
    tables.forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && el.hasAttribute("data-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();
