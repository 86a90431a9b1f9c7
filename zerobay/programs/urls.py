from django.urls import path

from .views import applications, batches, calls, money, review

urlpatterns = [
    path("", calls.home, name="programs-home"),
    path("calls/<str:code>/", calls.call_detail, name="programs-call"),
    path("calls/<str:code>/ranking/", review.ranking, name="programs-ranking"),
    path("calls/<str:call_code>/apply/<str:clause_code>/", calls.apply, name="programs-apply"),
    path("clauses/<str:code>/", calls.clause_detail, name="programs-clause"),
    path("clauses/<str:code>/eligible/", money.finder, name="programs-finder"),
    path("clauses/<str:code>/notify/", money.notify, name="programs-notify"),
    path("applications/", applications.application_list, name="programs-applications"),
    path("applications/<str:code>/", applications.application_detail, name="programs-application"),
    path("applications/<str:code>/edit/", calls.edit, name="programs-edit"),
    path("applications/<str:code>/act/", applications.act, name="programs-act"),
    path("applications/<str:code>/upload/", applications.upload, name="programs-upload"),
    path(
        "applications/<str:code>/attachments/<int:pk>/",
        applications.download,
        name="programs-attachment",
    ),
    path(
        "applications/<str:code>/attachments/<int:pk>/remove/",
        applications.remove_attachment,
        name="programs-attachment-remove",
    ),
    path("applications/<str:code>/assign/", applications.assign, name="programs-assign"),
    path("applications/<str:code>/pay/", applications.pay, name="programs-pay"),
    path("applications/<str:code>/evaluate/", applications.evaluate, name="programs-evaluate"),
    path("reviews/", review.assignments, name="programs-assignments"),
    path("reviews/<int:pk>/", review.score_sheet, name="programs-score"),
    path("conflicts/", review.conflicts, name="programs-conflicts"),
    path("batches/", batches.batch_list, name="programs-batches"),
    path("batches/<str:code>/", batches.batch_detail, name="programs-batch"),
    path("batches/<str:code>/propose/", batches.propose, name="programs-propose"),
    path("batches/<str:code>/notice/", batches.open_notice, name="programs-notice"),
    path("batches/<str:code>/objections/", batches.objection, name="programs-objection"),
    path("batches/<str:code>/objections/<int:pk>/", batches.resolve, name="programs-resolve"),
    path("batches/<str:code>/finalise/", batches.finalise, name="programs-finalise"),
    path(
        "batches/<str:code>/notice.docx", batches.notice_export, {"fmt": "docx"}, name="programs-notice-docx"
    ),
    path(
        "batches/<str:code>/notice.xlsx", batches.notice_export, {"fmt": "xlsx"}, name="programs-notice-xlsx"
    ),
    path("finance/", money.finance, name="programs-finance"),
    path("dashboard/", money.dashboard, name="programs-dashboard"),
]
