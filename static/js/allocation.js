// Live sum of the allocation form, compared with the parent's target (the server checks again on save).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("allocation-form");
  if (!form) return;
  function parse(text) {
    text = (text || "").trim().replace(/\./g, "").replace(",", ".");
    var n = parseFloat(text);
    return isNaN(n) ? 0 : n;
  }
  function show(n) { return n.toLocaleString("vi-VN"); }
  function update() {
    var values = 0, baselines = 0;
    form.querySelectorAll("input[name^=value_]").forEach(function (i) { values += parse(i.value); });
    form.querySelectorAll("input[name^=baseline_]").forEach(function (i) { baselines += parse(i.value); });
    document.getElementById("value-sum").textContent = show(values);
    document.getElementById("baseline-sum").textContent = show(baselines);
    var target = document.getElementById("parent-value").dataset.value;
    var check = document.getElementById("live-check");
    if (target === "") { check.textContent = ""; return; }
    var diff = values - parseFloat(target);
    check.textContent = diff === 0 ? "Khớp với chỉ tiêu cấp trên." :
      (diff < 0 ? "Còn thiếu " + show(-diff) : "Thừa " + show(diff)) + " so với chỉ tiêu cấp trên.";
    check.className = "small " + (diff === 0 ? "text-success" : "text-danger");
  }
  form.addEventListener("input", update);
  update();
});
