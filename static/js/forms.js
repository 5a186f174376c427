// Guards POST forms against a second submission (a double click, Enter pressed twice): once a form is
// on its way, further submits of it are ignored and its submit buttons are disabled. When the page is
// shown again (back button, back/forward cache) every form is ready again. Forms that htmx sends, that
// open another window, or that are marked data-resubmit (downloads: the page stays) are left alone.
// Without JavaScript the forms work as before, only unguarded.
(function () {
  "use strict";

  // The form's own submit buttons, also those outside it that name it with form="…".
  function submitButtons(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return (element.tagName === "BUTTON" || element.tagName === "INPUT") && element.type === "submit";
    });
  }

  function isGuarded(form) {
    return (
      (form.getAttribute("method") || "").toLowerCase() === "post" &&
      !form.hasAttribute("data-resubmit") &&
      !form.hasAttribute("hx-post") &&
      !form.hasAttribute("data-hx-post") &&
      ["", "_self"].indexOf(form.getAttribute("target") || "") !== -1
    );
  }

  function release(form) {
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
    submitButtons(form).forEach(function (button) {
      if (button.hasAttribute("data-submit-disabled")) {
        button.disabled = false;
        button.removeAttribute("data-submit-disabled");
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented || !isGuarded(form)) {
      return;
    }
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    form.setAttribute("aria-busy", "true");
    // Disabled buttons are left out of the data sent: the browser collects the clicked button's
    // name and value right after this event, so the buttons are disabled only afterwards.
    window.setTimeout(function () {
      submitButtons(form).forEach(function (button) {
        if (!button.disabled) {
          button.disabled = true;
          button.setAttribute("data-submit-disabled", "");
        }
      });
    }, 0);
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(release);
  });
})();
