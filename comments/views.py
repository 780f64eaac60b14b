from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from articles.http import is_cross_site
from articles.models import Article
from articles.views import ArticleDetailView

from .cookies import remember_author, remember_own_comment
from .forms import DUPLICATE_MESSAGE, CommentForm, fill_time_token
from .models import Comment
from .moderation import comments_open
from .ratelimit import allow_post, client_ip
from .services import DuplicateComment, submit_comment


# No CSRF token: the form sits on pages that caches share, so it carries nothing of one reader.
# A browser says where a post comes from, and posts from other sites are refused instead.
@method_decorator(csrf_exempt, name="dispatch")
class PostCommentView(ArticleDetailView):
    """Validate, decide, save and send the reader to the comment; with errors, the article page comes back."""

    http_method_names = ["post"]
    pk_url_kwarg = "article_id"
    kept_per_version = False

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if is_cross_site(request):
            return refusal(
                request, article, _("Comments can only be sent from this site’s own pages."), status=403
            )
        if not comments_open(article):
            return refusal(request, article, _("Comments are closed."), status=403)
        ip_address = client_ip(request)
        if not allow_post(ip_address):
            message = _(
                "You have posted several comments in a short time. Please wait a few minutes and try again."
            )
            return refusal(request, article, message, status=429)

        form = CommentForm(request.POST, article=article)
        if form.is_valid():
            try:
                comment = submit_comment(
                    form=form,
                    ip_address=ip_address,
                    user_agent=request.headers.get("User-Agent", ""),
                    site_url=request.build_absolute_uri("/"),
                )
            except DuplicateComment:
                form.add_error("text", DUPLICATE_MESSAGE)
            else:
                return comment_posted(request, form, comment)
        # The article page again, with the reader's text and a message by each field in error.
        return self.render_to_response(self.get_context_data(comment_form=form), status=400)


@require_GET
def form_token(request, article_id):
    """A fresh signed time for the form, fetched by the page's script when a reader starts to write."""
    get_object_or_404(Article.objects.published(), pk=article_id)
    return JsonResponse({"token": fill_time_token(article_id)}, headers={"Cache-Control": "no-store"})


def comment_posted(request, form, comment):
    if comment.status == Comment.Status.SPAM:
        return HttpResponseRedirect(comment.article.get_absolute_url(), status=303)
    response = HttpResponseRedirect(comment.get_absolute_url(), status=303)
    remember_own_comment(request, response, comment)
    remember_author(response, form)
    return response


def refusal(request, article, message, *, status):
    return render(request, "comments/refused.html", {"article": article, "message": message}, status=status)
