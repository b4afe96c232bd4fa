from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_migrate, post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache, sitemaps, uploads
        from .signals import (
            session_note_login,
            site_address_after_migrate,
            user_session_forget_on_logout,
        )

        post_migrate.connect(
            site_address_after_migrate,
            sender=self,
            dispatch_uid="portal-site-address",
        )
        # The records of members' sessions (allauth.usersessions): see
        # portal.middleware.UserSessionActivityMiddleware.
        user_logged_in.connect(session_note_login, dispatch_uid="portal-session-login")
        user_logged_out.connect(
            user_session_forget_on_logout, dispatch_uid="portal-user-session-logout"
        )
        # A damaged image shows as a missing one instead of breaking the page.
        uploads.rendition_guard_install()
        # Wagtail's pages; the apps add their own addresses in their ready().
        sitemaps.register(name="pages", sitemap=sitemaps.PageSitemap)
        sitemaps.register(name="portal", sitemap=sitemaps.PortalSitemap)
        # The page cache forgets every page as soon as content changes.
        post_save.connect(page_cache.invalidate_on_save, dispatch_uid="page-cache-save")
        post_delete.connect(
            page_cache.invalidate_on_save, dispatch_uid="page-cache-delete"
        )
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
        ):
            signal.connect(
                page_cache.invalidate_on_publish, dispatch_uid=f"page-cache-{name}"
            )
