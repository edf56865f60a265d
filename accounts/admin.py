from allauth.account.models import EmailAddress
from django.contrib import admin

from accounts.models import User
from core.admin import CoordinatorAdmin


@admin.register(User)
class UserAdmin(CoordinatorAdmin):
    """Coordinators create logins; the person then sets a password via "forgot password"."""

    list_display = ["email", "name", "role", "organisation", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    list_select_related = ["organisation"]
    search_fields = ["email", "name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["last_login", "date_joined"]

    def get_fields(self, request, obj=None):
        fields = ["email", "name", "role", "organisation", "is_active", "last_login", "date_joined"]
        if request.user.is_superuser:
            fields.insert(5, "is_superuser")
        return fields

    def save_model(self, request, obj: User, form, change: bool) -> None:
        obj.email = obj.email.lower()
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)
