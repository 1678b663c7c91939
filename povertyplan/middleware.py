from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Vietnamese unless the user picked another language in the menu (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run
    an English Windows: officials would get an English interface they never asked for.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SessionGenerationMiddleware:
    """Ends a session that logged in before its account was last locked (see Officer.session_generation).

    Django refuses a locked (inactive) account's sessions but would accept them again once the
    account is unlocked; this makes the lock end them for good. The officer row is the one the
    views fetch anyway (access.officer_of caches it on the user), so this costs no extra query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from povertyplan import access, services

        if request.user.is_authenticated:
            officer = access.officer_of(request.user)
            if officer is not None and not services.session_is_current(request.session, officer):
                request.session.flush()
                request.user = AnonymousUser()
        return self.get_response(request)
