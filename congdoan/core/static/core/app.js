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
// data-indent="n": a left padding of n rem (tree depth); data-progress="n": a bar n% wide.
function within(root, selector, apply) {
  if (root.matches && root.matches(selector)) apply(root);
  root.querySelectorAll(selector).forEach(apply);
}
htmx.onLoad(function (root) {
  within(root, "[data-indent]", function (el) { el.style.paddingLeft = el.dataset.indent + "rem"; });
  within(root, "[data-progress]", function (el) { el.style.width = el.dataset.progress + "%"; });
});
