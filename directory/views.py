from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from directory.selectors import member_list


def home(request: HttpRequest) -> HttpResponse:
    """Public start page: what the network is and who its members are."""
    language = get_language()
    members = [
        (organisation, organisation.localized(language))
        for organisation in member_list(language=language)
    ]
    return render(request, "directory/home.html", {"members": members})
