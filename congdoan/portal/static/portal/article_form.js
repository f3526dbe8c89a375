// The article form's link picker (portal/widgets/link_picker.html): a click on a search result adds
// the record to the chosen list (a hidden input posted with the form, its label and a remove button)
// unless it is there already; a remove button takes it out. The server checks every posted record.
document.addEventListener("click", function (event) {
  const pick = event.target.closest("[data-link-pick]");
  const picker = pick && pick.closest("[data-link-picker]");
  if (!picker) return;
  const chosen = picker.querySelector("[data-link-chosen]");
  const key = pick.dataset.linkPick;
  const there = Array.from(chosen.querySelectorAll("[data-link-item]")).some(function (li) {
    return li.dataset.linkItem === key;
  });
  if (!there) {
    const li = document.createElement("li");
    li.className = "list-group-item d-flex justify-content-between align-items-start gap-2";
    li.dataset.linkItem = key;
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = picker.dataset.name;
    input.value = key;
    const text = document.createElement("span");
    text.className = "text-break";
    text.textContent = pick.dataset.label + " ";
    const unit = document.createElement("small");
    unit.className = "text-body-secondary d-block";
    unit.textContent = pick.dataset.unit || "";
    text.appendChild(unit);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-sm btn-outline-danger flex-shrink-0";
    remove.dataset.linkRemove = "";
    remove.setAttribute("aria-label", picker.dataset.removeLabel);
    const icon = document.createElement("i");
    icon.className = "bi bi-x-lg";
    icon.setAttribute("aria-hidden", "true");
    remove.appendChild(icon);
    li.append(input, text, remove);
    chosen.appendChild(li);
  }
  picker.querySelector("[data-link-results]").innerHTML = "";
});
document.addEventListener("click", function (event) {
  const remove = event.target.closest("[data-link-remove]");
  if (remove && remove.closest("[data-link-picker]")) remove.closest("[data-link-item]").remove();
});
