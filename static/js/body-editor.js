// The body editor (django-prose-editor) names its menu's buttons and block types in English; once it is
// ready they go through the admin's translation catalogue (jsi18n, loaded by the change form), as the
// editor's own dialogs do.
document.addEventListener("prose-editor:ready", (event) => {
  const menubar = event.target.parentElement.querySelector(".prose-menubar");
  for (const button of menubar.querySelectorAll("[title]")) {
    button.title = gettext(button.title);
    button.setAttribute("aria-label", button.title);
  }
  for (const label of menubar.querySelectorAll(".prose-menubar__option > *")) {
    label.textContent = gettext(label.textContent);
  }
});
