// Progressive enhancement for the apply form. Without JavaScript the form
// posts normally and the server does every check; with it, candidates learn
// about a wrong file type or size before uploading, and see upload progress.
(function () {
  "use strict";
  var form = document.getElementById("apply-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var allowed = ["pdf", "doc", "docx", "odt", "rtf", "txt"];

  function humanSize(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  function messageFor(input) {
    var file = input.files && input.files[0];
    if (!file) { return ""; }
    var ext = file.name.indexOf(".") >= 0 ? file.name.split(".").pop().toLowerCase() : "";
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (allowed.indexOf(ext) < 0) {
      return "\u201c" + file.name + "\u201d is not a PDF, DOC, DOCX, ODT, RTF or TXT file.";
    }
    if (file.size === 0) { return "\u201c" + file.name + "\u201d is empty."; }
    if (max && file.size > max) {
      return "\u201c" + file.name + "\u201d is " + humanSize(file.size) + "; the limit is " + humanSize(max) + ".";
    }
    return "";
  }

  function showMessage(input, text) {
    var id = input.id + "-client-error";
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("p");
      box.id = id;
      box.className = "invalid-feedback d-block";
      box.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", box);
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    box.textContent = text;
    input.classList.toggle("is-invalid", Boolean(text));
    input.setCustomValidity(text);
  }

  var fileInputs = form.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(fileInputs, function (input) {
    input.addEventListener("change", function () { showMessage(input, messageFor(input)); });
  });

  form.addEventListener("submit", function (event) {
    var bad = Array.prototype.filter.call(fileInputs, function (input) { return messageFor(input); });
    if (bad.length) {
      event.preventDefault();
      bad[0].focus();
      return;
    }
    var hasFile = Array.prototype.some.call(fileInputs, function (input) { return input.files.length; });
    if (!hasFile) { return; } // nothing large to upload: a normal submit is fine
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var wrapper = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-progress-bar");
    button.disabled = true;  // no double submission while uploading
    wrapper.classList.remove("d-none");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        bar.textContent = percent + "%";
      }
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL.indexOf("/apply/done/") >= 0) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      wrapper.classList.add("d-none");
      showMessage(fileInputs[0], "The upload was interrupted. Please check your connection and submit again.");
    });
    xhr.send(new FormData(form));
  });
})();
