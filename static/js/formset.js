// "Thêm dòng": clone the empty form of a Django formset and bump its TOTAL_FORMS counter.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("add-row");
  if (!button) return;
  button.addEventListener("click", function () {
    var rows = document.getElementById("rows");
    var prefix = rows.dataset.prefix;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = document.getElementById("empty-row").innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    rows.lastElementChild.querySelector(".row-number").textContent = String(index + 1);
    total.value = String(index + 1);
    var first = rows.lastElementChild.querySelector("textarea, input:not([type=hidden]), select");
    if (first) first.focus();
  });
});
