"""Template tags for the head of every page (see ``portal.seo``)."""

from typing import Any

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from portal import seo

register = template.Library()


class CaptureNode(Node):
    # Blocks inside stay visible to templates that extend this one.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        # The output of the template itself, already escaped by its nodes.
        html = self.nodelist.render(context).strip()
        context[self.name] = mark_safe(html)  # noqa: S308  # nosec B308 B703
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    """``{% capture as name %}...{% endcapture %}``: render the content (a
    ``{% block %}`` too) into ``name`` instead of the page, so the head can
    use one title in ``<title>``, ``og:title`` and ``twitter:title``."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(
    context: Context, *, title: str = "", description: str = "", indexable: str = "yes"
) -> dict[str, Any]:
    """Description, canonical link, Open Graph and Twitter card tags. Error
    pages empty the ``indexable`` block: no canonical address, and no index."""
    return seo.head_tags(
        request=context.get("request") if indexable.strip() else None,
        page=context.get("page"),
        title=title,
        description=description,
        og_type=context.get("og_type") or "",
    )


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    """``data`` as schema.org JSON-LD, safe inside the page."""
    return seo.json_ld(data)
