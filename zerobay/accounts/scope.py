"""A user's org-unit scope: the one definition, used by every page, endpoint and import.

A district admin (or a viewer without an org unit) sees the whole district; an operator or a scoped
viewer sees only the subtree of its org unit (an org unit's path is the chain of codes, e.g.
"MH/ZJMH/DLHW/", so a subtree is a prefix); an operator without an org unit sees nothing. Enterprise users and experts see no org unit's data:
an app grants them their own objects explicitly (an enterprise's applications, an expert's
assignments).
"""

from .models import OUTSIDE_ROLES, Role

# Roles that see the whole district's data without an org unit. Finance, tech-transfer and technology
# managers do not: their work needs no enterprise's figures, and their apps grant them what it needs
# (programmes the funded applications to finance, the hall its items to the hall's roles).
DISTRICT_ROLES = (Role.VIEWER,)
NOTHING = "/"  # a path prefix no org unit has (paths start with a code)


def scope_path(user) -> str | None:
    """The org-unit path prefix the user is limited to; None for the whole district."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser or user.role == Role.DISTRICT_ADMIN:
        return None
    if user.role in OUTSIDE_ROLES:  # their own objects only, granted by the app concerned
        return NOTHING
    if user.org_unit_id:
        return user.org_unit.path
    # District-level roles without an org unit see the whole district; an operator sees nothing.
    return None if user.role in DISTRICT_ROLES else NOTHING


def within_scope(queryset, user, path_field: str):
    """`queryset` limited to what `user` may see, `path_field` being the org-unit path of each row
    (e.g. "org_path", "org_unit__path", "scope_path")."""
    prefix = scope_path(user)
    if prefix is None:
        return queryset
    if prefix == NOTHING:
        return queryset.none()
    return queryset.filter(**{f"{path_field}__startswith": prefix})
