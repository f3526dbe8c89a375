// The article body's rich-text editor: Quill 2 (vendor/quill) over a textarea marked data-editor
// (portal/forms.py, EDITOR_ATTRS). Progressive: without JavaScript, or when Quill is missing, the
// textarea takes simple HTML as before. The textarea stays the form's field: the editor writes its
// HTML there on every change, and the server sanitises it (portal/content.py) whatever comes.
//
// The editor only makes what the sanitiser keeps: h2, h3 (h1 pasted becomes h2, h5/h6 h4), p,
// strong, em, u, s, sub, sup, ol/ul/li, blockquote, a href and img src+alt of the article's own
// uploaded images. Images show their officers' preview inside the editor (the public address answers
// 404 until publishing) and are written with their public address. Nothing here is inline or
// evaluated, so the CSP (script-src/style-src 'self') holds; Quill's tooltip texts come from data
// attributes read by portal.css.
(function () {
  "use strict";
  if (typeof window.Quill === "undefined") return;
  const Quill = window.Quill;
  const Delta = Quill.import("delta");
  const FORMATS = ["header", "bold", "italic", "underline", "strike", "script", "list", "blockquote", "link", "image"];
  const KEEP_AS_HTML = "table, figure, hr"; // bodies with these stay in the textarea (Quill has no such blocks)

  function parse(html) {
    const template = document.createElement("template"); // inert: nothing loads, nothing runs
    template.innerHTML = html;
    return template.content;
  }

  function serialise(fragment) {
    const box = document.createElement("template");
    box.content.appendChild(fragment);
    return box.innerHTML;
  }

  function swapImages(html, images, from, to) {
    const fragment = parse(html);
    fragment.querySelectorAll("img").forEach(function (img) {
      const found = images.find(function (i) { return i[from] === img.getAttribute("src"); });
      if (found) img.setAttribute("src", found[to]);
    });
    return fragment;
  }

  // Quill's semantic HTML, made plain: spaces (Quill writes &nbsp;), no link target or rel (the
  // sanitiser sets rel), images at their public address; an empty editor is an empty body.
  function output(quill, images) {
    if (quill.getText().trim() === "" && !quill.root.querySelector("img")) return "";
    const fragment = swapImages(quill.getSemanticHTML(), images, "preview", "src");
    const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) walker.currentNode.nodeValue = walker.currentNode.nodeValue.replace(/\u00a0/g, " ");
    fragment.querySelectorAll("a").forEach(function (a) {
      a.removeAttribute("target");
      a.removeAttribute("rel");
    });
    return serialise(fragment);
  }

  function headerTo(level) {
    return function (node, delta) {
      delta.ops.forEach(function (op) {
        if (op.attributes && op.attributes.header) op.attributes.header = level;
      });
      return delta;
    };
  }

  function label(toolbar, selector, text) {
    toolbar.querySelectorAll(selector).forEach(function (button) {
      button.setAttribute("aria-label", text);
      button.setAttribute("title", text);
    });
  }

  function imagePanel(quill, textarea, images, toolbar) {
    const panel = document.createElement("div");
    panel.className = "editor-images border rounded p-2 mb-2 d-none";
    panel.dataset.editorImages = "";
    if (!images.length) {
      const none = document.createElement("p");
      none.className = "small text-body-secondary mb-0";
      none.textContent = textarea.dataset.editorImagesNone;
      panel.appendChild(none);
    }
    images.forEach(function (image) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary btn-sm editor-image";
      button.dataset.editorImage = image.src;
      button.setAttribute("aria-label", image.alt || image.src);
      const thumb = document.createElement("img");
      thumb.src = image.preview;
      thumb.alt = image.alt || "";
      thumb.loading = "lazy";
      button.appendChild(thumb);
      button.addEventListener("click", function () {
        const range = quill.getSelection(true) || { index: quill.getLength() - 1 };
        quill.updateContents(
          new Delta().retain(range.index).insert({ image: image.preview }, { alt: image.alt || "" }),
          "user"
        );
        quill.setSelection(range.index + 1, 0, "user");
        panel.classList.add("d-none");
      });
      panel.appendChild(button);
    });
    toolbar.after(panel);
    return function () {
      panel.classList.toggle("d-none");
    };
  }

  function start(textarea) {
    const data = textarea.dataset;
    const images = JSON.parse(data.editorImages || "[]");
    const kept = parse(textarea.value).querySelector(KEEP_AS_HTML);
    if (kept) {
      const note = document.createElement("div");
      note.className = "form-text";
      note.textContent = data.editorKept;
      textarea.after(note);
      return;
    }
    const holder = document.createElement("div");
    holder.className = "editor-holder";
    const box = document.createElement("div");
    box.className = "editor-box";
    holder.appendChild(box);
    textarea.after(holder);
    const quill = new Quill(box, {
      theme: "snow",
      formats: FORMATS,
      modules: {
        toolbar: [
          [{ header: 2 }, { header: 3 }],
          ["bold", "italic", "underline", "strike"],
          [{ list: "ordered" }, { list: "bullet" }, "blockquote"],
          ["link", "image"],
          ["clean"],
        ],
        clipboard: {
          matchers: [
            ["H1", headerTo(2)],
            ["H5", headerTo(4)],
            ["H6", headerTo(4)],
          ],
        },
      },
    });
    quill.setContents(quill.clipboard.convert({ html: serialise(swapImages(textarea.value, images, "src", "preview")) }), "silent");
    quill.history.clear();
    const toolbar = holder.querySelector(".ql-toolbar");
    label(toolbar, ".ql-header[value='2']", data.editorHeading);
    label(toolbar, ".ql-header[value='3']", data.editorSubheading);
    label(toolbar, ".ql-bold", data.editorBold);
    label(toolbar, ".ql-italic", data.editorItalic);
    label(toolbar, ".ql-underline", data.editorUnderline);
    label(toolbar, ".ql-strike", data.editorStrike);
    label(toolbar, ".ql-list[value='ordered']", data.editorOrdered);
    label(toolbar, ".ql-list[value='bullet']", data.editorBullet);
    label(toolbar, ".ql-blockquote", data.editorBlockquote);
    label(toolbar, ".ql-link", data.editorLink);
    label(toolbar, ".ql-image", data.editorImage);
    label(toolbar, ".ql-clean", data.editorClean);
    quill.getModule("toolbar").addHandler("image", imagePanel(quill, textarea, images, toolbar));
    const tooltip = holder.querySelector(".ql-tooltip");
    tooltip.dataset.enter = data.editorEnterLink;
    tooltip.dataset.visit = data.editorVisit;
    tooltip.querySelector("a.ql-action").dataset.edit = data.editorEdit;
    tooltip.querySelector("a.ql-action").dataset.save = data.editorSave;
    tooltip.querySelector("a.ql-remove").dataset.remove = data.editorRemove;
    tooltip.querySelector("input").dataset.link = "https://";
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    const fieldLabel = document.querySelector("label[for='" + textarea.id + "']");
    if (fieldLabel) {
      quill.root.setAttribute("aria-label", fieldLabel.textContent.replace("*", "").trim());
      fieldLabel.addEventListener("click", function () { quill.focus(); });
    }
    if (textarea.classList.contains("is-invalid")) box.classList.add("is-invalid");
    // The hidden textarea cannot show the browser's "required" bubble; the server says it instead.
    textarea.required = false;
    textarea.hidden = true;
    textarea.value = output(quill, images);
    quill.on("text-change", function () {
      textarea.value = output(quill, images);
    });
    const form = textarea.form;
    if (form) form.addEventListener("submit", function () { textarea.value = output(quill, images); });
  }

  document.querySelectorAll("textarea[data-editor]").forEach(start);
})();
