"""StreamField blocks of the kennisbank, each with its own template.

Every block is accessible by construction: images carry required alt text,
videos a transcript, tables a caption and header cells.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citaat"), max_length=800)
    attribution = blocks.CharBlock(label=_("van wie"), required=False, max_length=160)

    class Meta:
        template = "blocks/quote_block.html"
        icon = "openquote"
        label = _("citaat")


class AccessibleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Verplicht. Beschrijf wat de afbeelding laat zien voor wie haar niet "
            "kan zien."
        ),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), required=False, max_length=250)

    class Meta:
        template = "blocks/image_block.html"
        icon = "image"
        label = _("afbeelding")


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("titel van de tabel"),
        max_length=200,
        help_text=_("Verplicht: schermlezers noemen deze titel."),
    )
    header = blocks.ListBlock(
        blocks.CharBlock(label=_("kop"), max_length=120),
        label=_("kolomkoppen"),
        min_num=1,
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(
            blocks.CharBlock(label=_("cel"), max_length=500, required=False),
            label=_("rij"),
        ),
        label=_("rijen"),
        min_num=1,
    )

    class Meta:
        template = "blocks/table_block.html"
        icon = "table"
        label = _("tabel")


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=200)
    url = blocks.URLBlock(label=_("adres van de video"))
    transcript = blocks.TextBlock(
        label=_("uitgeschreven tekst"),
        help_text=_("Verplicht: de tekst van de video voor wie niet kan kijken."),
    )

    class Meta:
        template = "blocks/video_block.html"
        icon = "media"
        label = _("video")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("tekst"), features=["bold", "italic", "ul", "ol", "link"]
    )
    tone = blocks.ChoiceBlock(
        label=_("soort"),
        choices=[("info", _("ter info")), ("tip", _("tip")), ("let_op", _("let op"))],
        default="info",
    )

    class Meta:
        template = "blocks/callout_block.html"
        icon = "help"
        label = _("uitgelicht")


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("tekst"), features=RICH_TEXT_FEATURES, template="blocks/text_block.html"
    )
    quote = QuoteBlock()
    image = AccessibleImageBlock()
    table = TableBlock()
    video = VideoBlock()
    callout = CalloutBlock()


class RelatedLinksBlock(blocks.StreamBlock):
    """Curated links on a praatplaat hotspot to pages of the kennisbank."""

    page = blocks.PageChooserBlock(
        label=_("pagina"),
        page_type=[
            "knowledge.PublicationPage",
            "knowledge.ToolPage",
            "knowledge.WerkzaamElementPage",
        ],
    )
