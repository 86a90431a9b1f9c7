"""The workplan pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.task_list, name="workplan-home"),
    path("tasks/<int:pk>/", views.task_page, name="workplan-task"),
    path("tasks/<int:pk>/update/", views.update_form, name="workplan-update"),
    path("tasks/<int:pk>/milestones/", views.milestone_add, name="workplan-milestone-add"),
    path("tasks/<int:pk>/links/", views.link_add, name="workplan-link-add"),
    path("meeting/remind/", views.remind_units, name="workplan-remind"),
    path("milestones/<int:pk>/", views.milestone_mark, name="workplan-milestone-mark"),
    path("meeting/", views.meeting, name="workplan-meeting"),
    path("meeting/decisions/", views.decision_add, name="workplan-decision-add"),
    path("decisions/<int:pk>/close/", views.decision_close, name="workplan-decision-close"),
    path("board/", views.board, name="workplan-board"),
    path("import/", views.import_page, name="workplan-import"),
    path("assessment/", views.assessment_page, name="workplan-assessment"),
    path("assessment/leadership/", views.leadership_score, name="workplan-leadership"),
]
