"""python manage.py publish_tree_head: sign and publish the event log's head over every event so far
(api.md v1.1; Celery beat does the same daily at TREE_HEAD_AT)."""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Sign and publish the Merkle tree head over every trace event recorded so far; print it as JSON."

    def handle(self, *args, **options):
        from traceability.eventlog import head_answer, publish_tree_head

        head = publish_tree_head()
        self.stdout.write(json.dumps(head_answer(head), ensure_ascii=False, sort_keys=True))
