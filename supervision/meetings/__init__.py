"""联席会议 (实施方案四(一)): meetings of the commerce bureau, police and customs, their agenda, decisions
(each a task in the owning agency's queue) and the signed minutes (纪要)."""
