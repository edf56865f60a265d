from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from core.validators import validate_single_line


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("role", Role.COORDINATOR)
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a coordinator or the editor of one member organisation.

    The Django admin is open to coordinators and superusers; ``is_staff`` is
    derived from the role, so it can never disagree with it.
    """

    email = models.EmailField(_("e-mail"), unique=True, validators=[validate_single_line])
    name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[validate_single_line]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editors",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        validators=[validate_single_line],
        help_text=_(
            "The language in which the person last used the site; e-mails to them are "
            "written in it. Empty: the site's default language."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.MEMBER_EDITOR) | Q(organisation__isnull=False),
                name="user_member_editor_has_organisation",
                violation_error_message=_("A member editor must belong to an organisation."),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.COORDINATOR)

    @property
    def mail_language(self) -> str:
        """The language of e-mails to this person: theirs, if the site still offers it."""
        if self.language in {code for code, _name in settings.LANGUAGES}:
            return self.language
        return settings.LANGUAGE_CODE

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == Role.COORDINATOR
