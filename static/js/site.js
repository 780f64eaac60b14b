// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // "Copy link": a plain link to the article that copies its address when scripts run.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      var original = link.textContent;
      link.textContent = link.dataset.copiedLabel;
      setTimeout(function () { link.textContent = original; }, 2000);
    });
  });
})();

// "Most read": the page may come from a cache, so the page tells the site it is being read,
// once, when it is first shown (not when a browser loads it ahead of a visit).
(function () {
  "use strict";
  var article = document.querySelector("[data-count-url]");
  if (!article || !navigator.sendBeacon) return;
  function count() {
    if (document.visibilityState !== "visible") return;
    document.removeEventListener("visibilitychange", count);
    navigator.sendBeacon(article.dataset.countUrl);
  }
  document.addEventListener("visibilitychange", count);
  count();
})();

// Comments: "Reply" moves the form under the comment; remembered details fill the form.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = document.getElementById("commentform");
  var parentField = form.querySelector("input[name=parent]");
  var titleText = respond.querySelector(".respond__title-text");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var home = document.createElement("div");
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.dataset.commentId);
    comment.querySelector(".comment__body").after(respond);
    parentField.value = link.dataset.commentId;
    titleText.textContent = respond.dataset.replyFormat.replace("%(name)s", link.dataset.author);
    cancel.hidden = false;
    form.querySelector("textarea").focus();
  }

  function cancelReply() {
    home.after(respond);
    parentField.value = "";
    titleText.textContent = respond.dataset.defaultTitle;
    cancel.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (link) {
      event.preventDefault();
      replyTo(link);
    } else if (event.target === cancel) {
      event.preventDefault();
      cancelReply();
      form.querySelector("textarea").focus();
    }
  });

  // The page may have come from a cache minutes ago: the time to fill the form in counts from now.
  form.addEventListener("focusin", function () {
    fetch(form.dataset.tokenUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) form.elements.token.value = data.token; })
      .catch(function () {});
  }, { once: true });

  var cookie = document.cookie.split("; ").find(function (part) { return part.indexOf("comment_author=") === 0; });
  if (cookie) {
    try {
      var details = JSON.parse(decodeURIComponent(cookie.slice("comment_author=".length).replace(/^"|"$/g, "")));
      [["author_name", details.name], ["author_email", details.email], ["author_url", details.url]].forEach(function (pair) {
        var input = form.elements[pair[0]];
        if (input && !input.value && pair[1]) input.value = pair[1];
      });
      form.elements.remember.checked = true;
    } catch (error) {
      // A cookie we cannot read fills nothing.
    }
  }
})();
