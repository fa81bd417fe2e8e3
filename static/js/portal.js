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
