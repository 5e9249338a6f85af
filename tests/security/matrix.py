"""The access matrix (issue 9 point 1): one row per endpoint and method, one column per role.

Columns: anon = not logged in; ent = an enterprise user of a non-pilot enterprise (objects in the URL
are another organisation's); pilot = a pilot enterprise's user on its own objects; other = the same
user on another pilot enterprise's objects; offcr/head = bureau officer and head; exprt = a review
panel member; polic, cstms, inspr = traffic police, customs, inspection body; audtr = the auditor.

Cells: an HTTP status; login = a redirect to the login page; up = 200 or 503 (a health report,
whatever the machine's state, never a login); ok = an unsafe call the role may make (not requested:
it would need a valid body, and the apps' own tests cover it); - = no other organisation's object.
"object" names what fills the URL's parameters (tests/security/access.py). Safe methods are
requested for real; unsafe ones only where the cell is a refusal (anonymous, wrong role, other
organisation), with an empty body: the refusal must come before any look at the body.
"""

MATRIX = """
endpoint                           method object                 anon  ent   pilot other offcr head  exprt polic cstms inspr audtr

public-home                        GET    -                      200   200   200   -     200   200   200   200   200   200   200
public-guides                      GET    -                      200   200   200   -     200   200   200   200   200   200   200
public-guide                       GET    guide                  200   200   200   -     200   200   200   200   200   200   200
public-announcements               GET    -                      200   200   200   -     200   200   200   200   200   200   200
public-announcement                GET    announcement           404   404   200   -     200   200   404   404   404   404   404
announcement-new                   GET    -                      login 403   403   -     200   200   403   403   403   403   403
announcement-new                   POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
announcement-edit                  GET    announcement           login 403   403   -     404   404   403   403   403   403   403
announcement-edit                  POST   announcement           login 403   403   -     ok    ok    403   403   403   403   403
announcement-publish               GET    announcement           login 405   405   -     405   405   405   405   405   405   403
announcement-publish               POST   announcement           login 403   403   -     ok    ok    403   403   403   403   403
announcement-retract               GET    announcement           login 405   405   -     405   405   405   405   405   405   403
announcement-retract               POST   announcement           login 403   403   -     ok    ok    403   403   403   403   403
policy-version-list                GET    -                      login 403   403   -     200   200   403   403   403   403   403
policy-version-new                 GET    -                      login 403   403   -     200   403   403   403   403   403   403
policy-version-new                 POST   -                      login 403   403   -     ok    403   403   403   403   403   403
policy-version-detail              GET    policy-version         login 403   403   -     200   200   403   403   403   403   403
policy-version-edit                GET    policy-version         login 403   403   -     403   403   403   403   403   403   403
policy-version-edit                POST   policy-version         login 403   403   -     403   403   403   403   403   403   403
policy-version-action              GET    policy-version-action  login 405   405   -     405   405   405   405   405   405   403
policy-version-action              POST   policy-version-action  login 403   403   -     ok    ok    403   403   403   403   403
home                               GET    -                      login 200   200   -     200   200   200   200   200   200   200
healthz                            GET    -                      up    up    up    -     up    up    up    up    up    up    up
audit-log                          GET    -                      login 403   403   -     200   200   403   403   403   403   200
audit-log                          POST   -                      login 403   403   -     ok    ok    403   403   403   403   ok
inbox                              GET    -                      login 200   200   -     200   200   200   200   200   200   200
inbox-mark-read                    GET    -                      login 405   405   -     405   405   405   405   405   405   405
inbox-mark-read                    POST   -                      login ok    ok    -     ok    ok    ok    ok    ok    ok    ok
inbox-settings                     GET    -                      login 405   405   -     405   405   405   405   405   405   405
inbox-settings                     POST   -                      login ok    ok    -     ok    ok    ok    ok    ok    ok    ok
login                              GET    -                      200   302   302   -     302   302   302   302   302   302   302
two-factor                         GET    -                      login 200   200   -     200   200   200   200   200   200   200
two-factor-setup                   GET    -                      login 200   200   -     200   200   200   200   200   200   200
two-factor-setup                   POST   -                      login ok    ok    -     ok    ok    ok    ok    ok    ok    ok
two-factor-verify                  GET    -                      login login login -     login login login login login login login
logout                             GET    -                      405   405   405   -     405   405   405   405   405   405   405
password_change                    GET    -                      login 200   200   -     200   200   200   200   200   200   200
password_change                    POST   -                      login ok    ok    -     ok    ok    ok    ok    ok    ok    ok
password_change_done               GET    -                      login 200   200   -     200   200   200   200   200   200   200
set_language                       GET    -                      302   302   302   -     302   302   302   302   302   302   302
admin/login/                       GET    -                      login login login -     login login login login login login login

api-token                          POST   -                      ok    ok    ok    -     ok    ok    ok    ok    ok    ok    ok
api-me                             GET    -                      401   200   200   -     200   200   200   200   200   200   200
api-logout                         POST   -                      401   ok    ok    -     ok    ok    ok    ok    ok    ok    ok
api-working-days                   GET    working-days           200   200   200   -     200   200   200   200   200   200   200
api-deadline                       GET    deadline               200   200   200   -     200   200   200   200   200   200   200
api-applications                   GET    -                      401   200   200   -     200   200   200   200   200   200   403
api-applications                   POST   -                      401   ok    ok    -     403   403   403   403   403   403   403
api-application                    GET    application            401   404   200   404   200   200   200   404   404   404   403
api-application                    PATCH  application            401   404   ok    404   403   403   403   404   404   404   403
api-application-eligibility        GET    application            401   404   200   404   200   200   200   404   404   404   403
api-application-submit             POST   application            401   404   ok    404   403   403   403   403   403   403   403
api-application-accept             POST   application            401   403   403   403   ok    ok    403   403   403   403   403
api-application-return             POST   application            401   403   403   403   ok    ok    403   403   403   403   403
api-application-findings           POST   application            401   403   403   403   ok    ok    403   403   403   403   403
api-application-receipt            GET    application            401   404   200   404   200   200   200   404   404   404   403
api-application-timeline           GET    application            401   404   200   404   200   200   200   404   404   404   403
api-application-attachments        GET    application            401   404   200   404   200   200   200   404   404   404   403
api-application-attachments        POST   application            401   404   ok    404   403   403   403   404   404   404   403
api-application-attachment         GET    application-attachment 401   404   200   404   200   200   200   404   404   404   403
api-review-rounds                  GET    -                      401   403   403   -     200   200   200   403   403   403   403
api-review-rounds                  POST   -                      401   403   403   -     ok    ok    403   403   403   403   403
api-review-round                   GET    round                  401   403   403   -     200   200   200   403   403   403   403
api-review-round-applications      POST   round                  401   403   403   -     ok    ok    403   403   403   403   403
api-review-round-members           POST   round                  401   403   403   -     ok    ok    403   403   403   403   403
api-review-close-scoring           POST   round                  401   403   403   -     ok    ok    403   403   403   403   403
api-review-publicity               POST   round                  401   403   403   -     ok    ok    403   403   403   403   403
api-review-publicity-approve       POST   round                  401   403   403   -     403   ok    403   403   403   403   403
api-review-objections              GET    round                  401   403   403   -     200   200   403   403   403   403   403
api-review-designate               POST   round                  401   403   403   -     403   ok    403   403   403   403   403
api-review-objection-answer        POST   objection              401   403   403   -     ok    ok    403   403   403   403   403
api-review-stages                  GET    application            401   403   403   403   200   200   403   403   403   403   403
api-review-stages                  POST   application            401   403   403   403   ok    ok    403   403   403   403   403
api-review-site-visit              POST   application            401   403   403   403   ok    ok    403   403   403   403   403
api-review-conflict                POST   application            401   403   403   403   403   403   ok    403   403   403   403
api-review-my-score                GET    application            401   403   403   403   403   403   200   403   403   403   403
api-review-my-score                PUT    application            401   403   403   403   403   403   ok    403   403   403   403
api-review-scores                  GET    application            401   403   403   403   200   200   200   403   403   403   403
api-public-publicity               GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-public-objection               POST   publicity              ok    ok    ok    -     ok    ok    ok    ok    ok    ok    ok
api-public-pilots                  GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-vehicles                       GET    -                      401   200   200   -     200   200   200   200   200   200   403
api-vehicles                       POST   -                      401   ok    ok    -     403   403   403   403   403   403   403
api-vehicle-imports                POST   -                      401   ok    ok    -     403   403   403   403   403   403   403
api-vehicle-import                 GET    vehicle-import         401   404   200   404   404   404   404   404   404   404   403
api-vehicle                        GET    vehicle                401   404   200   404   200   200   404   200   200   200   403
api-vehicle-eligibility            GET    vehicle                401   404   200   404   200   200   404   200   200   200   403
api-vehicle-events                 GET    vehicle                401   404   200   404   200   200   404   200   200   200   403
api-vehicle-events                 POST   vehicle                401   404   ok    404   ok    ok    404   ok    ok    ok    403  # the auditor records nothing
api-vehicle-verify                 GET    vehicle                401   404   200   404   200   200   404   200   200   200   403
api-vehicle-dossier                GET    vehicle                401   404   200   404   200   200   404   200   200   200   403
api-licences                       GET    -                      401   200   200   -     200   200   200   200   200   200   403
api-licences                       POST   -                      401   ok    ok    -     403   403   403   403   403   403   403
api-licence                        GET    licence                401   404   200   404   200   200   404   404   200   404   403
api-licence-issue                  POST   licence                401   403   403   403   ok    ok    403   403   403   403   403
api-licence-cancel                 POST   licence                401   404   409   404   ok    ok    404   404   403   404   403  # the enterprise cancels its own request only (issued: 409, api.md v1.1 Actions)
api-licence-pdf                    GET    licence                401   404   200   404   200   200   404   404   200   404   403
api-public-licence                 GET    licence-number         200   200   200   -     200   200   200   200   200   200   200
api-public-vehicle                 GET    vehicle                200   200   200   200   200   200   200   200   200   200   200
api-public-event-proof             GET    vehicle-event          200   200   200   200   200   200   200   200   200   200   200
api-public-tree-heads              GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-public-tree-head-latest        GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-public-consistency             GET    tree-heads             200   200   200   -     200   200   200   200   200   200   200
api-public-keys                    GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-compliance-obligations         GET    -                      401   200   200   -     200   200   403   403   403   403   403
api-compliance-obligation          GET    obligation             401   404   200   404   200   200   403   403   403   403   403
api-compliance-violations          GET    -                      401   200   200   -     200   200   403   403   403   403   403
api-compliance-violation           GET    violation              401   404   200   404   200   200   403   403   403   403   403
api-compliance-rectification       GET    rectification          401   404   200   404   200   200   403   403   403   403   403
api-compliance-case                GET    case                   401   404   200   404   200   200   403   403   403   403   403
api-compliance-exit                GET    exit                   401   404   200   404   200   200   403   403   403   403   403
api-public-complaint-create        POST   -                      ok    ok    ok    -     ok    ok    ok    ok    ok    ok    ok
api-public-complaint               GET    complaint-number       200   200   200   -     200   200   200   200   200   200   200
api-complaints                     GET    -                      401   200   200   -     200   200   403   403   403   403   403
api-complaint                      GET    complaint              401   404   200   404   200   200   403   403   403   403   403
api-complaint-triage               POST   complaint              401   403   403   403   ok    ok    403   403   403   403   403
api-complaint-assign               POST   complaint              401   403   403   403   ok    ok    403   403   403   403   403
api-complaint-answer               POST   complaint              401   404   ok    404   403   403   403   403   403   403   403
api-complaint-close                POST   complaint              401   403   403   403   ok    ok    403   403   403   403   403
api-complaint-revocation           POST   complaint              401   403   403   403   ok    ok    403   403   403   403   403
api-clocks                         GET    -                      401   200   200   -     200   200   200   200   200   200   403
api-clock                          GET    clock                  401   404   200   404   200   200   404   404   404   404   403

schema                             GET    -                      200   200   200   -     200   200   200   200   200   200   200

api-docs                           GET    -                      200   200   200   -     200   200   200   200   200   200   200
api-redoc                          GET    -                      200   200   200   -     200   200   200   200   200   200   200

applications:list                  GET    -                      login 200   200   -     200   200   200   200   200   200   403
applications:start                 GET    -                      login 405   405   -     405   405   405   405   405   405   403
applications:start                 POST   -                      login ok    ok    -     403   403   403   403   403   403   403
applications:detail                GET    application            login 404   200   404   200   200   200   404   404   404   403
applications:step                  GET    application-step       login 404   302   404   403   403   403   404   404   404   403
applications:step                  POST   application-step       login 404   ok    404   403   403   403   404   404   404   403
applications:check                 GET    application            login 404   302   404   403   403   403   404   404   404   403
applications:submit                GET    application            login 405   405   405   405   405   405   405   405   405   403
applications:submit                POST   application            login 404   ok    404   403   403   403   404   404   404   403
applications:receipt               GET    application            login 404   200   404   200   200   200   404   404   404   403
applications:accept                GET    application            login 405   405   405   405   405   405   405   405   405   403
applications:accept                POST   application            login 403   403   403   ok    ok    403   403   403   403   403
applications:return                GET    application            login 403   403   403   200   200   403   403   403   403   403
applications:return                POST   application            login 403   403   403   ok    ok    403   403   403   403   403
applications:finding               GET    application            login 405   405   405   405   405   405   405   405   405   403
applications:finding               POST   application            login 403   403   403   ok    ok    403   403   403   403   403
applications:attachment            GET    application-attachment login 404   200   404   200   200   200   404   404   404   403
applications:attachment-remove     GET    application-attachment login 405   405   405   405   405   405   405   405   405   403
applications:attachment-remove     POST   application-attachment login 404   ok    404   403   403   403   404   404   404   403

review:round-list                  GET    -                      login 403   403   -     200   200   200   403   403   403   403
review:round-create                GET    -                      login 403   403   -     200   200   403   403   403   403   403
review:round-create                POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
review:round-detail                GET    round                  login 404   404   -     200   200   200   404   404   404   403
review:round-add-application       GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-add-application       POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:round-add-member            GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-add-member            POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:round-close-scoring         GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-close-scoring         POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:round-propose               GET    round                  login 404   404   -     200   200   403   404   404   404   403
review:round-propose               POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:round-approve               GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-approve               POST   round                  login 404   404   -     403   ok    403   404   404   404   403
review:round-designate             GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-designate             POST   round                  login 404   404   -     403   ok    403   404   404   404   403
review:round-file                  GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:round-file                  POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:ranking                     GET    round                  login 403   403   -     200   200   403   403   403   403   403
review:report-pdf                  GET    round                  login 403   403   -     200   200   403   403   403   403   403
review:report-xlsx                 GET    round                  login 403   403   -     200   200   403   403   403   403   403
review:filing-pdf                  GET    round                  login 403   403   -     403   403   403   403   403   403   403
review:filing-xlsx                 GET    round                  login 403   403   -     403   403   403   403   403   403   403
review:objection-answer            GET    objection              login 405   405   -     405   405   405   405   405   405   403
review:objection-answer            POST   objection              login 403   403   -     ok    ok    403   403   403   403   403
review:entry-detail                GET    entry                  login 404   404   404   200   200   200   404   404   404   403
review:entry-stage                 GET    entry                  login 405   405   405   405   405   405   405   405   405   403
review:entry-stage                 POST   entry                  login 404   404   404   ok    ok    403   404   404   404   403
review:entry-site-visit            GET    entry                  login 405   405   405   405   405   405   405   405   405   403
review:entry-site-visit            POST   entry                  login 404   404   404   ok    ok    ok    404   404   404   403
review:letter                      GET    entry                  login 404   404   404   404   404   404   404   404   404   403
review:panel-day-create            GET    round                  login 405   405   -     405   405   405   405   405   405   403
review:panel-day-create            POST   round                  login 404   404   -     ok    ok    403   404   404   404   403
review:panel-day                   GET    panel-day              login 404   404   -     200   200   200   404   404   404   403
review:panel-agenda-add            GET    panel-day              login 405   405   -     405   405   405   405   405   405   403
review:panel-agenda-add            POST   panel-day              login 404   404   -     ok    ok    403   404   404   404   403
review:panel-day-start             GET    panel-day              login 405   405   -     405   405   405   405   405   405   403
review:panel-day-start             POST   panel-day              login 404   404   -     ok    ok    403   404   404   404   403
review:panel-day-close             GET    panel-day              login 405   405   -     405   405   405   405   405   405   403
review:panel-day-close             POST   panel-day              login 404   404   -     ok    ok    403   404   404   404   403
review:panel-day-sign              GET    panel-day              login 405   405   -     405   405   405   405   405   405   403
review:panel-day-sign              POST   panel-day              login 404   404   -     ok    ok    403   404   404   404   403
review:panel-minutes               GET    panel-day              login 404   404   -     200   200   200   404   404   404   403
review:panel-item                  GET    panel-item             login 404   404   -     200   200   200   404   404   404   403
review:panel-item                  POST   panel-item             login 404   404   -     403   403   ok    404   404   404   403  # declaring and scoring are the members'
review:panel-agenda-remove         GET    panel-item             login 405   405   -     405   405   405   405   405   405   403
review:panel-agenda-remove         POST   panel-item             login 404   404   -     ok    ok    403   404   404   404   403
review:panel-item-open             GET    panel-item             login 405   405   -     405   405   405   405   405   405   403
review:panel-item-open             POST   panel-item             login 404   404   -     ok    ok    403   404   404   404   403
review:panel-item-close            GET    panel-item             login 405   405   -     405   405   405   405   405   405   403
review:panel-item-close            POST   panel-item             login 404   404   -     ok    ok    403   404   404   404   403
review:panel-item-site-visit       GET    panel-item             login 405   405   -     405   405   405   405   405   405   403
review:panel-item-site-visit       POST   panel-item             login 404   404   -     ok    ok    ok    404   404   404   403  # the panel decides (第五条第3项)
review:public-publicity            GET    -                      200   200   200   -     200   200   200   200   200   200   200
review:public-objection            GET    publicity              200   200   200   -     200   200   200   200   200   200   200
review:public-objection            POST   publicity              ok    ok    ok    -     ok    ok    ok    ok    ok    ok    ok
review:public-objection-status     GET    -                      200   200   200   -     200   200   200   200   200   200   200
review:pilots                      GET    -                      200   200   200   -     200   200   200   200   200   200   200

traceability:vehicle-list          GET    -                      login 200   200   -     200   200   200   200   200   200   403
traceability:vehicle-create        GET    -                      login 200   200   -     403   403   403   403   403   403   403
traceability:vehicle-create        POST   -                      login ok    ok    -     403   403   403   403   403   403   403
traceability:vehicle-export        GET    -                      login 200   200   -     200   200   200   200   200   200   403
traceability:import                GET    -                      login 200   200   -     403   403   403   403   403   403   403
traceability:import                POST   -                      login ok    ok    -     403   403   403   403   403   403   403
traceability:import-template       GET    -                      login 200   200   -     200   200   200   200   200   200   403
traceability:import-progress       GET    vehicle-import         login 404   200   404   404   404   404   404   404   404   403
traceability:import-status         GET    vehicle-import         login 404   200   404   404   404   404   404   404   404   403
traceability:licence-list          GET    -                      login 200   200   -     200   200   200   200   200   200   403
traceability:licence-create        GET    -                      login 200   200   -     403   403   403   403   403   403   403
traceability:licence-create        POST   -                      login ok    ok    -     403   403   403   403   403   403   403
traceability:licence-detail        GET    licence                login 404   200   404   200   200   404   404   200   404   403
traceability:licence-issue         GET    licence                login 405   405   405   405   405   405   405   405   405   403
traceability:licence-issue         POST   licence                login 404   403   404   ok    ok    404   404   403   404   403
traceability:licence-cancel        GET    licence                login 405   405   405   405   405   405   405   405   405   403
traceability:licence-cancel        POST   licence                login 404   302   404   ok    ok    404   404   403   404   403  # the enterprise: refused with the rule (its licence is issued)
traceability:licence-pdf           GET    licence                login 404   200   404   200   200   404   404   200   404   403
traceability:vehicle-detail        GET    vehicle                login 404   200   404   200   200   404   200   200   200   403
traceability:event-create          GET    vehicle                login 404   200   404   200   200   404   200   200   200   403
traceability:event-create          POST   vehicle                login 404   ok    404   ok    ok    404   ok    ok    ok    403
traceability:vehicle-verify        GET    vehicle                login 404   200   404   200   200   404   200   200   200   403
traceability:vehicle-dossier       GET    vehicle                login 404   200   404   200   200   404   200   200   200   403
traceability:attachment            GET    vehicle-attachment     login 404   200   404   200   200   404   200   200   200   403

compliance:dashboard               GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:forecast                GET    -                      login 405   405   -     405   405   405   405   405   405   403
compliance:forecast                POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
compliance:obligation-list         GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:violation-list          GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:network-list            GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:network-new             GET    -                      login 200   200   -     403   403   403   403   403   403   403
compliance:network-new             POST   -                      login ok    ok    -     403   403   403   403   403   403   403
compliance:network-detail          GET    network                login 404   200   404   200   200   404   404   404   404   403
compliance:network-detail          POST   network                login 404   403   404   ok    ok    404   404   404   404   403
compliance:evidence                GET    network-evidence       login 404   200   404   200   200   404   404   404   404   403
compliance:rectification-list      GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:rectification-new       GET    -                      login 403   403   -     200   200   403   403   403   403   403
compliance:rectification-new       POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
compliance:rectification-detail    GET    rectification          login 404   200   404   200   200   404   404   404   404   403
compliance:rectification-detail    POST   rectification          login 404   ok    404   ok    ok    404   404   404   404   403
compliance:case-list               GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:case-new                GET    -                      login 403   403   -     200   200   403   403   403   403   403
compliance:case-new                POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
compliance:case-detail             GET    case                   login 404   200   404   200   200   404   404   404   404   403
compliance:case-detail             POST   case                   login 404   ok    404   ok    ok    404   404   404   404   403
compliance:case-letter             GET    case                   login 404   403   404   403   403   404   404   404   404   403
compliance:exit-list               GET    -                      login 200   200   -     200   200   403   403   403   403   403
compliance:exit-new                GET    -                      login 200   200   -     403   403   403   403   403   403   403
compliance:exit-new                POST   -                      login ok    ok    -     403   403   403   403   403   403   403
compliance:exit-detail             GET    exit                   login 404   200   404   200   200   404   404   404   404   403
compliance:exit-detail             POST   exit                   login 405   405   405   405   405   405   405   405   405   403  # decided in casework only (issue 18)
compliance:mofcom-report           GET    -                      login 403   403   -     200   200   403   403   403   403   403
compliance:public-revocations      GET    -                      200   200   200   -     200   200   200   200   200   200   200
compliance:incident-list           GET    -                      login 200   200   -     200   200   403   403   200   403   403
compliance:incident-new            GET    -                      login 403   403   -     200   200   403   403   403   403   403
compliance:incident-new            POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
compliance:incident-statistics     GET    -                      login 403   403   -     200   200   403   403   403   403   403
compliance:incident-statistics-export GET -                      login 403   403   -     200   200   403   403   403   403   403
compliance:incident-detail         GET    incident               login 404   200   404   200   200   403   403   200   403   403
compliance:incident-detail         POST   incident               login 404   ok    404   ok    ok    403   403   ok    403   403
compliance:incident-closing-report GET    incident               login 404   200   404   200   200   403   403   200   403   403
compliance:incident-evidence       GET    incident-evidence      login 404   200   404   200   200   403   403   200   403   403

supervision:complaint-new          GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:complaint-status       GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:policy-plan            GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:policy-measures        GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:policy-versions        GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:pilot-enterprises      GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:complaint-list         GET    -                      login 200   200   -     200   200   403   403   403   403   403
supervision:complaint-detail       GET    complaint              login 404   200   404   200   200   403   403   403   403   403
supervision:complaint-action       GET    complaint-action       login 405   405   405   405   405   405   405   405   405   403
supervision:complaint-action       POST   complaint-action       login 404   ok    404   403   403   403   403   403   403   403
supervision:complaint-attachment   GET    complaint-attachment   login 404   200   404   200   200   403   403   403   403   403
supervision:complaint-open-incident GET   complaint              login 405   405   405   405   405   405   405   405   405   403
supervision:complaint-open-incident POST  complaint              login 403   403   403   ok    ok    403   403   403   403   403
supervision:statistics             GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:statistics-export      GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:quarterly-report       GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:ratings                GET    -                      login 200   200   -     200   200   403   403   403   403   403
supervision:rate                   GET    rate                   login 404   200   404   404   404   404   404   404   404   403
supervision:rate                   POST   rate                   login 404   ok    404   404   404   404   404   404   404   403
supervision:public-rate-complaint  GET    rating-token           200   200   200   200   200   200   200   200   200   200   200
supervision:public-rate-complaint  POST   rating-token           ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
supervision:follow-up-list         GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:follow-up-detail       GET    follow-up              login 403   403   403   200   200   403   403   403   403   403
supervision:follow-up-resolve      GET    follow-up              login 405   405   405   405   405   405   405   405   405   403
supervision:follow-up-resolve      POST   follow-up              login 403   403   403   ok    ok    403   403   403   403   403
supervision:public-rating-figures  GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:rating-figures-export  GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:inspection-plan-list   GET    -                      login 403   403   -     200   200   403   200   200   403   403
supervision:inspection-plan-list   POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
supervision:inspector-list         GET    -                      login 403   403   -     200   200   403   403   403   403   403
supervision:inspector-list         POST   -                      login 403   403   -     ok    ok    403   403   403   403   403
supervision:inspection-plan        GET    inspection-plan        login 403   403   -     200   200   403   200   200   403   403
supervision:inspection-plan        POST   inspection-plan        login 403   403   -     ok    ok    403   403   403   403   403  # publishing the seed and the draw are the bureau's
supervision:inspection-visit       GET    inspection-visit       login 403   403   -     200   200   403   200   200   403   403
supervision:inspection-visit       POST   inspection-visit       login 403   403   -     ok    ok    403   ok    ok    403   403  # the drawn inspectors record
supervision:public-inspections     GET    -                      200   200   200   -     200   200   200   200   200   200   200
supervision:public-inspection-results GET -                     200   200   200   -     200   200   200   200   200   200   200
supervision:public-inspection-plan GET    inspection-plan        200   200   200   -     200   200   200   200   200   200   200
supervision:public-inspection-plan-json GET inspection-plan  200   200   200   -     200   200   200   200   200   200   200
supervision:public-inspection-plan-pdf GET inspection-plan   200   200   200   -     200   200   200   200   200   200   200
supervision:meeting-list           GET    -                      login 403   403   -     200   200   403   200   200   403   403
supervision:meeting-list           POST   -                      login 403   403   -     ok    ok    403   403   403   403   403  # the bureau convenes
supervision:meeting-detail         GET    meeting                login 403   403   -     200   200   403   200   200   403   403
supervision:meeting-detail         POST   meeting                login 403   403   -     ok    ok    403   403   403   403   403
supervision:meeting-minutes        GET    meeting                login 403   403   -     200   200   403   200   200   403   403
supervision:meeting-task-list      GET    -                      login 403   403   -     200   200   403   200   200   403   403
supervision:meeting-task           GET    meeting-task           login 403   403   -     200   200   403   200   404   403   403  # the police's task
supervision:meeting-task           POST   meeting-task           login 403   403   -     ok    ok    403   ok    404   403   403

casework:queue                     GET    -                      login 200   200   -     200   200   200   200   200   200   403
casework:queue-export              GET    -                      login 200   200   -     200   200   200   200   200   200   403
casework:assign                    GET    -                      login 405   405   -     405   405   405   405   405   405   403
casework:assign                    POST   -                      login ok    ok    -     ok    ok    403   ok    ok    ok    403  # who has no work queue assigns nothing
casework:save-search               GET    -                      login 405   405   -     405   405   405   405   405   405   403
casework:save-search               POST   -                      login ok    ok    -     ok    ok    ok    ok    ok    ok    403
casework:case-detail               GET    casework-case          login 404   200   404   200   200   404   404   404   404   403
casework:add-note                  GET    casework-case          login 405   405   405   405   405   405   405   405   405   403
casework:add-note                  POST   casework-case          login 404   ok    404   ok    ok    404   404   404   404   403
casework:request-information       GET    casework-case          login 405   405   405   405   405   405   405   405   405   403
casework:request-information       POST   casework-case          login 404   ok    404   ok    ok    404   404   404   404   403
casework:answer-information        GET    information            login 405   405   405   405   405   405   405   405   405   403
casework:answer-information        POST   information            login 404   ok    404   404   404   404   404   404   404   403
casework:note-attachment           GET    note-attachment        login 404   200   404   200   200   404   404   404   404   403
casework:clock-detail              GET    clock                  login 404   200   404   200   200   404   404   404   404   403
casework:discrepancy-list          GET    -                      login 403   403   -     200   200   403   200   200   200   403
casework:resolve-discrepancy       GET    discrepancy            login 405   405   405   405   405   405   405   405   405   403
casework:resolve-discrepancy       POST   discrepancy            login 404   404   404   ok    ok    404   404   404   404   403
casework:prepare-decision          GET    casework-case          login 405   405   405   405   405   405   405   405   405   403
casework:prepare-decision          POST   casework-case          login 404   403   404   ok    403   404   404   404   404   403  # only an officer prepares (maker–checker)
casework:decision-list             GET    -                      login 200   200   -     200   200   403   403   403   403   403
casework:decision-detail           GET    decision               login 404   200   404   200   200   404   404   404   404   403
casework:authorise-decision        GET    prepared-decision      login 405   405   405   405   405   405   405   405   405   403
casework:authorise-decision        POST   prepared-decision      login 404   404   404   403   ok    404   404   404   404   403  # an enterprise sees a decision once authorised
casework:return-decision           GET    prepared-decision      login 405   405   405   405   405   405   405   405   405   403
casework:return-decision           POST   prepared-decision      login 404   404   404   403   ok    404   404   404   404   403
casework:letter-pdf                GET    decision               login 404   200   404   200   200   404   404   404   404   403
casework:regenerate-letter         GET    decision               login 405   405   405   405   405   405   405   405   405   403
casework:regenerate-letter         POST   decision               login 403   403   403   ok    ok    403   403   403   403   403
casework:licence-change            GET    licence                login 405   405   405   405   405   405   405   405   405   403
casework:licence-change            POST   licence                login 404   ok    404   403   ok    404   404   403   404   403  # the head changes, the enterprise surrenders

verify-search                      GET    -                      200   200   200   -     200   200   200   200   200   200   200
verify-licence                     GET    licence-number         200   200   200   -     200   200   200   200   200   200   200
verify-tree-heads                  GET    -                      200   200   200   -     200   200   200   200   200   200   200
verify-vehicle                     GET    vehicle                200   200   200   200   200   200   200   200   200   200   200
"""
