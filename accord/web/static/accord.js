// Opens a commitment's details beside the text without leaving the page. Without this script
// each highlight is a plain link to the commitment's own page.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var source = document.querySelector(".source");
  if (!panel || !source) return;
  var selected = null;

  function close() {
    panel.innerHTML = "";
    if (selected) selected.classList.remove("selected");
    selected = null;
  }

  source.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-commitment-id]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var id = link.getAttribute("data-commitment-id");
    fetch("/commitments/" + encodeURIComponent(id) + "/panel", { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (selected) selected.classList.remove("selected");
        selected = link;
        link.classList.add("selected");
        panel.innerHTML = html;
        var button = panel.querySelector("button.close");
        if (button) button.addEventListener("click", close);
        panel.focus();
      })
      .catch(function () { window.location.href = link.href; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
