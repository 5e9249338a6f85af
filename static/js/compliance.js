// Marks obligations that fall due within 30 days (the number of days left is rendered by the server).
document.querySelectorAll(".countdown[data-due]").forEach(function (cell) {
  var left = parseInt(cell.textContent, 10);
  if (!isNaN(left) && left <= 30) {
    cell.classList.add("status", left <= 7 ? "status-bad" : "status-pending");
  }
});
