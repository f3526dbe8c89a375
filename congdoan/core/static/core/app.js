// Small behaviours shared by every page; everything else is HTMX attributes in the templates.
document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  const box = document.getElementById("htmx-error");
  if (box) {
    box.textContent = status === 404 ? box.dataset.notFound : box.dataset.generic;
    box.classList.remove("d-none");
  }
});
