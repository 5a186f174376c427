// The Lean Coffee countdown: each element with data-ends-at shows the minutes and seconds left.
// Without JavaScript the page shows the end time as text; the server decides when time is up.
(function () {
  "use strict";
  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }
  function tick() {
    document.querySelectorAll(".lc-countdown[data-ends-at]").forEach(function (element) {
      var endsAt = Date.parse(element.getAttribute("data-ends-at"));
      if (isNaN(endsAt)) {
        return;
      }
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      element.textContent = left > 0
        ? pad(Math.floor(left / 60)) + ":" + pad(left % 60)
        : element.getAttribute("data-time-up");
    });
  }
  tick();
  window.setInterval(tick, 1000);
  // A swapped-in live view shows its countdown at once, not a second later.
  document.addEventListener("htmx:afterSwap", tick);
})();
