// The body editor's picture dialog opened this window (the CKEditor file browser convention that
// django-prose-editor follows): hand it the chosen picture, then close.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".picture-picker button");
  if (!button || !window.opener) return;
  const callback = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  window.opener.CKEDITOR.tools.callFunction(callback, button.dataset.url, {
    id: button.dataset.id,
    alternative_text: button.dataset.alt,
    caption: button.dataset.caption,
  });
  window.close();
});
