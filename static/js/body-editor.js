// The body editor (django-prose-editor) names its menu's buttons and block types in English; once its
// menu is made they go through the admin's translation catalogue (jsi18n, loaded by the change form), as
// the editor's own dialogs do.
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const translate = () => {
    const menubar = textarea.closest(".prose-editor").querySelector(".prose-menubar");
    for (const button of menubar.querySelectorAll("[title]")) {
      button.title = gettext(button.title);
      button.setAttribute("aria-label", button.title);
    }
    for (const label of menubar.querySelectorAll(".prose-menubar__option > *")) {
      label.textContent = gettext(label.textContent);
    }
  };
  // The menu is made when the editor emits "create", just after it is ready.
  if (editor.isInitialized) {
    translate();
  } else {
    editor.on("create", translate);
  }
});
