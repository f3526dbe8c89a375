// Small behaviours shared by every page; everything else is HTMX attributes in the templates.
document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  const box = document.getElementById("htmx-error");
  if (box) {
    box.textContent = status === 404 ? box.dataset.notFound : box.dataset.generic;
    box.classList.remove("d-none");
  }
});

// The unit picker (organizations/widgets/unit_picker.html): a click on a result fills the hidden id
// and the search box; emptying the search box clears the choice.
document.addEventListener("click", function (event) {
  const pick = event.target.closest("[data-unit-pick]");
  const picker = pick && pick.closest("[data-unit-picker]");
  if (!picker) return;
  picker.querySelector("[data-unit-picker-value]").value = pick.dataset.unitPick;
  picker.querySelector("input[type=search]").value = pick.dataset.label;
  picker.querySelector("[data-unit-picker-results]").innerHTML = "";
});
document.addEventListener("input", function (event) {
  const picker = event.target.closest("[data-unit-picker]");
  if (picker && event.target.type === "search" && event.target.value === "") {
    picker.querySelector("[data-unit-picker-value]").value = "";
  }
});

// The Content-Security-Policy (config/settings/base.py) allows no inline script or style: behaviours
// are data attributes handled here, and sizes computed on the server are set through the DOM.
// data-confirm="question": a click goes on only if the user confirms.
document.addEventListener("click", function (event) {
  const el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.dataset.confirm)) event.preventDefault();
});
// data-autosubmit: a change submits the field's form (the language switcher).
// form[data-filter-form]: a change of a field other than data-filter-skip refreshes the results.
document.addEventListener("change", function (event) {
  const target = event.target;
  if (target.matches("[data-autosubmit]")) target.form.requestSubmit();
  const form = target.closest("form[data-filter-form]");
  if (form && target.name !== form.dataset.filterSkip) htmx.trigger(form, "filters-changed");
});
// form[data-private-field="q"] (the member list): its filters go in the query string, but a term in that
// field with data-private-digits digits or more (an ID or phone number: members.forms.looks_personal) is
// posted instead, so it never enters a URL, the history or a server log. The server answers with the
// address of the other filters (HX-Push-Url).
function privateTerm(form, formData) {
  const value = formData.get(form.dataset.privateField) || "";
  return value.replace(/\D/g, "").length >= Number(form.dataset.privateDigits || 9);
}
document.addEventListener("htmx:configRequest", function (event) {
  const elt = event.detail.elt;
  const form = elt.closest ? elt.closest("form[data-private-field]") : null;
  if (!form || event.detail.verb !== "get" || !privateTerm(form, event.detail.formData)) return;
  event.detail.verb = "post";
  event.detail.useUrlParams = false;
  event.detail.headers["Content-Type"] = "application/x-www-form-urlencoded"; // set by htmx for a post only
});
// data-indent="n": a left padding of n rem (tree depth); data-progress="n": a bar n% wide.
function within(root, selector, apply) {
  if (root.matches && root.matches(selector)) apply(root);
  root.querySelectorAll(selector).forEach(apply);
}
htmx.onLoad(function (root) {
  within(root, "[data-indent]", function (el) { el.style.paddingLeft = el.dataset.indent + "rem"; });
  within(root, "[data-progress]", function (el) { el.style.width = el.dataset.progress + "%"; });
});

// input[data-date-input] (core.forms.DateInput): dd/mm/yyyy in every browser. While one types at the
// end of the box, "-" and "." become "/" and the slashes come by themselves after the day and the
// month, so a phone's numeric keypad is enough ("31122024" reads 31/12/2024). The server checks it.
function maskDate(text) {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text); // pasted yyyy-mm-dd
  if (iso) return iso[3].padStart(2, "0") + "/" + iso[2].padStart(2, "0") + "/" + iso[1];
  let out = "";
  let part = 0; // 0 day, 1 month, 2 year
  let digits = 0;
  for (const ch of text) {
    if (ch >= "0" && ch <= "9") {
      if (part < 2 && digits === 2) { out += "/"; part += 1; digits = 0; }
      if (part === 2 && digits === 4) break;
      out += ch;
      digits += 1;
    } else if ("/.-".includes(ch) && part < 2 && digits > 0) {
      out += "/";
      part += 1;
      digits = 0;
    }
  }
  if (part < 2 && digits === 2) out += "/";
  return out;
}
document.addEventListener("input", function (event) {
  const box = event.target;
  if (!box.matches || !box.matches("input[data-date-input]")) return;
  if (!event.inputType || !event.inputType.startsWith("insert")) return; // deleting: leave it be
  if (box.selectionStart !== box.value.length) return; // editing inside: do not move the caret
  const masked = maskDate(box.value);
  if (masked !== box.value) box.value = masked;
});

// table.table-cards ({% datatable %}): each cell gets its column's heading as data-label, which
// app.css shows in front of it when a phone turns the rows into cards. Cells spanning columns
// (a "nothing found" row) and columns without a heading (buttons) get none.
function labelCells(table) {
  const headings = [];
  table.querySelectorAll(":scope > thead > tr:last-child > th").forEach(function (th) {
    for (let i = 0; i < th.colSpan; i++) headings.push(th.colSpan === 1 ? th.textContent.trim() : "");
  });
  table.querySelectorAll(":scope > tbody > tr").forEach(function (tr) {
    let column = 0;
    Array.from(tr.cells).forEach(function (cell) {
      const label = cell.colSpan === 1 ? headings[column] : "";
      if (label) cell.dataset.label = label; else delete cell.dataset.label;
      column += cell.colSpan;
    });
  });
}
htmx.onLoad(function (root) {
  within(root, "table.table-cards", labelCells);
  const around = root.closest && root.closest("table.table-cards"); // rows swapped into a table
  if (around) labelCells(around);
});
