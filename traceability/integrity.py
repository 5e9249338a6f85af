"""The nightly integrity check of one car one file (一车一档): every vehicle's hash chain recomputed
(domain-rules.md "hash"); the bureau is told of each file that no longer verifies."""

from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.services import notify_bureau

from .chain import FilesReport, verify_files, verify_files_in_parallel
from .eventlog import check_against_heads
from .models import Vehicle


def check_every_file(*, processes: int = 1) -> FilesReport:
    """chain.verify_files over every vehicle (`processes` > 1: forked checkers, not inside a Celery worker),
    then the event log against every published head (issue 21: a rewritten file whose hashes were all
    recomputed, or a deleted last event, passes the chain check and fails this one). Each broken file and
    each head the log no longer matches is reported to the bureau once (a rerun tells nobody twice)."""
    bounds = Vehicle.objects.aggregate(first=Min("id"), last=Max("id"))
    if bounds["first"] is None:
        report = FilesReport()
    elif processes > 1:
        ids = list(Vehicle.objects.order_by("id").values_list("id", flat=True))
        report = verify_files_in_parallel(ids, processes)
    else:
        report = verify_files(bounds["first"], bounds["last"])
    report.log = check_against_heads()
    _tell_about_the_log(report.log)
    for vehicle_id, vin in Vehicle.objects.filter(pk__in=report.broken).values_list("id", "vin"):
        notify_bureau(
            code="traceability.chain_broken", event_key=f"chain-broken:{vehicle_id}",
            title=_("一车一档校验未通过：%(vin)s") % {"vin": vin},
            body=_("夜间校验重新计算了该车档案的哈希链，与存储的记录不一致：档案中的记录可能在系统之外被改动。"
                   "请打开车辆档案查看校验结果，并按应急预案处置。"),
            link=reverse("traceability:vehicle-verify", args=[vin]),
        )
    return report


def _tell_about_the_log(log) -> None:
    for tree_size in sorted(set(log.mismatched) | set(log.bad_signatures)):
        notify_bureau(
            code="traceability.log_mismatch", event_key=f"log-mismatch:{tree_size}",
            title=_("事件日志与已公布的树头不一致：树大小 %(size)s") % {"size": tree_size},
            body=_("夜间校验按存储的记录重新计算了默克尔树，与已签名公布的树头不一致（或树头签名无效）："
                   "记录可能在系统之外被改写或删除，即使各车档案的哈希链已被重新计算。请按应急预案处置。"),
            link=reverse("verify-tree-heads"),
        )
