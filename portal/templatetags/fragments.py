"""``{% fragment %}``: a part of a page that is the same for every visitor
(see ``portal.fragment_cache``)."""

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from portal.fragment_cache import CONTEXT_NAME, PageFragments

register = template.Library()


class FragmentNode(Node):
    # Blocks inside stay visible to templates that extend this one.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> SafeString:
        fragments = context.get(CONTEXT_NAME)
        if not isinstance(fragments, PageFragments):
            return self.nodelist.render(context)
        html = fragments.get(self.name)
        if html is None:
            with context.push(fragments.context()):
                html = self.nodelist.render(context)
            fragments.add(self.name, str(html))
        # Rendered by the template itself, already escaped by its nodes.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """``{% fragment "content" %}...{% endfragment %}``: on a page type that
    caches its fragments, the content is rendered once for everyone and then
    served from the cache; elsewhere it is rendered as it stands. Each name
    is used once in a page; nothing inside may depend on who is asking."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1])
