// Keyboard shortcuts of the moderation queue. Progressive: every action is a plain form that works
// without this script. j/k move the selection, a approves, r focuses the reject reason (Enter
// submits), h hides, x toggles the bulk checkbox. Keys typed into form fields are left alone.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  if (items.length === 0) { return; }
  var current = 0;

  function select(index) {
    if (index < 0 || index >= items.length) { return; }
    items[current].classList.remove("selected");
    items[current].removeAttribute("aria-current");
    current = index;
    items[current].classList.add("selected");
    items[current].setAttribute("aria-current", "true");
    items[current].focus({preventScroll: true});
    items[current].scrollIntoView({block: "nearest"});
  }

  items.forEach(function (item, i) {
    item.addEventListener("click", function () { select(i); });
  });
  select(0);

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT"
        || target.isContentEditable)) {
      if (event.key === "Escape") { items[current].focus(); }
      return;
    }
    var item = items[current];
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": item.querySelector(".approve-form").requestSubmit(); break;
      case "h": item.querySelector(".hide-form").requestSubmit(); break;
      case "r": item.querySelector(".reject-reason").focus(); break;
      case "x":
        var box = item.querySelector(".pick input");
        box.checked = !box.checked;
        break;
      default: return;
    }
    event.preventDefault();
  });
})();
