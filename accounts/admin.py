from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from accounts.permissions import can_grant_staff, can_manage_account
from accounts.services import superusers_remain, user_email_change_request
from core.admin import CoordinatorAdmin


class UserAdminForm(forms.ModelForm):
    """Coordinators give only the member editor role; the last superuser stays one."""

    may_grant_staff = False  # set per request by ``UserAdmin.get_form``

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "role" in self.fields and not self.may_grant_staff:
            self.fields["role"].choices = [(Role.MEMBER_EDITOR.value, Role.MEMBER_EDITOR.label)]

    def clean(self) -> dict:
        cleaned = super().clean()
        user = self.instance
        if user.pk is not None:
            is_superuser = cleaned.get("is_superuser", user.is_superuser)
            if not (is_superuser and cleaned.get("is_active", user.is_active)):
                try:
                    superusers_remain(removing=[user.pk])
                except ValidationError as error:
                    self.add_error(None, error)
        return cleaned


@admin.register(User)
class UserAdmin(CoordinatorAdmin):
    """Coordinators create logins; the person then sets a password via "forgot password".

    Accounts that open the admin (coordinators, superusers) are changed and
    deleted by superusers only (``can_manage_account``); coordinators see
    them read-only. A new e-mail address counts once it is confirmed from
    that address (``user_email_change_request``).
    """

    form = UserAdminForm
    list_display = ["email", "name", "role", "organisation", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    list_select_related = ["organisation"]
    search_fields = ["email", "name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["delete_selected"]

    def get_fields(self, request, obj=None):
        fields = ["email", "name", "role", "organisation", "is_active", "last_login", "date_joined"]
        if request.user.is_superuser:
            fields.insert(5, "is_superuser")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.may_grant_staff = can_grant_staff(request.user)  # a class made for this request
        return form

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and can_manage_account(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and can_manage_account(request.user, obj)

    def save_model(self, request, obj: User, form, change: bool) -> None:
        obj.email = obj.email.lower()
        new_email = None
        if change:
            stored_email = User.objects.values_list("email", flat=True).get(pk=obj.pk)
            if obj.email != stored_email:
                new_email, obj.email = obj.email, stored_email  # stays until confirmed
        else:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)
        if new_email:
            user_email_change_request(user=obj, email=new_email, by=request.user, request=request)
            self.message_user(
                request,
                _(
                    "A confirmation link was sent to %(email)s. The address changes "
                    "once it is confirmed; the current address is told."
                )
                % {"email": new_email},
                messages.WARNING,
            )

    def delete_view(self, request: HttpRequest, object_id, extra_context=None) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        deletable = obj is not None and self.has_delete_permission(request, obj)
        if request.method == "POST" and deletable and self._refused(request, [obj.pk]):
            return redirect("admin:accounts_user_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request: HttpRequest, queryset: QuerySet[User]):
        """Django's bulk deletion, refused when it would remove the last superuser."""
        users = list(queryset)
        # Permission first: Django's action answers 403 for accounts one may not delete.
        allowed = all(self.has_delete_permission(request, user) for user in users)
        if request.POST.get("post") and allowed and self._refused(request, [u.pk for u in users]):
            return None
        return django_delete_selected(self, request, queryset)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        superusers_remain(removing=[obj.pk])  # checked before; again under the lock
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        superusers_remain(removing=list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)

    def _refused(self, request: HttpRequest, pks: list) -> bool:
        """Tell the person and answer True when deleting ``pks`` leaves no superuser."""
        try:
            superusers_remain(removing=pks)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return True
        return False
