/* Issue 20 point 3 (portal/formkeeper.py): warn before the session ends, and give back a form's
   values kept when it was posted after the session had ended. Reads <body data-…> only. */
(function () {
  "use strict";
  var body = document.body;

  function notice(text, id) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.className = "session-notice";
      box.setAttribute("role", "alert");
      var main = document.getElementById("main") || body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = text;
  }

  var left = parseInt(body.getAttribute("data-session-seconds"), 10);
  var warnMinutes = parseInt(body.getAttribute("data-session-warn-minutes"), 10) || 5;
  if (!isNaN(left)) {
    var warnIn = Math.max(0, left - warnMinutes * 60) * 1000;
    window.setTimeout(function () {
      notice(body.getAttribute("data-session-warning"), "session-notice");
    }, warnIn);
    window.setTimeout(function () {
      notice(body.getAttribute("data-session-ended"), "session-notice");
    }, left * 1000);
  }

  var kept = body.getAttribute("data-kept-form");
  if (kept) {
    var data;
    try { data = JSON.parse(kept); } catch (e) { data = null; }
    if (data) {
      Object.keys(data).forEach(function (name) {
        var values = data[name];
        var fields = document.querySelectorAll("form [name=\"" + name.replace(/["\\]/g, "\\$&") + "\"]");
        var n = 0;
        Array.prototype.forEach.call(fields, function (field) {
          var type = (field.type || "").toLowerCase();
          if (type === "hidden" || type === "password" || type === "file" || type === "submit") { return; }
          if (type === "checkbox" || type === "radio") {
            field.checked = values.indexOf(field.value) !== -1;
          } else if (field.tagName === "SELECT") {
            Array.prototype.forEach.call(field.options, function (option) {
              option.selected = values.indexOf(option.value) !== -1;
            });
          } else if (n < values.length) {
            field.value = values[n];
            n += 1;
          }
        });
      });
      notice(body.getAttribute("data-kept-form-note"), "kept-form-notice");
    }
  }
}());
