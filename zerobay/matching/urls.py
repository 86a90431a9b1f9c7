from django.urls import path

from . import views

urlpatterns = [
    # Public (no login): published achievements, open demands, published challenge lists.
    path("", views.home, name="hall-home"),
    path("achievements/<str:code>/", views.achievement_detail, name="hall-achievement"),
    path("demands/", views.demand_list, name="hall-demands"),
    path("demands/<str:code>/", views.demand_detail, name="hall-demand"),
    path("challenges/", views.challenge_list, name="hall-challenges"),
    path("challenges/<int:pk>/", views.challenge_detail, name="hall-challenge"),
    # Logged in.
    path("manage/achievements/", views.manage_achievements, name="hall-manage-achievements"),
    path("manage/demands/", views.manage_demands, name="hall-manage-demands"),
    path("new/achievement/", views.achievement_edit, name="hall-achievement-new"),
    path("achievements/<str:code>/edit/", views.achievement_edit, name="hall-achievement-edit"),
    path("achievements/<str:code>/move/", views.achievement_move, name="hall-achievement-move"),
    path("new/demand/", views.demand_edit, name="hall-demand-new"),
    path("demands/<str:code>/edit/", views.demand_edit, name="hall-demand-edit"),
    path("demands/<str:code>/move/", views.demand_move, name="hall-demand-move"),
    path("demands/<str:code>/suggest/", views.demand_suggest, name="hall-demand-suggest"),
    path("demands/<str:code>/respond/", views.challenge_respond, name="hall-demand-respond"),
    path("interest/<str:kind>/<str:code>/", views.express_interest, name="hall-interest"),
    path("challenges/<int:pk>/publish/", views.challenge_publish, name="hall-challenge-publish"),
    path("responses/<int:pk>/select/", views.challenge_select, name="hall-response-select"),
    path("board/", views.board, name="hall-board"),
    path("matches/<int:pk>/", views.match_detail, name="hall-match"),
    path("matches/<int:pk>/dismiss/", views.match_dismiss, name="hall-match-dismiss"),
    path("matches/<int:pk>/follow-up/", views.match_follow_up, name="hall-match-follow-up"),
    path("funnel/", views.dashboard, name="hall-funnel"),
    path("funnel/<str:key>/", views.dashboard_drill, name="hall-funnel-drill"),
    path("events/", views.event_list, name="hall-events"),
]
