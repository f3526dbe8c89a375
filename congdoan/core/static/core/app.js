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
