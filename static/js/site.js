// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // After a form submission with errors, move focus to the error summary so
  // screen readers announce it, and say so in the page title.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    document.title = "Fout: " + document.title;
    summary.focus();
    return;
  }
  // Otherwise let a message about what just happened be read out first.
  var message = document.querySelector("[data-messages]");
  if (message) {
    message.focus();
  }
})();
