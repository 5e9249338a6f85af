"""Emergency response for exported vehicles (实施方案三(四)): incidents, the vehicles they touch, the order
to act abroad (办法第十二条), the enterprise's report per vehicle, the export hold and the closing report.

Modules: models, rules (pure), query (the affected-vehicle query), services (state changes), deadlines
(the scheduled reminders and next step), selectors, statistics, documents (the closing report), forms,
views, demo. The workflow is declared in compliance/workflow.py (INCIDENT).
"""
