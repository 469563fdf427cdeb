// The portal's own script, no build step: the browser's form messages in the page's language (a browser
// writes them in its own language otherwise), and the "select all" box of a list.
(function () {
  "use strict";

  function message(field) {
    var texts = document.body.dataset, validity = field.validity;
    if (validity.valueMissing) return field.type === "file" ? texts.msgFile : texts.msgRequired;
    if (validity.typeMismatch) return field.type === "email" ? texts.msgEmail : texts.msgInvalid;
    return texts.msgInvalid;
  }

  document.addEventListener("invalid", function (event) {
    var field = event.target;
    field.setCustomValidity("");
    if (!field.validity.valid) field.setCustomValidity(message(field));
  }, true);

  ["input", "change"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var field = event.target;
      if (field.setCustomValidity) field.setCustomValidity("");
      var group = field.dataset && field.dataset.selectAll;
      if (name === "change" && group) {
        field.closest("form").querySelectorAll('input[name="' + group + '"]:not(:disabled)').forEach(function (box) {
          box.checked = field.checked;
        });
      }
    }, true);
  });
})();
