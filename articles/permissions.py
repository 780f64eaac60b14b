"""Who may do what with articles: the newsroom's rules, asked by the admin, its forms, the preview and
the dashboard. The groups and their model permissions are the table in ``newsportal/roles.py``."""

from django.db.models import QuerySet

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    """Editors publish, unpublish, schedule and feature; reporters only submit for review."""
    return user.has_perm(PUBLISH_PERMISSION)


def editable_articles(user, articles: QuerySet | None = None) -> QuerySet:
    """Everything for those who may publish; a reporter's own drafts and articles in review otherwise."""
    articles = Article.objects.all() if articles is None else articles
    if can_publish(user):
        return articles
    return articles.filter(authors__user=user).exclude(status=Article.Status.PUBLISHED)


def can_edit(user, article: Article) -> bool:
    """The rule of ``editable_articles()``, for one article."""
    if can_publish(user):
        return True
    return article.status != Article.Status.PUBLISHED and article.authors.filter(user=user).exists()


def can_preview(user) -> bool:
    """The newsroom sees articles before readers do: on their preview page and in the dashboard's queues."""
    return user.is_staff and user.has_perm("articles.view_article")


def can_link_accounts(user) -> bool:
    """Only those who may see user accounts link an author to one."""
    return user.has_perm("auth.view_user")


def can_see_history(user, article: Article) -> bool:
    """Editors see every article's versions; reporters those of their own articles, published or not."""
    if not user.has_perm("articles.view_article"):
        return False
    return can_publish(user) or article.authors.filter(user=user).exists()
