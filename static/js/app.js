// Sổ Thi đua: the little JavaScript there is. The pages work without it; htmx only makes them quicker.
// No inline scripts anywhere (Content-Security-Policy), so every behaviour lives here.
(function () {
  "use strict";

  function flash(message) {
    var area = document.getElementById("flash");
    if (!area) return;
    var p = document.createElement("p");
    p.className = "flash flash--error";
    p.textContent = message;
    area.replaceChildren(p);
  }

  // 5xx or a dropped connection: say so where people look, never leave a half-swapped row.
  document.addEventListener("htmx:responseError", function () {
    flash(document.documentElement.lang === "en"
      ? "The server could not complete this action. Nothing was saved; please try again."
      : "Máy chủ chưa thực hiện được thao tác này. Chưa có gì được lưu; vui lòng thử lại.");
  });
  document.addEventListener("htmx:sendError", function () {
    flash(document.documentElement.lang === "en"
      ? "Cannot reach the server. Check the network and try again; nothing was saved."
      : "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; chưa có gì được lưu.");
  });

  // After a swap that brought back errors, put the cursor on the first wrong field; after a new edit row
  // appears, on its field marked autofocus, else its first input. On settle, not swap: a row that replaces one with
  // the same id only gets its own attributes (class="editing") when htmx settles it. Only inside what was swapped,
  // so another row's old errors or the flash area's out-of-band swap never take the cursor. A panel an open edit row
  // fetches into itself (the review editor's points, its verdicts) never takes it either: the person may be typing.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document;
    if (!root.querySelector) return;
    var panel = root !== document && !root.matches("tr.editing") && root.closest("tr.editing") !== null;
    var target = root.querySelector("[aria-invalid='true']") ||
      (!panel && (root.querySelector("tr.editing [autofocus]") ||
        root.querySelector("tr.editing input:not([type=hidden]), tr.editing select"))) ||
      // after a save the table comes back: keep the keyboard user on the row they just saved
      root.querySelector("tr.just-saved a");
    if (target) target.focus();
  });
})();
