from django.urls import path

from . import api

urlpatterns = [
    path("review/rounds/", api.RoundListView.as_view(), name="api-review-rounds"),
    path("review/rounds/<int:pk>/", api.RoundDetailView.as_view(), name="api-review-round"),
    path("review/rounds/<int:pk>/applications/", api.RoundApplicationsView.as_view(),
         name="api-review-round-applications"),
    path("review/rounds/<int:pk>/members/", api.RoundMembersView.as_view(), name="api-review-round-members"),
    path("review/rounds/<int:pk>/close-scoring/", api.CloseScoringView.as_view(), name="api-review-close-scoring"),
    path("review/rounds/<int:pk>/publicity/", api.ProposePublicityView.as_view(), name="api-review-publicity"),
    path("review/rounds/<int:pk>/publicity/approve/", api.ApprovePublicityView.as_view(),
         name="api-review-publicity-approve"),
    path("review/rounds/<int:pk>/objections/", api.ObjectionListView.as_view(), name="api-review-objections"),
    path("review/rounds/<int:pk>/designate/", api.DesignateView.as_view(), name="api-review-designate"),
    path("review/objections/<int:pk>/answer/", api.AnswerObjectionView.as_view(), name="api-review-objection-answer"),
    path("applications/<int:pk>/stages/", api.StagesView.as_view(), name="api-review-stages"),
    path("applications/<int:pk>/site-visit-decision/", api.SiteVisitDecisionView.as_view(),
         name="api-review-site-visit"),
    path("applications/<int:pk>/conflict-declaration/", api.ConflictDeclarationView.as_view(),
         name="api-review-conflict"),
    path("applications/<int:pk>/my-score/", api.MyScoreView.as_view(), name="api-review-my-score"),
    path("applications/<int:pk>/scores/", api.ScoresView.as_view(), name="api-review-scores"),
    path("public/publicity/", api.PublicPublicityListView.as_view(), name="api-public-publicity"),
    path("public/publicity/<int:pk>/objections/", api.PublicObjectionView.as_view(), name="api-public-objection"),
    path("public/pilot-enterprises/", api.PublicPilotListView.as_view(), name="api-public-pilots"),
]
