"""Creating and changing achievements and demands from the hall's forms, audited."""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from zerobay.accounts import audit

from .models import Achievement, Demand
from .services import house


def next_code(model, prefix: str) -> str:
    """The next free number of the year for an item entered without one: XQ2025-0007."""
    head = f"{prefix}{timezone.localdate().year}-"
    taken = model.objects.filter(code__startswith=head).count()
    while model.objects.filter(code=f"{head}{taken + 1:04d}").exists():
        taken += 1
    return f"{head}{taken + 1:04d}"


def _changes(before: dict, obj, fields) -> dict:
    after = model_to_dict(obj, fields=fields)
    return {f: [str(before.get(f)), str(after.get(f))] for f in fields if before.get(f) != after.get(f)}


def save_achievement(form, *, user) -> Achievement:
    """Saves a valid AchievementForm. A new achievement starts as a draft; one entered by an
    enterprise user belongs to the user's enterprise."""
    creating = form.instance.pk is None
    fields = list(form.fields)
    before = {} if creating else model_to_dict(Achievement.objects.get(pk=form.instance.pk), fields=fields)
    with transaction.atomic():
        achievement = form.save(commit=False)
        if creating:
            achievement.created_by = user
            achievement.source = "form"
            achievement.code = achievement.code or next_code(Achievement, "CG")
            if user.is_enterprise_user:
                achievement.enterprise_id = user.enterprise_id
        achievement.save()
        audit.record(
            "matching.achievement.create" if creating else "matching.achievement.update",
            actor=user,
            obj=achievement,
            summary=house(
                "New achievement {code} {title}" if creating else "Achievement {code} changed: {title}",
                code=achievement.code,
                title=achievement.title,
            ),
            changes={} if creating else _changes(before, achievement, fields),
        )
    return achievement


def save_demand(form, *, user) -> Demand:
    """Saves a valid DemandForm. An enterprise user's demand is its enterprise's."""
    creating = form.instance.pk is None
    fields = list(form.fields)
    before = {} if creating else model_to_dict(Demand.objects.get(pk=form.instance.pk), fields=fields)
    with transaction.atomic():
        demand = form.save(commit=False)
        if creating:
            demand.created_by = user
            demand.source = "form"
            demand.code = demand.code or next_code(Demand, "XQ")
            if user.is_enterprise_user:
                demand.enterprise_id = user.enterprise_id
                demand.enterprise_name = user.enterprise.name
        demand.save()
        audit.record(
            "matching.demand.create" if creating else "matching.demand.update",
            actor=user,
            obj=demand,
            summary=house(
                "New demand {code} {title}" if creating else "Demand {code} changed: {title}",
                code=demand.code,
                title=demand.title,
            ),
            changes={} if creating else _changes(before, demand, fields),
        )
    return demand
