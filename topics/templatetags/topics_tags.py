"""The topic board's link on the community page, for those who may see the topics."""

from django import template

register = template.Library()


@register.inclusion_tag("topics/tags/board_link.html", takes_context=True)
def topic_board_link(context, community):
    user = context["request"].user
    return {"community": community, "show": user.has_perm("topics.view_topics", community)}
